/** A place picked among several of the same name: the text is searched again, at its first "now". */
import type { AdaptiveCard } from '../../cards';
import type { CardActionOf, CardActionTurn } from '../card-actions';
import { answerCard, staleSearchCard } from './answer-card';
import type { FindRouteDeps } from './deps';
import { decodeToken } from './query-token';

export async function pickPlace(
  deps: FindRouteDeps,
  { context, action }: CardActionTurn<CardActionOf<'footage.pickPlace'>>,
): Promise<AdaptiveCard> {
  const token = decodeToken(action.queryToken);
  if (!token || token.k !== 'pick') return staleSearchCard();
  const answer = await deps.find.find(token.t, new Date(token.n), { chosenPlace: action.placeId });
  return answerCard(deps, context, answer, token);
}
