import type { TurnContext } from 'botbuilder';
import type { AppConfig } from '../config';
import { activeGrantsFor } from '../footage/access/active-grants';
import type { FindFootage } from '../footage/find';
import type { BoxPort } from '../footage/ports/box';
import type { Store } from '../footage/ports/store';
import { logger } from '../log';
import type { TeamsServices } from './app';
import type { AccessRouteDeps } from './access';
import type { ActiveGrant } from './find-routes';

/** Binds the Teams layer's needs to the store, Box and the domain services. */
export function createTeamsServices(store: Store, box: BoxPort, find: FindFootage, access: AccessRouteDeps, config: AppConfig): TeamsServices {
  return {
    access,
    supportContact: config.supportContact,
    identify: async (aadObjectId) => (await store.people.findByAadObjectId(aadObjectId.toLowerCase())) ?? null,
    rememberConversation: async ({ person, scope, reference }) => {
      // References of people not on the roster are not kept: the bot never writes to them.
      if (!person) return;
      await store.conversations.save(person.aadObjectId, scope === 'personal' ? 'personal' : 'channel', reference as Parameters<Store['conversations']['save']>[2]);
    },
    find: {
      find,
      now: (context) => turnNow(context, config.clockNow),
      audience: async () => (await store.people.list()).flatMap((p) => (p.teamsId ? [p.teamsId] : [])),
      activeGrants: async (person, fileIds) => {
        const all = await activeGrantsFor(store, person.aadObjectId, config.clockNow ?? new Date());
        const onPage = fileIds.filter((id) => all.has(id));
        const entries = await Promise.all(onPage.map(async (id): Promise<[string, ActiveGrant]> => [id, { ...all.get(id)!, thumbnailDataUri: await thumbnailDataUri(box, id) }]));
        return new Map(entries);
      },
    },
  };
}

/**
 * "Now" for relative times ("yesterday"): an operator's fixed clock (CLOCK_NOW, for demos of the
 * March 2026 data set) wins; otherwise the moment the officer sent the message, as Teams stamps it.
 */
function turnNow(context: TurnContext, fixed: Date | undefined): Date {
  if (fixed) return fixed;
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
