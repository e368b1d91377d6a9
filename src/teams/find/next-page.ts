/** "Next page" on a results card: the understood query travels in the button, so nothing is re-read. */
import type { AdaptiveCard } from '../../cards';
import { decodeQuery } from '../../footage/query';
import type { CardActionOf, CardActionTurn } from '../card-actions';
import { answerCard, staleSearchCard } from './answer-card';
import type { FindRouteDeps } from './deps';
import { decodeToken } from './query-token';

export async function nextPage(deps: FindRouteDeps, { context, action }: CardActionTurn<CardActionOf<'footage.nextPage'>>): Promise<AdaptiveCard> {
  const token = decodeToken(action.queryToken);
  const query = token?.k === 'page' ? decodeQuery(token.q) : undefined;
  if (!token || token.k !== 'page' || !query) return staleSearchCard();
  return answerCard(deps, context, await deps.find.page(query, token.p), token);
}
