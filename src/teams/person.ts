/** The person resolved from the roster for this turn (set before any route runs). */
import type { TurnContext } from 'botbuilder';
import type { Person } from '../footage/people';

export const PERSON_KEY = 'cctv.person';

export function personOf(context: TurnContext): Person {
  const person = context.turnState.get(PERSON_KEY) as Person | undefined;
  if (!person) throw new Error('route reached without a resolved person');
  return person;
}
