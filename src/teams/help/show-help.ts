/** `help`: the commands this person's role may use, with examples. */
import type { CommandTurn } from '../commands/types';
import { personOf } from '../person';
import { sendCard } from '../turn-helpers';
import { helpCardFor } from './views';

export async function showHelp({ context, services, commands }: CommandTurn<true>): Promise<void> {
  await sendCard(context, helpCardFor(commands, personOf(context).role, services.notice?.()));
}
