/** Typed text that the command table read as a search. */
import type { CommandTurn } from '../commands/types';
import { sendCard } from '../turn-helpers';
import { answerCard } from './answer-card';

export async function findText({ context, services, args }: CommandTurn<string>): Promise<void> {
  const deps = services.find;
  const now = deps.now(context);
  const answer = await deps.find.find(args, now);
  await sendCard(context, await answerCard(deps, context, answer, { k: 'pick', t: args, n: now.toISOString() }));
}
