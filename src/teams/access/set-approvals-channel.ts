/** `use this channel for approvals`: admins, in a channel, have approval cards posted there too. */
import { confirmationCard } from '../../cards';
import type { CommandTurn } from '../commands/types';
import { channelReference, referenceOf, toAddress } from '../conversation-address';
import { personOf } from '../person';
import { scopeOf, sendCard } from '../turn-helpers';
import { refusalAnswer } from './deps';

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
  const result = await deps.service.setApprovalsChannel(person, toAddress(channelReference(referenceOf(context))));
  await sendCard(
    context,
    result.ok
      ? confirmationCard({
          title: 'Approvals channel set',
          message:
            'New access requests will be posted in this channel as well as sent to the supervisors of the officer’s borough.',
        })
      : refusalAnswer(result.refusal),
  );
}
