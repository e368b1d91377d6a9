import type { AppConfig } from '../config';
import type { Store } from '../footage/ports/store';
import type { TeamsServices } from './app';

/** Binds the Teams layer's needs to the store. */
export function createTeamsServices(store: Store, config: AppConfig): TeamsServices {
  return {
    supportContact: config.supportContact,
    identify: async (aadObjectId) => (await store.people.findByAadObjectId(aadObjectId.toLowerCase())) ?? null,
    rememberConversation: async ({ person, scope, reference }) => {
      // References of people not on the roster are not kept: the bot never writes to them.
      if (!person) return;
      await store.conversations.save(person.aadObjectId, scope === 'personal' ? 'personal' : 'channel', reference as Parameters<Store['conversations']['save']>[2]);
    },
  };
}
