/** Requesting, approving, granting, expiring and revoking access to recordings (issue 4). */
export { activeGrantsFor, boxFileUrl, isActive, openUrlFor, type ActiveGrant } from './active-grants';
export { checkDecision, checkRevocation, describeStatus, REVOCABLE_STATUSES, viewerRoleOf, type Refusal, type RefusalCode, type ViewerRole } from './authorise';
export { requestTarget } from './audit';
export { BoxUserLookup } from './box-users';
export { RecordingCatalog, type CatalogBox } from './catalog';
export { ExpirySweep, RevokeJob, type EndingDeps } from './ending';
export { checkRequestForm, CASE_REFERENCE_PATTERN, MAX_JUSTIFICATION_CHARS, MAX_REASON_CHARS, type DurationPolicy, type RequestFormInput } from './form';
export { GrantJob, type GrantDeps, type GrantSettings } from './grant';
export { ACCESS_JOB_KINDS, type JobHandler, type JobOutcome, type RecurringJob } from './jobs';
export { LIVE_STATUSES } from './live-grants';
export type { AccessNotifier } from './notifier';
export { eligibleApprovers, planRouting } from './routing';
export { AccessService, MIN_REQUEST_ID_PREFIX, type AccessServiceDeps, type DecideInput, type DecideOutcome, type RevokeOutcome, type SubmitInput, type SubmitOutcome, wasRouted } from './service';
