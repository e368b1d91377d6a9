import { randomUUID } from 'node:crypto';
import type { TurnContext } from 'botbuilder';
import { confirmationCard, requestListCard, type AdaptiveCard } from '../../cards';
import { requestTarget } from '../../footage/access';
import { canDecide, type Person } from '../../footage/people';
import type { ConversationReferenceData } from '../../footage/ports/store';
import type { TextCommand } from '../text-commands';
import { personOf } from '../person';
import { referenceOf, scopeOf, sendCard } from '../turn-helpers';
import { notFoundCard, orBoxUnavailable, recordCopy, refusalAnswer, requestForm, type AccessRouteDeps } from './deps';
import { channelRoot } from './proactive';

/** The typed commands of the access flow: request, my requests, approvals, revoke, and the approvals channel. */
export type AccessCommand = Extract<TextCommand, { kind: 'request' | 'myRequests' | 'approvals' | 'revoke' | 'setApprovalsChannel' }>;

const ACCESS_KINDS: ReadonlySet<TextCommand['kind']> = new Set(['request', 'myRequests', 'approvals', 'revoke', 'setApprovalsChannel']);

export function isAccessCommand(command: TextCommand): command is AccessCommand {
  return ACCESS_KINDS.has(command.kind);
}

/** Cards `approvals` sends at once; the rest wait for the next time. */
const APPROVALS_SHOWN = 10;
const MY_REQUESTS_SHOWN = 10;

export async function handleAccessText(context: TurnContext, deps: AccessRouteDeps, command: AccessCommand): Promise<void> {
  const person = personOf(context);
  switch (command.kind) {
    case 'request':
      await sendCard(context, await orBoxUnavailable(() => requestFormFor(deps, command.target)));
      return;
    case 'myRequests':
      await sendCard(context, await myRequests(deps, person));
      return;
    case 'approvals':
      await approvals(deps, context, person);
      return;
    case 'revoke':
      await sendCard(context, await revoke(deps, person, command.requestId));
      return;
    case 'setApprovalsChannel':
      await sendCard(context, await setApprovalsChannel(deps, context, person));
      return;
  }
}

async function requestFormFor(deps: AccessRouteDeps, target: string): Promise<AdaptiveCard> {
  const recordings = await deps.catalog.find(target);
  if (recordings.length === 0) {
    return notFoundCard(`I couldn't find a recording called "${target}". Give the file name exactly as on the results card (e.g. LAM-0105_20260311T0200Z_60min.mp4) or its Box file id, or search with **find**.`);
  }
  return requestForm(deps, recordings, { formToken: randomUUID() });
}

async function myRequests(deps: AccessRouteDeps, person: Person): Promise<AdaptiveCard> {
  const requests = await deps.service.requestsOf(person, MY_REQUESTS_SHOWN);
  return requestListCard({
    title: 'Your access requests',
    requests: await Promise.all(requests.map((r) => deps.views.view(r))),
    emptyText: 'You have not requested access to any footage yet. Find footage, then use "Request access" on a recording.',
    ...(requests.length === MY_REQUESTS_SHOWN ? { footnote: `Showing your ${MY_REQUESTS_SHOWN} most recent requests.` } : {}),
  });
}

/** Each waiting request as its own approval card, remembered so that a decision updates it. */
async function approvals(deps: AccessRouteDeps, context: TurnContext, person: Person): Promise<void> {
  if (!canDecide(person)) {
    const refusal = await deps.service.refuse(person, 'approvals', 'approvals', { code: 'not_an_approver', message: 'Only supervisors and administrators decide access requests. To see your own, type **my requests**.' });
    await sendCard(context, refusalAnswer(refusal));
    return;
  }
  const pending = await deps.service.pendingFor(person);
  if (pending.length === 0) {
    await sendCard(context, requestListCard({ title: 'Requests waiting for a decision', requests: [], emptyText: 'No requests are waiting for a decision.' }));
    return;
  }
  const recipient = scopeOf(context) === 'personal' ? person.aadObjectId : null;
  for (const request of pending.slice(0, APPROVALS_SHOWN)) {
    const activityId = await sendCard(context, await deps.views.cardFor(request, 'approver'));
    await recordCopy(deps, context, request.id, 'approval', activityId, recipient);
  }
  if (pending.length > APPROVALS_SHOWN) {
    await sendCard(context, requestListCard({
      title: `${pending.length - APPROVALS_SHOWN} more waiting`,
      requests: [],
      emptyText: `Decide these first; type **approvals** again for the next ${APPROVALS_SHOWN}.`,
    }));
  }
}

async function revoke(deps: AccessRouteDeps, person: Person, requestId: string): Promise<AdaptiveCard> {
  const request = await deps.service.findRequest(requestId);
  if (!request) {
    const target = /^[A-Za-z0-9-]{1,64}$/.test(requestId) ? requestTarget(requestId) : 'request';
    return refusalAnswer(await deps.service.refuse(person, target, 'revoke', { code: 'not_found', message: `No request with live access has the id "${requestId}". Copy the request id from its card.` }));
  }
  const outcome = await deps.service.revoke(person, request.id);
  if (outcome.kind === 'refused') return refusalAnswer(outcome.refusal);
  return deps.views.cardFor(outcome.request, 'approver');
}

async function setApprovalsChannel(deps: AccessRouteDeps, context: TurnContext, person: Person): Promise<AdaptiveCard> {
  const reference = referenceOf(context) as unknown as ConversationReferenceData;
  if (scopeOf(context) !== 'channel') {
    const refusal = await deps.service.refuse(person, 'approvals-channel', 'setApprovalsChannel', {
      code: 'invalid_action',
      message: 'Say this in the channel that should receive approval cards, with an @mention of the bot.',
    });
    return refusalAnswer(refusal);
  }
  const channel = { ...reference, conversation: { ...reference.conversation, id: channelRoot(reference) } };
  const result = await deps.service.setApprovalsChannel(person, channel);
  if (!result.ok) return refusalAnswer(result.refusal);
  return confirmationCard({ title: 'Approvals channel set', message: 'New access requests will be posted in this channel as well as sent to the supervisors of the officer’s borough.' });
}
