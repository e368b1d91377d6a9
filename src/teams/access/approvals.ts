/** `approvals`: each waiting request as its own approval card, remembered so that a decision updates it. */
import { markdown, refusalCard, requestListCard } from '../../cards';
import { canDecide } from '../../footage/people';
import type { CommandTurn } from '../commands/types';
import { personOf } from '../person';
import { scopeOf, sendCard } from '../turn-helpers';
import { recordCopy } from './deps';

/** Cards sent at once; the rest wait for the next time. */
const APPROVALS_SHOWN = 10;

export async function approvals({ context, services }: CommandTurn<true>): Promise<void> {
  const deps = services.access;
  const person = personOf(context);
  if (!canDecide(person)) {
    const reason = markdown`Only supervisors and administrators decide access requests. To see your own, type **my requests**.`;
    await deps.service.refuse(person, 'approvals', 'approvals', { code: 'not_an_approver', message: reason.plain });
    await sendCard(context, refusalCard({ reason }));
    return;
  }
  const pending = await deps.service.pendingFor(person);
  if (pending.length === 0) {
    await sendCard(
      context,
      requestListCard({
        title: 'Requests waiting for a decision',
        requests: [],
        emptyText: 'No requests are waiting for a decision.',
      }),
    );
    return;
  }
  const recipient = scopeOf(context) === 'personal' ? person.aadObjectId : null;
  for (const request of pending.slice(0, APPROVALS_SHOWN)) {
    const activityId = await sendCard(context, await deps.views.cardFor(request, 'approver'));
    await recordCopy(deps, context, request.id, 'approval', activityId, recipient);
  }
  if (pending.length > APPROVALS_SHOWN) {
    await sendCard(
      context,
      requestListCard({
        title: `${pending.length - APPROVALS_SHOWN} more waiting`,
        requests: [],
        emptyText: markdown`Decide these first; type **approvals** again for the next ${APPROVALS_SHOWN}.`,
      }),
    );
  }
}
