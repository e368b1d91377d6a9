/**
 * What a person holds on a recording, from the bot's own records of the grants it made: the
 * ceiling of anything they may pass on (nobody shares longer or stronger access than they have).
 */
import { isActive } from '../access/active-grants';
import { decidesFor, type ApprovalScope } from '../access/authorise';
import { canDecide, type Person } from '../people';
import type { AccessLevel, AccessRequestRepository, PeopleRepository } from '../ports/store';

export type OwnAccess =
  | { kind: 'live'; access: AccessLevel; expiresAt: Date }
  /** They had access once and it has ended: refusals say so rather than "no access". */
  | { kind: 'ended'; endedAt: Date }
  | { kind: 'none' };

const REQUESTS_SCANNED = 200;
const DAY_MS = 24 * 60 * 60 * 1000;

export async function ownAccess(
  requests: AccessRequestRepository,
  person: Person,
  fileId: string,
  now: Date,
): Promise<OwnAccess> {
  let best: { access: AccessLevel; expiresAt: Date } | undefined;
  let ended: Date | undefined;
  for (const request of await requests.listByRequester(person.aadObjectId, { limit: REQUESTS_SCANNED })) {
    const recording = request.recordings.find((r) => r.boxFileId === fileId);
    if (!recording || !request.expiresAt) continue;
    if (isActive(request, now) && recording.state === 'granted') {
      if (!best || request.expiresAt > best.expiresAt)
        best = { access: best?.access === 'download' ? 'download' : request.access, expiresAt: request.expiresAt };
      else if (request.access === 'download') best = { ...best, access: 'download' };
    } else if (['expired', 'revoked', 'granted', 'partially_failed'].includes(request.status)) {
      const at = request.revokedAt ?? request.expiresAt;
      if (!ended || at > ended) ended = at;
    }
  }
  if (best) return { kind: 'live', ...best };
  return ended ? { kind: 'ended', endedAt: ended } : { kind: 'none' };
}

/** Whole days left of access that ends at `expiresAt` (what a share from it may last at most). */
export function wholeDaysLeft(expiresAt: Date, now: Date): number {
  return Math.floor((expiresAt.getTime() - now.getTime()) / DAY_MS);
}

/** Supervisors and admins share on their own authority; everyone else passes on what they hold. */
export function sharesOnOwnAuthority(person: Person): boolean {
  return canDecide(person);
}

/**
 * The shares waiting for a decision that `person` may take: not their own, and within
 * APPROVAL_SCOPE of the sharer (the decision checks it again).
 */
export async function decidableBy<T extends { sharerAadObjectId: string }>(
  people: Pick<PeopleRepository, 'findByAadObjectId'>,
  scope: ApprovalScope,
  person: Person,
  shares: readonly T[],
): Promise<T[]> {
  if (!canDecide(person)) return [];
  const mine = shares.filter((s) => s.sharerAadObjectId !== person.aadObjectId);
  const allowed = await Promise.all(
    mine.map(async (s) =>
      decidesFor(person, { scope, requester: await people.findByAadObjectId(s.sharerAadObjectId) }),
    ),
  );
  return mine.filter((_, i) => allowed[i]);
}
