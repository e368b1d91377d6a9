/**
 * "Next page" on a results card, and the wider searches offered on a no-match card: the button
 * carries the domain's sealed page token (the query and where Box's paging stands), checked on the
 * server before any Box call.
 */
import type { AdaptiveCard } from '../../cards';
import type { CardActionOf, CardActionTurn } from '../card-actions';
import { answerCard, staleSearchCard } from './answer-card';
import type { FindRouteDeps } from './deps';

export async function nextPage(
  deps: FindRouteDeps,
  { context, action }: CardActionTurn<CardActionOf<'footage.nextPage'>>,
): Promise<AdaptiveCard> {
  const answer = await deps.find.resume(action.queryToken);
  if (!answer) return staleSearchCard();
  return answerCard(deps, context, answer, undefined);
}
