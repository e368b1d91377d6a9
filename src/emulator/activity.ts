/**
 * What happens around a change besides the change itself: the events Box records in the user and
 * enterprise streams, and the webhooks it notifies. Called after the change has been committed.
 */

import { randomUUID } from 'node:crypto';
import { AccessResolver } from './access';
import type { Caller, Services } from './context';
import { insertEvent } from './state/events';
import { chain, getItem, ROOT_ID, type ItemRow } from './state/items';
import { getUser } from './state/users';
import { webhooksFor } from './state/webhooks';
import { boxDateTime } from './time';
import { actorRef, fileView, folderMini, ROOT_MINI } from './views/items';
import { userMini } from './views/users';

export function callerFor(services: Services, userId: number): Caller | undefined {
  const user = getUser(services.db, userId);
  if (!user) return undefined;
  const now = services.settings.now();
  return {
    user,
    isServiceAccount: user.id === services.serviceAccountId,
    now,
    access: new AccessResolver(services.db, user.id, { enforce: services.settings.enforceCollaborationExpiry, now }),
  };
}

/** The item as the admin log describes it (Box's EventSource). */
function eventSource(services: Services, item: ItemRow): Record<string, unknown> {
  const parent = item.parent_id === ROOT_ID ? undefined : getItem(services.db, item.parent_id);
  const owner = getUser(services.db, item.owner_id);
  return {
    item_type: item.type,
    item_id: String(item.id),
    item_name: item.name,
    parent: parent ? folderMini(parent) : ROOT_MINI,
    ...(owner ? { owned_by: userMini(owner) } : {}),
  };
}

export interface ItemActivity {
  /** The user-stream event type (e.g. ITEM_UPLOAD), recorded in the owner's and the actor's streams. */
  userEventType?: string;
  /** The admin-log event type (e.g. UPLOAD). */
  enterpriseEventType: string;
  /** The webhook trigger it fires (e.g. FILE.UPLOADED). */
  trigger?: string;
  additionalDetails?: Record<string, unknown>;
  /** Who to name when it is not a user of the enterprise (e.g. someone opening a shared link). */
  actor?: Record<string, unknown>;
}

/** Box attributes shared-link visitors who are not signed in to its unknown user. */
export const SHARED_LINK_VISITOR = { type: 'user', id: '2', name: 'Unknown user' };

/** Records an action by `actorId` (a user, or the anonymous user) on an item, and notifies webhooks. */
export function itemActivity(services: Services, item: ItemRow, actorId: number, activity: ItemActivity): void {
  const now = services.settings.now();
  const actor = activity.actor ?? actorRef(services, item, actorId);
  const owner = callerFor(services, item.owner_id);
  const eventId = randomUUID();
  if (activity.userEventType) {
    const source = owner ? fileOrFolder(services, item, owner) : eventSource(services, item);
    for (const userId of new Set([item.owner_id, actorId])) {
      if (!getUser(services.db, userId)) continue;
      insertEvent(
        services.db,
        {
          stream: 'user',
          eventType: activity.userEventType,
          userId,
          createdBy: actor,
          source,
          eventId,
          additionalDetails: activity.additionalDetails ?? null,
        },
        now,
      );
    }
  }
  insertEvent(
    services.db,
    {
      stream: 'enterprise',
      eventType: activity.enterpriseEventType,
      userId: null,
      createdBy: actor,
      source: eventSource(services, item),
      eventId,
      additionalDetails: activity.additionalDetails ?? null,
      ipAddress: '127.0.0.1',
    },
    now,
  );
  if (activity.trigger) notifyWebhooks(services, item, actor, activity.trigger);
}

function fileOrFolder(services: Services, item: ItemRow, viewer: Caller): Record<string, unknown> {
  return item.type === 'file'
    ? fileView(item, services, viewer, { fields: undefined })
    : { type: 'folder', id: String(item.id), name: item.name };
}

function notifyWebhooks(services: Services, item: ItemRow, actor: unknown, trigger: string): void {
  const ids = chain(services.db, item.id).map((row) => row.id);
  for (const webhook of webhooksFor(services.db, ids, trigger)) {
    const creator = callerFor(services, webhook.created_by);
    // A webhook speaks for its creator: items they can no longer see are not reported.
    if (!creator || creator.access.roleOn(item.id) === null) continue;
    const payload = {
      type: 'webhook_event',
      id: randomUUID(),
      created_at: boxDateTime(services.settings.now()),
      trigger,
      webhook: { id: String(webhook.id), type: 'webhook' },
      created_by: actor,
      source: fileOrFolder(services, item, creator),
      additional_info: [],
    };
    services.webhooks.deliver(String(webhook.id), trigger, webhook.address, payload);
  }
}

/** A file arrived, through the API, an upload session or a file request form. */
export function fileUploaded(services: Services, item: ItemRow, actorId: number): void {
  itemActivity(services, item, actorId, {
    userEventType: 'ITEM_UPLOAD',
    enterpriseEventType: 'UPLOAD',
    trigger: 'FILE.UPLOADED',
  });
}

/** How Box names a download and a preview in each of its streams. */
const VIEWS = {
  download: { userEventType: 'ITEM_DOWNLOAD', enterpriseEventType: 'DOWNLOAD', trigger: 'FILE.DOWNLOADED' },
  preview: { userEventType: 'ITEM_PREVIEW', enterpriseEventType: 'PREVIEW', trigger: 'FILE.PREVIEWED' },
} as const;

/** Someone read a file's content: downloaded it, or opened its preview (directly or by a shared link). */
function fileViewed(
  how: keyof typeof VIEWS,
  services: Services,
  item: ItemRow,
  actorId: number,
  details?: Record<string, unknown>,
  actor?: Record<string, unknown>,
): void {
  itemActivity(services, item, actorId, { ...VIEWS[how], additionalDetails: details, actor });
}

export const fileDownloaded = fileViewed.bind(null, 'download');
export const filePreviewed = fileViewed.bind(null, 'preview');
