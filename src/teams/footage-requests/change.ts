/** Cancel and Extend on the link card, re-authorised on the server (requester, their supervisors, an admin). */
import { footageRequestCard, refusalCard, type AdaptiveCard } from '../../cards';
import { formatLondonDateTime } from '../../footage/london-time';
import type { Person } from '../../footage/people';
import { notConfiguredCard, type FootageRequestRouteDeps } from './deps';

export async function cancelRequest(
  deps: FootageRequestRouteDeps,
  person: Person,
  requestId: string,
): Promise<AdaptiveCard> {
  if (!deps.service) return notConfiguredCard();
  const outcome = await deps.service.cancel(person, requestId);
  if (outcome.kind === 'refused') return refusalCard({ reason: outcome.refusal.message });
  return footageRequestCard(
    await deps.views.request(outcome.request, { text: 'Cancelled: the upload links are closed.', style: 'default' }),
  );
}

/**
 * The card's refresh: its current state for those who may manage the request (a forwarded copy shows
 * nothing to anyone else).
 */
export async function refreshRequest(
  deps: FootageRequestRouteDeps,
  person: Person,
  requestId: string,
): Promise<AdaptiveCard> {
  if (!deps.service) return notConfiguredCard();
  const request = await deps.service.forCard(person, requestId);
  if (!request)
    return refusalCard({
      reason: 'Only the officer who asked, their supervisors or an administrator can see this footage request.',
    });
  return footageRequestCard(await deps.views.request(request));
}

export async function extendRequest(
  deps: FootageRequestRouteDeps,
  person: Person,
  requestId: string,
): Promise<AdaptiveCard> {
  if (!deps.service) return notConfiguredCard();
  const outcome = await deps.service.extend(person, requestId);
  if (outcome.kind === 'refused') return refusalCard({ reason: outcome.refusal.message });
  return footageRequestCard(
    await deps.views.request(outcome.request, {
      text: `Extended: the links stay open until ${formatLondonDateTime(outcome.request.expiresAt, { zone: true })}.`,
      style: 'good',
    }),
  );
}
