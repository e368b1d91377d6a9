/**
 * Recording a decision on one access request inside the caller's transaction: the compare-and-set,
 * its audit entry and, for an approval, the grant job. Shared by the approval card and by decisions
 * taken for several requests at once (a share with colleagues), so both leave the same trail.
 */
import type { Person } from '../people';
import type { DecideResult, Decision, JsonObject, StoreRepositories } from '../ports/store';
import { requestTarget } from './audit';
import { ACCESS_JOB_KINDS, grantJobKey, requestJobPayload } from './jobs';

export interface DecisionRecord {
  requestId: string;
  decision: Decision;
  comment: string | null;
  /** Null: as asked. */
  approvedDurationDays: number | null;
  /** Added to the audit entry (e.g. the share the request belongs to). */
  details?: JsonObject;
}

export async function recordDecision(
  tx: StoreRepositories,
  decider: Person,
  input: DecisionRecord,
): Promise<DecideResult> {
  const decided = await tx.requests.decide({
    requestId: input.requestId,
    deciderAadObjectId: decider.aadObjectId,
    decision: input.decision,
    comment: input.comment,
    ...(input.approvedDurationDays === null ? {} : { approvedDurationDays: input.approvedDurationDays }),
  });
  if (decided.outcome !== 'decided') return decided;
  await tx.audit.append({
    actor: decider.aadObjectId,
    action: input.decision,
    target: requestTarget(input.requestId),
    details: {
      comment: input.comment,
      approvedDurationDays: decided.request.approvedDurationDays,
      expiresAt: decided.request.expiresAt?.toISOString() ?? null,
      ...input.details,
    },
  });
  if (input.decision === 'approved') {
    await tx.jobs.enqueue({
      kind: ACCESS_JOB_KINDS.grant,
      uniqueKey: grantJobKey(input.requestId),
      payload: requestJobPayload(input.requestId),
    });
  }
  return decided;
}
