/** Teams asks for the viewer's own view of a request card (Universal Actions refresh): decided from the roster and the store. */
import type { AdaptiveCard } from '../../cards';
import { MESSAGES } from '../../footage/messages';
import type { CardActionOf, CardActionTurn } from '../card-actions';
import { refusalAnswer, type AccessRouteDeps } from './deps';

export async function refresh(
  deps: AccessRouteDeps,
  { person, action }: CardActionTurn<CardActionOf<'request.refresh'>>,
): Promise<AdaptiveCard> {
  const request = await deps.service.getRequest(action.requestId);
  if (!request) return refusalAnswer({ code: 'not_found', message: MESSAGES.requestNotFound });
  return deps.views.cardFor(request, await deps.service.viewerRole(person, request));
}
