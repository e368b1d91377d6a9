/**
 * Builds the chat upload flow from its parts: the domain service, the transfer job and the staging
 * reminder, the Teams notifier and the download of Teams' links. The composition root registers
 * `routes` and hands the jobs to the job runner.
 */
import type { ChatUploadSettings } from '../../config';
import {
  CHAT_UPLOAD_JOB_KINDS,
  ChatUploadService,
  StagingReminderJob,
  TransferJob,
  type AttachmentSource,
  type ChatUploadRegistry,
} from '../../footage/chat-upload';
import type { ChatUploadBoxPort } from '../../footage/ports/chat-upload-box';
import type { IntakeBoxPort } from '../../footage/ports/intake-box';
import type { Store } from '../../footage/ports/store';
import type { JobHandler, RecurringJob } from '../../workers';
import { Proactive, type ContinuingAdapter } from '../access/proactive';
import { teamsDownloads } from './download';
import { TeamsChatUploadNotifier } from './notifier';
import type { ChatUploadRouteDeps } from './routes';

export interface ChatUploadFeatureOptions {
  store: Store;
  box: ChatUploadBoxPort;
  intake: Pick<IntakeBoxPort, 'ensureIntakeFolder' | 'findBySha256'>;
  adapter: ContinuingAdapter;
  botAppId: string;
  registry: ChatUploadRegistry;
  settings: ChatUploadSettings;
  jobs: { maxAttempts: number; retryBaseMs: number };
  /** Where attachments are read from; default: Teams' download links over HTTPS. */
  source?: AttachmentSource;
  /** The real clock (windows "in the future", reminders). Default: the system clock. */
  clock?: () => Date;
}

export interface ChatUploadFeature {
  routes: ChatUploadRouteDeps;
  jobHandlers: JobHandler[];
  recurring: RecurringJob[];
  service: ChatUploadService;
  onJobEnqueued(listener: () => void): void;
}

export function createChatUploadFeature(options: ChatUploadFeatureOptions): ChatUploadFeature {
  const { store, settings } = options;
  let wake: (() => void) | undefined;
  const jobEnqueued = () => wake?.();
  const notifier = new TeamsChatUploadNotifier(store, new Proactive(options.adapter, options.botAppId), settings);
  const service = new ChatUploadService({
    store,
    box: options.box,
    registry: options.registry,
    notifier,
    now: options.clock ?? (() => new Date()),
    jobEnqueued,
  });
  const transfer = new TransferJob({
    store,
    box: options.box,
    intake: options.intake,
    source: options.source ?? teamsDownloads,
    notifier,
    service,
    settings: {
      maxBytes: settings.maxBytes,
      progressAboveBytes: settings.directMaxBytes,
      progressEveryMs: settings.progressEveryMs,
      idleTimeoutMs: settings.idleTimeoutMs,
      maxAttempts: options.jobs.maxAttempts,
      retryBaseMs: options.jobs.retryBaseMs,
    },
  });
  return {
    routes: { store, service, notifier, maxBytes: settings.maxBytes },
    jobHandlers: [transfer, new StagingReminderJob(service, settings.stagingDays)],
    recurring: [{ kind: CHAT_UPLOAD_JOB_KINDS.stagingReminder, everyMs: settings.stagingSweepMs }],
    service,
    onJobEnqueued: (listener) => {
      wake = listener;
    },
  };
}
