/**
 * What the sharing and custody routes need, built once by the feature, and the small helpers the
 * text commands and the card actions share: finding the recordings a person named, and answering
 * a refusal with a card that says why.
 */
import { errorCard, refusalCard, type AdaptiveCard } from '../../cards';
import type { RecordingCatalog } from '../../footage/access';
import type { DurationPolicy } from '../../footage/access/form';
import type { Custody } from '../../footage/custody';
import { UpstreamUnavailableError } from '../../footage/errors';
import type { Person } from '../../footage/people';
import type { Store } from '../../footage/ports/store';
import type { Recording } from '../../footage/recording';
import type { ColleagueSharing, PartnerSharing, SharingRefusal, SharingStoreExtension } from '../../footage/sharing';
import type { SharingViews } from './views';

export interface SharingRouteDeps {
  store: Store & SharingStoreExtension;
  colleagues: ColleagueSharing;
  partners: PartnerSharing;
  custody: Custody;
  catalog: RecordingCatalog;
  views: SharingViews;
  policy: DurationPolicy;
  now: () => Date;
}

/** Said on the sharer's card when the first attempt reached no one (the routing job keeps trying). */
export const NOBODY_REACHED =
  'No supervisor could be reached just now: the bot keeps trying, and you will be told. Supervisors also see it with shares.';

export function refusedCard(refusal: SharingRefusal): AdaptiveCard {
  return refusalCard({ reason: refusal.message });
}

export function notFound(target: string): AdaptiveCard {
  return errorCard({
    title: 'Recording not found',
    message: `I couldn't find "${target.slice(0, 120)}". Give the file name exactly as on the results card (e.g. LAM-0105_20260311T0200Z_60min.mp4), its Box file id, or the id of your access request.`,
    retryable: false,
  });
}

/** Box busy or down: said plainly, with nothing changed. */
export async function orBoxDown<T>(work: () => Promise<T>): Promise<T | AdaptiveCard> {
  try {
    return await work();
  } catch (error) {
    if (error instanceof UpstreamUnavailableError)
      return errorCard({
        title: 'Box is not answering just now',
        message: 'Nothing was changed. Please try again in a minute.',
        retryable: true,
      });
    throw error;
  }
}

const REQUEST_ID = /^#?[0-9a-f]{8}(?:-[0-9a-f-]{0,28})?$/i;

/** A request id (or its first 8+ characters) of the person's own requests, else a file name or Box id. */
export async function recordingsNamed(deps: SharingRouteDeps, person: Person, target: string): Promise<Recording[]> {
  const wanted = target.trim().replace(/^["']|["']$/g, '');
  if (REQUEST_ID.test(wanted) && !/^\d+$/.test(wanted)) {
    const id = wanted.replace(/^#/, '').toLowerCase();
    const own = (await deps.store.requests.listByRequester(person.aadObjectId, { limit: 200 })).find((r) =>
      r.id.toLowerCase().startsWith(id),
    );
    if (own) return (await deps.catalog.getMany(own.recordings.map((r) => r.boxFileId))).found;
  }
  return deps.catalog.find(wanted);
}
