/**
 * The channel an admin chose for approval cards: access requests, colleague shares and partner
 * shares are posted there as well as to the supervisors routing picks.
 */
import type { ConversationAddress, Store } from '../ports/store';
import { SETTING_KEYS } from '../ports/store';

/** The channel an admin chose for approval cards, when one was set and still reads back whole. */
export async function approvalsChannel(store: Pick<Store, 'settings'>): Promise<ConversationAddress | undefined> {
  const value = await store.settings.get(SETTING_KEYS.approvalsChannel);
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return undefined;
  const { conversationId, data } = value;
  if (typeof conversationId !== 'string' || typeof data !== 'object' || data === null || Array.isArray(data))
    return undefined;
  return { conversationId, data };
}
