/**
 * Sends an approval card to the supervisors of the requester's borough (every supervisor when none
 * of them can be reached) and to the approvals channel an admin chose, auditing whom it reached.
 * The card is the caller's (`ask`): access requests, colleague shares and partner shares all use it.
 */
import { audit, SYSTEM_ACTOR } from './audit';
import { planRouting } from './routing';
import type { Person } from '../people';
import type { ConversationReferenceData, Store } from '../ports/store';
import { SETTING_KEYS } from '../ports/store';

export interface ApprovalAsk {
  approver(person: Person): Promise<boolean>;
  channel(channel: ConversationReferenceData): Promise<boolean>;
}

export async function routeForApproval(store: Pick<Store, 'people' | 'settings' | 'audit'>, requester: Person, target: string, ask: ApprovalAsk): Promise<boolean> {
  const plan = planRouting(requester, await store.people.listByRole('supervisor'));
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
    await audit(store.audit, SYSTEM_ACTOR, 'routed', target, { to: channel.conversation.id, via: 'channel' });
  }
  if (reached === 0) await audit(store.audit, SYSTEM_ACTOR, 'unroutable', target, { reason: 'no supervisor could be reached' });
  return reached > 0;
}

async function approvalsChannel(store: Pick<Store, 'settings'>): Promise<ConversationReferenceData | undefined> {
  const value = await store.settings.get(SETTING_KEYS.approvalsChannel);
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return undefined;
  const conversation = value.conversation as { id?: unknown } | null;
  return typeof value.serviceUrl === 'string' && conversation && typeof conversation.id === 'string' ? (value as unknown as ConversationReferenceData) : undefined;
}
