/**
 * Builds the footage-request flow from its parts: the domain service and the one arrival path, the
 * jobs (webhook deliveries, arrivals, polling when Box cannot reach the bot, link expiry), the Teams
 * notifier, and the receiver behind POST /api/box/webhooks. The composition root registers `routes`,
 * hands the jobs to the job runner and the receiver to the HTTP edge.
 */
import type { TurnContext } from 'botbuilder';
import {
  acceptDelivery,
  AnnounceCompletedJob,
  ArrivalJob,
  ArrivalService,
  camerasToAsk,
  CloseLinkJob,
  DeliveryJob,
  enqueueArrival,
  FOOTAGE_JOB_KINDS,
  FootageExpirySweep,
  FootageRequestService,
  PollJob,
  SubmissionService,
  type ForceIdentity,
} from '../../footage/footage-requests';
import type { BoxPort } from '../../footage/ports/box';
import type { IntakeBoxPort } from '../../footage/ports/intake-box';
import type { Store } from '../../footage/ports/store';
import type { FootageQuery, Gazetteer } from '../../footage/query';
import type { BoxWebhookReceiver } from '../../http/box-webhooks';
import type { JobHandler, RecurringJob } from '../../workers';
import { Proactive, type ContinuingAdapter } from '../access/proactive';
import type { FootageRequestRouteDeps } from './deps';
import { TeamsFootageNotifier } from './notifier';
import { FootageRequestViews } from './views';

export interface FootageRequestFeatureOptions {
  store: Store;
  box: BoxPort;
  intake: IntakeBoxPort;
  adapter: ContinuingAdapter;
  botAppId: string;
  gazetteer: Gazetteer;
  /** Undefined: no template file request, so requests cannot be made (the cards say so). */
  templateId: string | undefined;
  defaultLinkDays: number;
  force: ForceIdentity;
  footageRoot: readonly string[];
  accessDays: number;
  jobs: { maxAttempts: number; retryBaseMs: number; expirySweepMs: number };
  /** Poll the intake folders (no PUBLIC_URL): every this many ms; undefined: webhooks only. */
  pollMs: number | undefined;
  /** After a camera's first file, how long until its link closes (one submission per link). */
  submissionSettleMs: number;
  verifySignature: BoxWebhookReceiver['verify'];
  /** "Now" for what an officer typed (CLOCK_NOW for demos, else when the message was sent). */
  now(context: TurnContext): Date;
  /** The real clock: link expiry and "not in the future" are about real time. Default: the system clock. */
  clock?: () => Date;
}

export interface FootageRequestFeature {
  routes: FootageRequestRouteDeps;
  jobHandlers: JobHandler[];
  recurring: RecurringJob[];
  webhookReceiver: BoxWebhookReceiver;
  arrival: ArrivalService;
  /** For the find command's no-match card: cameras whose owners could be asked (none when requests are off). */
  camerasToAsk(query: FootageQuery): string[];
  /** For a results card: which of these cameras' owners could be asked (registered, footage not flowing to Box). */
  askableCameras(cameraIds: readonly string[]): string[];
  onJobEnqueued(listener: () => void): void;
}

export function createFootageRequestFeature(options: FootageRequestFeatureOptions): FootageRequestFeature {
  const { store, box, intake } = options;
  let wake: (() => void) | undefined;
  const jobEnqueued = () => wake?.();
  const views = new FootageRequestViews(store, options.force);
  const notifier = new TeamsFootageNotifier(store, new Proactive(options.adapter, options.botAppId), views);
  const service = options.templateId
    ? new FootageRequestService({
        store,
        intake,
        registry: options.gazetteer,
        policy: { defaultLinkDays: options.defaultLinkDays, templateId: options.templateId, force: options.force },
        now: options.clock ?? (() => new Date()),
      })
    : undefined;
  const arrival = new ArrivalService({
    store,
    box,
    intake,
    notifier,
    settings: {
      footageRoot: options.footageRoot,
      accessDays: options.accessDays,
      submissionSettleMs: options.submissionSettleMs,
    },
    jobEnqueued,
    ...(options.clock ? { now: options.clock } : {}),
  });
  const submission = new SubmissionService({
    store,
    intake,
    box,
    notifier,
    enqueueArrival: (target) => enqueueArrival(store, { ...target, source: 'file_request' }),
    jobEnqueued,
  });
  const jobHandlers: JobHandler[] = [
    new DeliveryJob({ store, jobEnqueued }),
    new ArrivalJob({ arrival, settings: options.jobs }),
    new PollJob({ store, box, jobEnqueued }),
    new CloseLinkJob({ submission, settings: options.jobs }),
    new AnnounceCompletedJob({ submission }),
  ];
  const recurring: RecurringJob[] = [];
  if (service) {
    jobHandlers.push(new FootageExpirySweep(service));
    recurring.push({ kind: FOOTAGE_JOB_KINDS.expirySweep, everyMs: options.jobs.expirySweepMs });
  }
  if (options.pollMs !== undefined) recurring.push({ kind: FOOTAGE_JOB_KINDS.poll, everyMs: options.pollMs });
  return {
    routes: { store, service, gazetteer: options.gazetteer, views, now: (context) => options.now(context) },
    jobHandlers,
    recurring,
    arrival,
    camerasToAsk: (query) => (service ? camerasToAsk(query, options.gazetteer).map((c) => c.cameraId) : []),
    askableCameras: (cameraIds) =>
      service
        ? [...new Set(cameraIds)].filter((id) => {
            const camera = options.gazetteer.camera(id);
            return camera !== undefined && !camera.footageFlowsToBox;
          })
        : [],
    webhookReceiver: {
      verify: options.verifySignature,
      accept: (input) => acceptDelivery(store, input),
      accepted: jobEnqueued,
    },
    onJobEnqueued: (listener) => {
      wake = listener;
    },
  };
}
