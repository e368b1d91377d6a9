/**
 * The grants a results page shows: the officer's active grants (the bot's own records) on the
 * page's recordings, each with its thumbnail when Box has one. Thumbnails only for recordings the
 * officer may open; a missing one just leaves the card plainer.
 */
import type { AccessRecords } from '../../footage/access';
import type { BoxPort } from '../../footage/ports/box';
import { logger } from '../../log';
import type { FindRouteDeps, ShownGrant } from './deps';

export function shownGrants(
  records: Pick<AccessRecords, 'activeGrants'>,
  box: Pick<BoxPort, 'getThumbnail'>,
): FindRouteDeps['activeGrants'] {
  return async (person, fileIds) => {
    const all = await records.activeGrants(person, new Date());
    const onPage = fileIds.filter((id) => all.has(id));
    const entries = await Promise.all(
      onPage.map(async (id): Promise<[string, ShownGrant]> => [
        id,
        { ...all.get(id)!, thumbnailDataUri: await thumbnailDataUri(box, id) },
      ]),
    );
    return new Map(entries);
  };
}

async function thumbnailDataUri(box: Pick<BoxPort, 'getThumbnail'>, fileId: string): Promise<string | undefined> {
  try {
    const thumbnail = await box.getThumbnail(fileId);
    return thumbnail ? `data:${thumbnail.contentType};base64,${thumbnail.bytes.toString('base64')}` : undefined;
  } catch (error) {
    logger.warn({ err: error, fileId }, 'thumbnail unavailable');
    return undefined;
  }
}
