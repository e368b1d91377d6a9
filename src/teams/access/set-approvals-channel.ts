/** `use this channel for approvals`: admins, in a channel, have approval cards posted there too. */
import { confirmationCard } from '../../cards';
import type { ConversationReferenceData } from '../../footage/ports/store';
import type { CommandTurn } from '../commands/types';
import { personOf } from '../person';
import { referenceOf, scopeOf, sendCard } from '../turn-helpers';
import { refusalAnswer } from './deps';
import { channelRoot } from './proactive';

export async function setApprovalsChannel({ context, services }: CommandTurn<true>): Promise<void> {
  const deps = services.access;
  const person = personOf(context);
  if (scopeOf(context) !== 'channel') {
    const refusal = await deps.service.refuse(person, 'approvals-channel', 'setApprovalsChannel', {
      code: 'invalid_action',
      message: 'Say this in the channel that should receive approval cards, with an @mention of the bot.',
    });
    await sendCard(context, refusalAnswer(refusal));
    return;
  }
  const reference = referenceOf(context) as unknown as ConversationReferenceData;
  const channel = { ...reference, conversation: { ...reference.conversation, id: channelRoot(reference) } };
  const result = await deps.service.setApprovalsChannel(person, channel);
  await sendCard(
    context,
    result.ok
      ? confirmationCard({ title: 'Approvals channel set', message: 'New access requests will be posted in this channel as well as sent to the supervisors of the officer’s borough.' })
      : refusalAnswer(result.refusal),
  );
}
