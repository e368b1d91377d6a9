/**
 * The one way card buttons (Universal Actions, `Action.Execute`) are handled: the verb's data is
 * parsed into a typed action, the handler returns what the clicker should see, and this module alone
 * turns that into the invoke response. A Box outage becomes a card here too, so no handler has to
 * remember it and Teams never shows its own "something went wrong".
 */
import type { Application, TurnState } from '@microsoft/teams-ai';
import type { TurnContext } from 'botbuilder';
import { boxUnavailableCard, parseCardAction, type AdaptiveCard, type ParsedCardAction } from '../cards';
import { UpstreamUnavailableError } from '../footage/errors';
import type { Person } from '../footage/people';
import { personOf } from './person';
import { answerActionWithCard, answerActionWithMessage } from './turn-helpers';

type Verb = ParsedCardAction['verb'];
export type CardActionOf<V extends Verb> = Extract<ParsedCardAction, { verb: V }>;

/** A card that replaces the one clicked, or a short message (when the real answer went out as a new message). */
export type CardActionAnswer = AdaptiveCard | { message: string };

export interface CardActionTurn<A> {
  context: TurnContext;
  person: Person;
  action: A;
}

/** What to answer when the data could not be read (a forged or stale payload). */
export type UnreadableAction = (turn: { context: TurnContext; person: Person; verb: Verb; data: unknown; reason: string }) => Promise<AdaptiveCard>;

export function onCardAction<V extends Verb>(
  app: Application<TurnState>,
  verb: V,
  handle: (turn: CardActionTurn<CardActionOf<V>>) => Promise<CardActionAnswer>,
  unreadable: UnreadableAction,
): void {
  app.adaptiveCards.actionExecute(verb, async (context, _state, data) => {
    const person = personOf(context);
    const parsed = parseCardAction(verb, data);
    const answer =
      parsed.ok && parsed.action.verb === verb
        ? await orBoxUnavailable(() => handle({ context, person, action: parsed.action as CardActionOf<V> }))
        : await unreadable({ context, person, verb, data, reason: parsed.ok ? 'wrong action' : parsed.reason });
    if ('message' in answer && typeof answer.message === 'string') await answerActionWithMessage(context, answer.message);
    else await answerActionWithCard(context, answer as AdaptiveCard);
    // teams-ai sends nothing more once the handler has answered the invoke itself.
    return 'answered';
  });
}

/** Runs `work`; a Box outage becomes a card instead of Teams' "something went wrong". */
export async function orBoxUnavailable<T>(work: () => Promise<T>): Promise<T | AdaptiveCard> {
  try {
    return await work();
  } catch (error) {
    if (error instanceof UpstreamUnavailableError) return boxUnavailableCard();
    throw error;
  }
}
