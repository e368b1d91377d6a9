/**
 * Builds sharing and custody from their parts: the domain services and jobs, the Box side, and the
 * Teams notifier. The composition root calls `register(app)`, hands `jobHandlers` and `recurring`
 * to the job runner, and lets `handleText` see typed messages before the other commands.
 */
import type { Application, TurnState } from '@microsoft/teams-ai';
import type { TurnContext } from 'botbuilder';
import type { RecordingCatalog } from '../../footage/access';
import type { ApprovalScope } from '../../footage/access/authorise';
import type { DurationPolicy } from '../../footage/access/form';
import { BoxEventIngest, Custody, CUSTODY_JOB_KINDS } from '../../footage/custody';
import type { BoxPort } from '../../footage/ports/box';
import type { Store } from '../../footage/ports/store';
import {
  ColleagueSharing,
  PARTNER_JOB_KINDS,
  PartnerEndJob,
  PartnerExpirySweep,
  PartnerGrantJob,
  PartnerSharing,
  shareRouteJobs,
  ShareRouting,
  type BoxSharingPort,
  type Partner,
  type SharingStoreExtension,
} from '../../footage/sharing';
import type { JobHandler, RecurringJob } from '../../workers';
import { Proactive, type ContinuingAdapter } from '../access/proactive';
import { registerSharingActions } from './actions';
import { handleSharingText } from './commands';
import type { SharingRouteDeps } from './deps';
import { TeamsSharingNotifier } from './notifier';
import { registerPeopleSearch } from './people-search';
import { SharingViews } from './views';

export interface SharingFeatureOptions {
  store: Store & SharingStoreExtension;
  box: BoxPort & { readonly sharing: BoxSharingPort };
  catalog: RecordingCatalog;
  adapter: ContinuingAdapter;
  botAppId: string;
  partners: readonly Partner[];
  policy: DurationPolicy;
  jobs: { maxAttempts: number; retryBaseMs: number; expirySweepMs: number; eventIngestMs: number; leaseMs?: number };
  /** Who may decide whose shares (APPROVAL_SCOPE), as for access requests. */
  approvalScope?: ApprovalScope;
  now?: () => Date;
}

export interface SharingFeature {
  deps: SharingRouteDeps;
  register(app: Application<TurnState>): void;
  /** True when the text was a sharing or custody command (and has been answered). */
  handleText(context: TurnContext): Promise<boolean>;
  jobHandlers: JobHandler[];
  recurring: RecurringJob[];
  onJobEnqueued(listener: () => void): void;
  /** An access request changed: when it is a share member's, the share's cards are redrawn. */
  requestChanged(requestId: string): Promise<void>;
}

export function createSharingFeature(options: SharingFeatureOptions): SharingFeature {
  const { store, box, catalog, partners, policy, jobs } = options;
  const now = options.now ?? (() => new Date());
  let wake: (() => void) | undefined;
  const jobEnqueued = (): void => wake?.();
  const scope = options.approvalScope ?? 'borough';
  const views = new SharingViews({ store, catalog, partners, scope, now });
  const notifier = new TeamsSharingNotifier(store, new Proactive(options.adapter, options.botAppId), views);
  const routing = new ShareRouting({ store, scope }, notifier);
  // The routing job is due once the first attempt, made as the share is created, must be over.
  const routingGraceMs = jobs.leaseMs ?? 60_000;
  const sharingDeps = { store, policy, notifier, routing, scope, routingGraceMs, now, jobEnqueued };
  const colleagues = new ColleagueSharing(sharingDeps);
  const partnerSharing = new PartnerSharing({ ...sharingDeps, partners });
  const custody = new Custody({
    store,
    box: {
      ...box.sharing,
      getRecordingMetadata: (id) => box.getRecordingMetadata(id),
      ensureFolderPath: (names) => box.ensureFolderPath(names),
    },
    now,
  });
  const partnerJobs = {
    store,
    box: { ...box.sharing, removeCollaboration: (id: string) => box.removeCollaboration(id) },
    notifier,
    now,
    maxAttempts: jobs.maxAttempts,
    retryBaseMs: jobs.retryBaseMs,
  };
  const deps: SharingRouteDeps = { store, colleagues, partners: partnerSharing, custody, catalog, views, policy, now };
  return {
    deps,
    register: (app) => {
      registerSharingActions(app, deps);
      registerPeopleSearch(app, store);
    },
    handleText: (context) => handleSharingText(context, deps),
    jobHandlers: [
      ...shareRouteJobs({ store, scope, maxAttempts: jobs.maxAttempts, retryBaseMs: jobs.retryBaseMs }, notifier),
      new PartnerGrantJob(partnerJobs),
      new PartnerEndJob(partnerJobs),
      new PartnerExpirySweep(partnerJobs),
      new BoxEventIngest({ store, box: box.sharing }),
    ],
    recurring: [
      { kind: PARTNER_JOB_KINDS.expirySweep, everyMs: jobs.expirySweepMs },
      { kind: CUSTODY_JOB_KINDS.ingestEvents, everyMs: jobs.eventIngestMs },
    ],
    onJobEnqueued: (listener) => {
      wake = listener;
    },
    requestChanged: async (requestId) => {
      const group = await store.sharing.shareGroups.findByRequest(requestId);
      if (group) await notifier.shareChanged(group.id);
    },
  };
}
