/**
 * Binds what the Teams layer needs (TeamsServices) to the store, Box and the domain services; called
 * once by the composition root.
 */
import type { TurnContext } from 'botbuilder';
import { relativeNow } from '../footage/clock';
import type { AppConfig } from '../config';
import { activeGrantsFor } from '../footage/access/active-grants';
import type { FindFootage } from '../footage/find';
import type { BoxPort } from '../footage/ports/box';
import type { Store } from '../footage/ports/store';
import { logger } from '../log';
import type { AccessRouteDeps } from './access';
import { ConversationMemory } from './conversation-memory';
import type { TeamsServices } from './deps';
import type { ShownGrant } from './find/deps';

/** Binds the Teams layer's needs to the store, Box and the domain services. */
export function createTeamsServices(
  store: Store,
  box: BoxPort,
  find: FindFootage,
  access: AccessRouteDeps,
  config: AppConfig,
  options: { notice?: () => string | undefined } = {},
): TeamsServices {
  const conversations = new ConversationMemory((aadObjectId, scope, address) => store.conversations.save(aadObjectId, scope, address));
  return {
    access,
    supportContact: config.supportContact,
    ...(options.notice ? { notice: options.notice } : {}),
    identify: async (aadObjectId) => (await store.people.findByAadObjectId(aadObjectId.toLowerCase())) ?? null,
    rememberConversation: async ({ person, scope, address }) => {
      // References of people not on the roster are not kept: the bot never writes to them.
      if (!person) return;
      await conversations.remember(person.aadObjectId, scope === 'personal' ? 'personal' : 'channel', address);
    },
    find: {
      find,
      now: (context) => relativeNow(config.clock, sentAt(context)),
      activeGrants: async (person, fileIds) => {
        const all = await activeGrantsFor(store, person.aadObjectId, new Date());
        const onPage = fileIds.filter((id) => all.has(id));
        const entries = await Promise.all(onPage.map(async (id): Promise<[string, ShownGrant]> => [id, { ...all.get(id)!, thumbnailDataUri: await thumbnailDataUri(box, id) }]));
        return new Map(entries);
      },
    },
  };
}

/** When the officer sent the message, as Teams stamps it (the server's time when it does not). */
function sentAt(context: TurnContext): Date {
  const stamped = context.activity.timestamp ? new Date(context.activity.timestamp) : undefined;
  return stamped && !Number.isNaN(stamped.getTime()) ? stamped : new Date();
}

/** Thumbnails only for recordings the officer may open; a missing one just leaves the card plainer. */
async function thumbnailDataUri(box: BoxPort, fileId: string): Promise<string | undefined> {
  try {
    const thumbnail = await box.getThumbnail(fileId);
    return thumbnail ? `data:${thumbnail.contentType};base64,${thumbnail.bytes.toString('base64')}` : undefined;
  } catch (error) {
    logger.warn({ err: error, fileId }, 'thumbnail unavailable');
    return undefined;
  }
}
