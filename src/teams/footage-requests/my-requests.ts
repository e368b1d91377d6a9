/** `my footage requests`: the officer's latest requests and where each stands. */
import { footageRequestListCard, type AdaptiveCard } from '../../cards';
import type { Person } from '../../footage/people';
import { notConfiguredCard, type FootageRequestRouteDeps } from './deps';

const SHOWN = 10;

export async function myFootageRequests(deps: FootageRequestRouteDeps, person: Person): Promise<AdaptiveCard> {
  if (!deps.service) return notConfiguredCard();
  const requests = await deps.service.requestsOf(person, SHOWN);
  return footageRequestListCard(
    requests.map((r) => deps.views.listItem(r)),
    requests.length === SHOWN ? `Showing your ${SHOWN} most recent requests.` : undefined,
  );
}
