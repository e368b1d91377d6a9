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
