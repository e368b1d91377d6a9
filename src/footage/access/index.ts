/** Requesting, approving, granting, expiring and revoking access to recordings. */

export { activeGrantsFor, boxFileUrl, openUrlFor } from './active-grants';
export { requestTarget } from './audit';
export { checkDecision, checkRevocation, viewerRoleOf, type Refusal, type ViewerRole } from './authorise';
export { BoxUserLookup } from './box-users';
export { RecordingCatalog, type CatalogBox } from './catalog';
export { ExpirySweep, RevokeJob } from './ending';
export { checkRequestForm } from './form';
export { GrantJob } from './grant';
export { ACCESS_JOB_KINDS } from './jobs';

export type { AccessRequest, AccessRequestStatus, CardKind, ConversationAddress, RequestCard } from '../ports/store';
export type { AccessNotifier } from './notifier';
export { AccessRecords } from './records';
export { eligibleApprovers, planRouting } from './routing';
export { AccessService } from './service';
