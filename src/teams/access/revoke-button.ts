/** "Revoke access" on a decided approval card. */
import type { AdaptiveCard } from '../../cards';
import type { CardActionOf, CardActionTurn } from '../card-actions';
import { refusalAnswer, revokedCard, type AccessRouteDeps } from './deps';

export async function revokeButton(
  deps: AccessRouteDeps,
  { person, action }: CardActionTurn<CardActionOf<'grant.revoke'>>,
): Promise<AdaptiveCard> {
  const outcome = await deps.service.revoke(person, action.requestId);
  if (outcome.kind === 'refused') return refusalAnswer(outcome.refusal);
  return revokedCard(deps, person, outcome.request);
}
