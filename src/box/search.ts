import type { MetadataQuery } from 'box-node-sdk/schemas';
import type { Recording } from '../footage/recording';
import type { RecordingPage, RecordingSearch } from '../footage/search';
import { logger } from '../log';
import type { BoxContext } from './context';
import { boxStep } from './errors';
import { isObject, toRecording } from './mappers';
import { buildRecordingQuery } from './recording-query';

/** One page of recordings: exactly one metadata query (none when a filter admits no value). */
export async function searchRecordings(
  ctx: BoxContext,
  footageRootId: string,
  search: RecordingSearch,
): Promise<RecordingPage> {
  const query = buildRecordingQuery(search, { enterpriseId: ctx.enterpriseId, ancestorFolderId: footageRootId });
  if (!query) return { recordings: [] };
  const results = await boxStep('Searching recordings in Box', () =>
    ctx.client.search.searchByMetadataQuery(query as MetadataQuery),
  );
  const raw = isObject(results.rawData) ? results.rawData : {};
  const entries = Array.isArray(raw.entries) ? raw.entries : [];
  const recordings: Recording[] = [];
  for (const entry of entries) {
    const recording = toRecording(entry, ctx.scope);
    if (recording) recordings.push(recording);
    else
      logger.warn(
        { itemId: isObject(entry) ? entry.id : undefined },
        'metadata query returned an item without a readable cctvFootage instance; skipped',
      );
  }
  const nextMarker = typeof raw.next_marker === 'string' && raw.next_marker !== '' ? raw.next_marker : undefined;
  return nextMarker ? { recordings, nextMarker } : { recordings };
}
