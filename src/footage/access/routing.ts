import type { Person } from '../people';

/**
 * Who is asked to decide a request. Supervisors of the requester's borough come first; when none of
 * them can be reached the request goes to every supervisor, so an officer of a borough without a
 * (reachable) supervisor is not left waiting on nobody. Admins may decide too, but are not sent
 * every request: they see the queue with `approvals`.
 */
export interface RoutingPlan {
  /** Supervisors of the requester's borough. */
  borough: Person[];
  /** Every other supervisor: asked only when no one in `borough` could be reached. */
  fallback: Person[];
}

export function planRouting(requester: Person, supervisors: readonly Person[]): RoutingPlan {
  const others = supervisors.filter((s) => s.aadObjectId !== requester.aadObjectId && s.role === 'supervisor');
  const sameBorough = (s: Person): boolean => requester.borough !== null && s.borough === requester.borough;
  return { borough: others.filter(sameBorough), fallback: others.filter((s) => !sameBorough(s)) };
}

/**
 * Everyone who may decide the request, in the order their views matter (Teams gives personal views
 * to a limited number of people): the requester's borough supervisors, other supervisors, admins.
 */
export function eligibleApprovers(requester: Person, deciders: readonly Person[]): Person[] {
  const candidates = deciders.filter((p) => p.aadObjectId !== requester.aadObjectId && (p.role === 'supervisor' || p.role === 'admin'));
  const rank = (p: Person): number => (p.role === 'supervisor' ? (requester.borough !== null && p.borough === requester.borough ? 0 : 1) : 2);
  return [...candidates].sort((a, b) => rank(a) - rank(b) || a.name.localeCompare(b.name));
}
