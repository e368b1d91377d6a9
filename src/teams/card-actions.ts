/**
 * The one way card buttons (Universal Actions, `Action.Execute`) are handled: the verb's data is
 * parsed into a typed action, the handler returns what the clicker should see, and this module alone
 * turns that into the invoke response. A Box outage becomes a card here too, so no handler has to
 * remember it and Teams never shows its own "something went wrong". Work that outlasts the turn's
 * budget is answered with a "still working" card that its answer replaces later (late-answers.ts).
 */
import type { Application, TurnState } from '@microsoft/teams-ai';
import type { TurnContext } from 'botbuilder';
import {
  boxUnavailableCard,
  parseCardAction,
  sentenceCard,
  workingCard,
  type AdaptiveCard,
  type ParsedCardAction,
} from '../cards';
import { UpstreamUnavailableError } from '../footage/errors';
import type { Person } from '../footage/people';
import { answerInTime, contextForLateWork } from './late-answers';
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
export type UnreadableAction = (turn: {
  context: TurnContext;
  person: Person;
  verb: Verb;
  data: unknown;
  reason: string;
}) => Promise<AdaptiveCard>;

export function onCardAction<V extends Verb>(
  app: Application<TurnState>,
  verb: V,
  handle: (turn: CardActionTurn<CardActionOf<V>>) => Promise<CardActionAnswer>,
  unreadable: UnreadableAction,
): void {
  app.adaptiveCards.actionExecute(verb, async (context, _state, data) => {
    const person = personOf(context);
    const parsed = parseCardAction(verb, data);
    const working = contextForLateWork(context);
    const work: Promise<CardActionAnswer> =
      parsed.ok && parsed.action.verb === verb
        ? orBoxUnavailable(() => handle({ context: working, person, action: parsed.action as CardActionOf<V> }))
        : unreadable({ context: working, person, verb, data, reason: parsed.ok ? 'wrong action' : parsed.reason });
    // Past the turn's budget the clicker gets a "still working" card, replaced by the answer later.
    const timed = await answerInTime(context, work, {
      interim: () => answerActionWithCard(context, workingCard()),
      late: (answer) => (isMessage(answer) ? sentenceCard(answer.message) : answer),
    });
    if (!timed.inTime) return 'answered';
    const answer = timed.answer;
    if (isMessage(answer)) await answerActionWithMessage(context, answer.message);
    else await answerActionWithCard(context, answer);
    // teams-ai sends nothing more once the handler has answered the invoke itself.
    return 'answered';
  });
}

function isMessage(answer: CardActionAnswer): answer is { message: string } {
  return 'message' in answer && typeof answer.message === 'string';
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
