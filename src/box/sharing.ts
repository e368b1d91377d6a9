/**
 * The Box side of sharing and custody: collaborations for people outside the enterprise (by email,
 * as Box invites external users), the file watermark, the enterprise event stream's access events,
 * the SHA-256 of a file's content streamed from Box, and new uploads for continuity records.
 */
import { DateTime } from 'box-node-sdk/internal';
import { createHash } from 'node:crypto';
import { ConflictError, InvalidInputError, NotFoundError } from '../footage/errors';
import type { JsonObject } from '../footage/ports/store';
import type { BoxAccessEvent, BoxEventPage, BoxSharingPort, ExternalGrantRequest } from '../footage/sharing/ports';
import type { BoxContext } from './context';
import { boxStep, failureCode } from './errors';
import { uploadFileIfMissing } from './files';

/** Box's access events for files: previews and downloads (shared-link use is said in additional_details). */
const ACCESS_EVENT_TYPES = ['PREVIEW', 'DOWNLOAD'];

export function createSharingGateway(ctx: BoxContext): BoxSharingPort {
  return {
    grantExternal: (request) => grantExternal(ctx, request),
    applyWatermark: async (fileId) => {
      await boxStep('Watermarking a file in Box', () =>
        ctx.client.fileWatermarks.updateFileWatermark(fileId, { watermark: { imprint: 'default' } }),
      );
    },
    removeWatermark: async (fileId) => {
      try {
        await boxStep('Removing a file watermark in Box', () => ctx.client.fileWatermarks.deleteFileWatermark(fileId));
      } catch (error) {
        if (!(error instanceof NotFoundError)) throw error;
      }
    },
    isWatermarked: async (fileId) => {
      try {
        await boxStep('Reading a file watermark in Box', () => ctx.client.fileWatermarks.getFileWatermark(fileId));
        return true;
      } catch (error) {
        if (error instanceof NotFoundError) return false;
        throw error;
      }
    },
    accessEvents: (position, limit) => accessEvents(ctx, position, limit),
    sha256Of: (fileId) => sha256Of(ctx, fileId),
    uploadNew: async (folderId, fileName, content) => {
      const { fileId, created } = await uploadFileIfMissing(ctx, folderId, fileName, content);
      if (!created) throw new ConflictError(`A file called ${fileName} is already in that Box folder`, fileId);
      return fileId;
    },
  };
}

/**
 * Box invites an email it does not know as an external collaborator. A retried grant finds the
 * collaboration already there (400 user_already_collaborator) and sets its role and expiry.
 */
async function grantExternal(ctx: BoxContext, request: ExternalGrantRequest): Promise<{ collaborationId: string }> {
  if (request.expiresAt.getTime() <= Date.now())
    throw new InvalidInputError('The access expiry must be a time in the future');
  const expiresAt = new DateTime(request.expiresAt);
  try {
    const collaboration = await boxStep('Granting partner access in Box', () =>
      ctx.client.userCollaborations.createCollaboration(
        {
          item: { type: 'file', id: request.fileId },
          accessibleBy: { type: 'user', login: request.login },
          role: request.role,
          expiresAt,
        },
        { queryParams: { notify: true, fields: ['id'] } },
      ),
    );
    return { collaborationId: collaboration.id };
  } catch (error) {
    if (!(error instanceof ConflictError) && failureCode(error) !== 'user_already_collaborator') throw error;
    const existing = await findByLogin(ctx, request.fileId, request.login);
    if (!existing) throw error;
    await boxStep('Updating partner access in Box', () =>
      ctx.client.userCollaborations.updateCollaborationById(existing, {
        requestBody: { role: request.role, expiresAt },
      }),
    );
    return { collaborationId: existing };
  }
}

async function findByLogin(ctx: BoxContext, fileId: string, login: string): Promise<string | undefined> {
  let marker: string | undefined;
  do {
    const page = await boxStep("Listing a file's collaborations in Box", () =>
      ctx.client.listCollaborations.getFileCollaborations(fileId, {
        queryParams: { fields: ['id', 'accessible_by', 'invite_email'], limit: 100, ...(marker ? { marker } : {}) },
      }),
    );
    const match = (page.entries ?? []).find(
      (c) =>
        (c.accessibleBy as { login?: string } | undefined)?.login?.toLowerCase() === login.toLowerCase() ||
        c.inviteEmail?.toLowerCase() === login.toLowerCase(),
    );
    if (match) return match.id;
    marker = page.nextMarker ?? undefined;
  } while (marker);
  return undefined;
}

interface RawEvent {
  event_id?: unknown;
  event_type?: unknown;
  created_at?: unknown;
  created_by?: { login?: unknown; name?: unknown } | null;
  source?: { item_type?: unknown; item_id?: unknown; type?: unknown; id?: unknown } | null;
  additional_details?: unknown;
}

/**
 * The enterprise stream (`admin_logs`), read from the saved position (from the start the first
 * time, so nothing Box still holds is missed). Read from the response as Box sent it: the SDK's
 * typed event sources do not cover every source shape admin_logs returns.
 */
async function accessEvents(ctx: BoxContext, position: string | null, limit: number): Promise<BoxEventPage> {
  const page = await boxStep('Reading Box access events', () =>
    ctx.client.events.getEvents({
      streamType: 'admin_logs',
      streamPosition: position ?? '0',
      limit,
      eventType: ACCESS_EVENT_TYPES,
    }),
  );
  const raw = (page.rawData ?? {}) as { entries?: RawEvent[]; next_stream_position?: unknown };
  const events: BoxAccessEvent[] = [];
  for (const entry of raw.entries ?? []) {
    const source = entry.source ?? {};
    const isFile = source.item_type === 'file' || source.type === 'file';
    const fileId = source.item_id ?? source.id;
    if (
      !isFile ||
      (typeof fileId !== 'string' && typeof fileId !== 'number') ||
      typeof entry.event_id !== 'string' ||
      typeof entry.event_type !== 'string'
    )
      continue;
    const at = new Date(String(entry.created_at));
    if (Number.isNaN(at.getTime())) continue;
    events.push({
      eventId: entry.event_id,
      boxFileId: String(fileId),
      eventType: entry.event_type,
      at,
      actorLogin: typeof entry.created_by?.login === 'string' ? entry.created_by.login : null,
      actorName: typeof entry.created_by?.name === 'string' ? entry.created_by.name : null,
      details: isObject(entry.additional_details) ? entry.additional_details : {},
    });
  }
  const next = raw.next_stream_position ?? page.nextStreamPosition ?? position ?? '0';
  return { events, nextStreamPosition: String(next) };
}

function isObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

async function sha256Of(ctx: BoxContext, fileId: string): Promise<string> {
  const stream = await boxStep('Downloading a file from Box to check it', () =>
    ctx.client.downloads.downloadFile(fileId),
  );
  if (!stream) throw new NotFoundError('Box returned no content for the file');
  const hash = createHash('sha256');
  for await (const chunk of stream) hash.update(Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk as Uint8Array));
  return hash.digest('hex');
}
