/**
 * Sends an approval card to the supervisors of the requester's borough (every supervisor when none
 * of them can be reached) and to the approvals channel an admin chose, auditing whom it reached.
 * The card is the caller's (`ask`): access requests, colleague shares and partner shares all use it.
 */
import type { Person } from '../people';
import type { ConversationAddress, Store } from '../ports/store';
import { SETTING_KEYS } from '../ports/store';
import { audit, SYSTEM_ACTOR } from './audit';
import type { ApprovalScope } from './authorise';
import { planRouting } from './routing';

export interface ApprovalAsk {
  approver(person: Person): Promise<boolean>;
  channel(channel: ConversationAddress): Promise<boolean>;
}

export async function routeForApproval(
  store: Pick<Store, 'people' | 'settings' | 'audit'>,
  requester: Person,
  target: string,
  ask: ApprovalAsk,
  scope: ApprovalScope = 'borough',
): Promise<boolean> {
  const deciders = [...(await store.people.listByRole('supervisor')), ...(await store.people.listByRole('admin'))];
  const plan = planRouting(requester, deciders, scope);
  let reached = 0;
  const askAll = async (people: Person[]): Promise<void> => {
    for (const person of people) {
      if (!(await ask.approver(person))) continue;
      reached += 1;
      await audit(store.audit, SYSTEM_ACTOR, 'routed', target, { to: person.aadObjectId, via: 'personal' });
    }
  };
  await askAll(plan.borough);
  if (reached === 0) await askAll(plan.fallback);
  const channel = await approvalsChannel(store);
  if (channel && (await ask.channel(channel))) {
    reached += 1;
    await audit(store.audit, SYSTEM_ACTOR, 'routed', target, { to: channel.conversationId, via: 'channel' });
  }
  if (reached === 0)
    await audit(store.audit, SYSTEM_ACTOR, 'unroutable', target, { reason: 'no supervisor could be reached' });
  return reached > 0;
}

/** The channel an admin chose for approval cards, when one was set and still reads back whole. */
export async function approvalsChannel(store: Pick<Store, 'settings'>): Promise<ConversationAddress | undefined> {
  const value = await store.settings.get(SETTING_KEYS.approvalsChannel);
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return undefined;
  const { conversationId, data } = value;
  if (typeof conversationId !== 'string' || typeof data !== 'object' || data === null || Array.isArray(data))
    return undefined;
  return { conversationId, data };
}
