import type { Person } from '../people';
import { decidesFor, type ApprovalScope } from './authorise';

/**
 * Who is asked to decide a request. Supervisors of the requester's borough come first; when none of
 * them can be reached the request goes to the others who may decide it (every other supervisor
 * with APPROVAL_SCOPE=force, otherwise the administrators), so an officer of a borough without a
 * (reachable) supervisor is not left waiting on nobody. Admins may decide any request, but are not
 * sent every one: they see the queue with `approvals`.
 */
export interface RoutingPlan {
  /** Supervisors of the requester's borough. */
  borough: Person[];
  /** Asked only when no one in `borough` could be reached. */
  fallback: Person[];
}

export function planRouting(
  requester: Person,
  deciders: readonly Person[],
  scope: ApprovalScope = 'force',
): RoutingPlan {
  const others = deciders.filter((p) => p.aadObjectId !== requester.aadObjectId && decidesFor(p, { scope, requester }));
  const sameBorough = (p: Person): boolean =>
    p.role === 'supervisor' && requester.borough !== null && p.borough === requester.borough;
  const fallback = others.filter(
    (p) => !sameBorough(p) && (scope === 'force' ? p.role === 'supervisor' : p.role === 'admin'),
  );
  return { borough: others.filter(sameBorough), fallback };
}

/**
 * Everyone who may decide the request, in the order their views matter (Teams gives personal views
 * to a limited number of people): the requester's borough supervisors, other supervisors, admins.
 */
export function eligibleApprovers(
  requester: Person,
  deciders: readonly Person[],
  scope: ApprovalScope = 'force',
): Person[] {
  const candidates = deciders.filter(
    (p) => p.aadObjectId !== requester.aadObjectId && decidesFor(p, { scope, requester }),
  );
  const rank = (p: Person): number =>
    p.role === 'supervisor' ? (requester.borough !== null && p.borough === requester.borough ? 0 : 1) : 2;
  return [...candidates].sort((a, b) => rank(a) - rank(b) || a.name.localeCompare(b.name));
}
