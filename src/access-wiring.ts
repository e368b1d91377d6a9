/**
 * Composition of the access flow, kept out of bot.ts like the other features' wiring: the domain
 * service and jobs, Box lookups, and the Teams notifier that reaches people proactively. bot.ts
 * registers `routes` with the Teams app and hands `jobHandlers` and `recurring` to the job runner.
 */
import {
  ACCESS_JOB_KINDS,
  AccessRecords,
  AccessService,
  BoxUserLookup,
  ExpirySweep,
  GrantJob,
  RecordingCatalog,
  RevokeJob,
} from './footage/access';
import type { ApprovalScope } from './footage/access/authorise';
import { accessRouteJob } from './footage/access/routing-job';
import type { AccessServiceDeps } from './footage/access/service';
import type { BoxPort } from './footage/ports/box';
import type { Store } from './footage/ports/store';
import type { AccessRouteDeps } from './teams/access/deps';
import { TeamsAccessNotifier } from './teams/access/notifier';
import { Proactive, type ContinuingAdapter } from './teams/access/proactive';
import { RequestViews } from './teams/access/views';
import type { JobHandler, RecurringJob } from './workers';

export interface AccessFeatureOptions {
  store: Store;
  box: BoxPort;
  adapter: ContinuingAdapter;
  /** The bot's app id for proactive messages; empty in anonymous local mode. */
  botAppId: string;
  policy: { maxDurationDays: number; defaultDurationDays: number; sharedLinks: boolean };
  jobs: { maxAttempts: number; retryBaseMs: number; expirySweepMs: number; leaseMs?: number };
  approvalScope?: ApprovalScope;
  now?: () => Date;
  decidedElsewhere?: AccessServiceDeps['decidedElsewhere'];
  /** Called after a request's own cards were redrawn: other cards showing it (a share's) follow. */
  onRequestChanged?: (requestId: string) => Promise<void>;
}

export interface AccessFeature {
  routes: AccessRouteDeps;
  jobHandlers: JobHandler[];
  recurring: RecurringJob[];
  /** Tells the feature how to wake the local job runner when it enqueues a job. */
  onJobEnqueued(listener: () => void): void;
}

export function createAccessFeature(options: AccessFeatureOptions): AccessFeature {
  const { store, box, policy, jobs } = options;
  const now = options.now ?? (() => new Date());
  const catalog = new RecordingCatalog(box);
  const boxUsers = new BoxUserLookup(box);
  let wake: (() => void) | undefined;
  const records = new AccessRecords(store);
  const views = new RequestViews({ records, catalog, boxUsers, box, scope: options.approvalScope ?? 'borough' });
  const notifier = new TeamsAccessNotifier(
    records,
    new Proactive(options.adapter, options.botAppId),
    views,
    options.onRequestChanged,
  );
  const service = new AccessService({
    store,
    catalog,
    boxUsers,
    notifier,
    policy,
    approvalScope: options.approvalScope,
    routingGraceMs: jobs.leaseMs,
    jobEnqueued: () => wake?.(),
    decidedElsewhere: options.decidedElsewhere,
  });
  const ending = { store, box, notifier, now, maxAttempts: jobs.maxAttempts, retryBaseMs: jobs.retryBaseMs };
  return {
    routes: { records, service, catalog, views },
    jobHandlers: [
      new GrantJob({
        store,
        box,
        notifier,
        now,
        settings: { sharedLinks: policy.sharedLinks, maxAttempts: jobs.maxAttempts, retryBaseMs: jobs.retryBaseMs },
      }),
      new RevokeJob(ending),
      accessRouteJob({
        store,
        notifier,
        scope: service.scope,
        maxAttempts: jobs.maxAttempts,
        retryBaseMs: jobs.retryBaseMs,
      }),
      new ExpirySweep(ending),
    ],
    recurring: [{ kind: ACCESS_JOB_KINDS.expirySweep, everyMs: jobs.expirySweepMs }],
    onJobEnqueued: (listener) => {
      wake = listener;
    },
  };
}
