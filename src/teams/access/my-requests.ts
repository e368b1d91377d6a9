/** `my requests`: the officer's most recent requests and where each stands. */
import { requestListCard } from '../../cards';
import type { CommandTurn } from '../commands/types';
import { personOf } from '../person';
import { sendCard } from '../turn-helpers';

const MY_REQUESTS_SHOWN = 10;

export async function myRequests({ context, services }: CommandTurn<true>): Promise<void> {
  const deps = services.access;
  const requests = await deps.service.requestsOf(personOf(context), MY_REQUESTS_SHOWN);
  await sendCard(
    context,
    requestListCard({
      title: 'Your access requests',
      requests: await Promise.all(requests.map((r) => deps.views.view(r))),
      emptyText:
        'You have not requested access to any footage yet. Find footage, then use "Request access" on a recording.',
      ...(requests.length === MY_REQUESTS_SHOWN
        ? { footnote: `Showing your ${MY_REQUESTS_SHOWN} most recent requests.` }
        : {}),
    }),
  );
}
