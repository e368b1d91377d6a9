import { canDecide, type Person } from '../people';
import type { AccessRequest, AccessRequestStatus, Decision } from '../ports/store';

/**
 * Who may do what to a request, decided from the store's records only (the person from the roster,
 * the request as stored), never from what a card or client says. Pure, so every rule is tested
 * without a database.
 */
export type RefusalCode =
  | 'not_found'
  | 'not_an_approver'
  | 'own_request'
  | 'not_pending'
  | 'duration_too_long'
  | 'invalid_duration'
  | 'not_revocable'
  | 'invalid_action'
  | 'requester_not_listed';

export interface Refusal {
  code: RefusalCode;
  /** Safe to show to the person who acted. */
  message: string;
}

export interface DecisionRequest {
  decision: Decision;
  /** For approvals: what the approver picked; null means "as asked". */
  durationDays: number | null;
}

/**
 * Who decides: by default a supervisor decides the requests of their own borough's officers and an
 * administrator any; `force` lets any supervisor decide (a force without borough supervisors).
 */
export type ApprovalScope = 'borough' | 'force';

/** The scope and the requester as the roster has them (undefined: no longer on the roster). */
export interface DecisionScope {
  scope: ApprovalScope;
  requester: Person | undefined;
}

/** Whether `decider` may decide (or be asked to decide) requests of `requester`; their own aside. */
export function decidesFor(decider: Person, { scope, requester }: DecisionScope): boolean {
  if (decider.role === 'admin') return true;
  if (decider.role !== 'supervisor') return false;
  if (scope === 'force') return true;
  return Boolean(requester?.borough) && decider.borough === requester?.borough;
}

/** "a Lambeth supervisor or an administrator": said on refusals and cards. */
export function whoCanDecide({ scope, requester }: DecisionScope): string {
  if (scope === 'force') return 'a supervisor or an administrator';
  return requester?.borough ? `a ${requester.borough} supervisor or an administrator` : 'an administrator';
}

export type DecisionCheck = { ok: true; approvedDurationDays: number | null } | { ok: false; refusal: Refusal };

/** Statuses from which access may still be live or being set up, so revoking makes sense. */
export const REVOCABLE_STATUSES: readonly AccessRequestStatus[] = [
  'approved',
  'granting',
  'granted',
  'partially_failed',
];

/** Without `scope`, any supervisor may decide (the rule before boroughs were checked). */
export function checkDecision(
  decider: Person,
  request: AccessRequest | undefined,
  input: DecisionRequest,
  maxDurationDays: number,
  scope?: DecisionScope,
): DecisionCheck {
  if (!request) return refuse('not_found', 'That request does not exist (any more).');
  if (!canDecide(decider))
    return refuse('not_an_approver', 'Only a supervisor or an administrator can decide access requests.');
  if (scope && !decidesFor(decider, scope)) {
    return refuse('not_an_approver', `Only ${whoCanDecide(scope)} can decide this request.`);
  }
  if (request.requesterAadObjectId === decider.aadObjectId) {
    return refuse('own_request', 'You cannot decide your own request: another supervisor has to.');
  }
  if (request.status !== 'pending')
    return refuse(
      'not_pending',
      `This request is no longer waiting for a decision (it is ${describeStatus(request.status)}).`,
    );
  if (input.decision === 'rejected') return { ok: true, approvedDurationDays: null };
  const days = input.durationDays ?? request.durationDays;
  if (!Number.isInteger(days) || days < 1) return refuse('invalid_duration', 'Choose a duration of at least 1 day.');
  if (days > request.durationDays || days > maxDurationDays) {
    const limit = Math.min(request.durationDays, maxDurationDays);
    return refuse(
      'duration_too_long',
      `Access can be shortened but not lengthened: at most ${limit} ${limit === 1 ? 'day' : 'days'}.`,
    );
  }
  return { ok: true, approvedDurationDays: days };
}

/**
 * Approving gives the requester access, so they must still be in the directory with a role: a
 * leaver's or a revoked person's pending request can only be rejected.
 */
export function checkRequesterListed(
  requester: Person | undefined,
  decision: Decision,
): { ok: true } | { ok: false; refusal: Refusal } {
  if (decision !== 'approved' || requester) return { ok: true };
  return refuse(
    'requester_not_listed',
    'This request cannot be approved: the officer who asked no longer has access to the bot (they left the directory or lost their role). You can still reject it.',
  );
}

export type RevocationCheck = { ok: true } | { ok: false; refusal: Refusal };

export function checkRevocation(revoker: Person, request: AccessRequest | undefined): RevocationCheck {
  if (!request) return refuse('not_found', 'That request does not exist (any more).');
  if (!canDecide(revoker)) return refuse('not_an_approver', 'Only a supervisor or an administrator can revoke access.');
  if (!REVOCABLE_STATUSES.includes(request.status)) {
    return refuse('not_revocable', `There is no access to revoke: the request is ${describeStatus(request.status)}.`);
  }
  return { ok: true };
}

export function describeStatus(status: AccessRequestStatus): string {
  switch (status) {
    case 'pending':
      return 'waiting for a decision';
    case 'approved':
      return 'approved';
    case 'granting':
      return 'approved, with access being set up';
    case 'granted':
      return 'approved and granted';
    case 'partially_failed':
      return 'approved, but access could not be fully set up';
    case 'failed':
      return 'approved, but access could not be set up';
    case 'rejected':
      return 'rejected';
    case 'expired':
      return 'expired';
    case 'revoked':
      return 'revoked';
  }
}

function refuse(code: RefusalCode, message: string): { ok: false; refusal: Refusal } {
  return { ok: false, refusal: { code, message } };
}

export type ViewerRole = 'approver' | 'requester' | 'other';

/** Which view of a request a person gets: decided from the roster and the stored request. */
export function viewerRoleOf(person: Person, request: AccessRequest, scope?: DecisionScope): ViewerRole {
  if (person.aadObjectId === request.requesterAadObjectId) return 'requester';
  if (!canDecide(person)) return 'other';
  return !scope || decidesFor(person, scope) ? 'approver' : 'other';
}
