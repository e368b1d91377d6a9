/**
 * Finding footage in Teams: the "Next page" and place-picking buttons and the message extension.
 * Typed searches reach `findText` through the command table.
 */
import type { Application, TurnState } from '@microsoft/teams-ai';
import { CARD_VERBS } from '../../cards';
import { onCardAction } from '../card-actions';
import type { TeamsServices } from '../deps';
import { staleSearchCard } from './answer-card';
import { registerMessageExtension } from './message-extension';
import { nextPage } from './next-page';
import { pickPlace } from './pick-place';

export function register(app: Application<TurnState>, services: TeamsServices): void {
  const deps = services.find;
  const stale = async () => staleSearchCard();
  onCardAction(app, CARD_VERBS.nextPage, (turn) => nextPage(deps, turn), stale);
  onCardAction(app, CARD_VERBS.pickPlace, (turn) => pickPlace(deps, turn), stale);
  registerMessageExtension(app, deps);
}
