/**
 * Typed text to its command's handler, through the table; empty, overlong and unrecognised text is
 * answered here with suggestions drawn from the same table.
 */
import type { TurnContext } from 'botbuilder';
import { errorCard, workingCard } from '../../cards';
import type { TeamsServices } from '../deps';
import { suggestionsFor, unknownTextCardFor } from '../help/views';
import { answerInTime, contextForLateWork } from '../late-answers';
import { personOf } from '../person';
import { sendCard } from '../turn-helpers';
import { MAX_COMMAND_CHARS, recognise } from './recognise';
import { COMMANDS } from './table';

export async function dispatchText(context: TurnContext, services: TeamsServices): Promise<void> {
  const role = personOf(context).role;
  const read = recognise(COMMANDS, context.activity.text);
  switch (read.kind) {
    case 'command': {
      // Past the turn's budget the person hears "still working", and the command's cards follow.
      const working = contextForLateWork(context);
      await answerInTime(
        context,
        read.command.handle({ context: working, services, args: read.args, commands: COMMANDS }),
        {
          interim: () => sendCard(context, workingCard('follows')),
          late: () => undefined,
        },
      );
      return;
    }
    case 'tooLong': {
      const example = suggestionsFor(COMMANDS, role)[0];
      await sendCard(
        context,
        errorCard({
          title: 'That message is too long',
          message: `It has ${read.length.toLocaleString('en-GB')} characters; I read requests of up to ${MAX_COMMAND_CHARS.toLocaleString('en-GB')}. Say what you need in a sentence, for example: ${example}`,
          retryable: false,
        }),
      );
      return;
    }
    case 'empty':
    case 'unknown':
      await sendCard(context, unknownTextCardFor(COMMANDS, role));
  }
}
