/** `revoke <request id>`: ends live access early; the id may be the short prefix shown on cards. */
import { requestTarget } from '../../footage/access';
import type { CommandTurn } from '../commands/types';
import { personOf } from '../person';
import { sendCard } from '../turn-helpers';
import { refusalAnswer, revokedCard } from './deps';

export async function revokeText({ context, services, args: requestId }: CommandTurn<string>): Promise<void> {
  const deps = services.access;
  const person = personOf(context);
  const request = await deps.service.findRequest(requestId);
  if (!request) {
    const target = /^[A-Za-z0-9-]{1,64}$/.test(requestId) ? requestTarget(requestId) : 'request';
    const refusal = await deps.service.refuse(person, target, 'revoke', {
      code: 'not_found',
      message: `No request with live access has the id "${requestId}". Copy the request id from its card.`,
    });
    await sendCard(context, refusalAnswer(refusal));
    return;
  }
  const outcome = await deps.service.revoke(person, request.id);
  await sendCard(
    context,
    outcome.kind === 'refused' ? refusalAnswer(outcome.refusal) : await revokedCard(deps, person, outcome.request),
  );
}
