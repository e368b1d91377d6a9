import { haversineMetres } from './geo';
import type { BoxPort } from './ports/box';
import { toRecordingSearch } from './query';
import type { FootageQuery } from './query/types';
import type { Recording } from './recording';

/**
 * Runs an understood query against Box and pages the answer for people, at a cost that does not
 * grow with the number of matches: a results page makes at most two Box metadata queries. Box
 * orders the recordings (newest first, footage id breaking ties) and pages them with its marker;
 * a place search reaches Box as the bounding box of its radius and the exact great-circle radius
 * is applied here. Where a page ends is a cursor (the Box marker of the Box page it ended in and
 * how many of that Box page's recordings it used), so the next page starts exactly there and no
 * recording is repeated or skipped. The count is exact only when the Box pages fetched held every
 * match; otherwise the page says how many it knows of and that more follow.
 */
export interface FoundRecording {
  recording: Recording;
  /** Great-circle distance from the place searched around, for place searches. */
  distanceMetres?: number;
}

/** Where a results page starts: a Box page (its marker; none for the first) and how far into it. */
export interface PageCursor {
  marker?: string;
  /** Recordings of that Box page already shown (or outside the radius) before this page. */
  skip: number;
  /** Zero-based position of this page's first recording among all matches. */
  pageStart: number;
}

export const FIRST_PAGE: PageCursor = { skip: 0, pageStart: 0 };

export interface SearchPage {
  /** Every match, when the Box pages fetched held them all; null when more may exist beyond them. */
  total: number | null;
  /** Matches known so far (shown on earlier pages, this page, and seen beyond it): a lower bound. */
  known: number;
  pageStart: number;
  items: FoundRecording[];
  /** Where the next page starts; absent when nothing follows. */
  next?: PageCursor;
  /**
   * With total null: true when there are surely more than `known` matches (no radius to apply, so
   * every recording on Box's next page matches); false when more only may follow.
   */
  moreCertain: boolean;
  /** The deadline cut the Box work short: the page may hold fewer recordings than it could. */
  partial: boolean;
  /** Box metadata queries this page made. */
  boxCalls: number;
}

export interface SearchOptions {
  pageSize: number;
  /** Recordings per Box metadata query (Box allows 100 at most). */
  boxPageSize: number;
  /** Box metadata queries a page may make. */
  maxBoxCalls: number;
}

export const DEFAULT_SEARCH_OPTIONS: SearchOptions = { pageSize: 10, boxPageSize: 100, maxBoxCalls: 2 };

/** The deadline passed while Box was still answering. */
export class SearchDeadlineError extends Error {
  constructor() {
    super('Box did not answer before the deadline');
    this.name = 'SearchDeadlineError';
  }
}

export interface PageRequest {
  pageSize?: number;
  /** Epoch milliseconds by which the Box work must be done (e.g. Teams' 5 s for a message extension). */
  deadline?: number;
  /** At most this many Box metadata queries (default the service's maxBoxCalls). */
  maxBoxCalls?: number;
}

export class FootageSearch {
  private readonly options: SearchOptions;

  constructor(
    private readonly box: Pick<BoxPort, 'searchRecordings'>,
    options: Partial<SearchOptions> = {},
    private readonly clock: () => number = Date.now,
  ) {
    this.options = { ...DEFAULT_SEARCH_OPTIONS, ...options };
  }

  get pageSize(): number {
    return this.options.pageSize;
  }

  async page(query: FootageQuery, cursor: PageCursor = FIRST_PAGE, request: PageRequest = {}): Promise<SearchPage> {
    const pageSize = request.pageSize ?? this.options.pageSize;
    const maxCalls = Math.min(request.maxBoxCalls ?? this.options.maxBoxCalls, this.options.maxBoxCalls);
    const items: FoundRecording[] = [];
    let position = { marker: cursor.marker, skip: cursor.skip };
    let beyond = 0;
    let exhausted = false;
    let partial = false;
    let calls = 0;
    let slowest = 0;
    while (calls < maxCalls) {
      if (calls > 0 && request.deadline !== undefined && this.clock() + slowest > request.deadline) {
        partial = true; // another call would likely miss the deadline
        break;
      }
      const started = this.clock();
      let result;
      try {
        result = await this.withDeadline(
          this.box.searchRecordings(
            toRecordingSearch(query, {
              limit: this.options.boxPageSize,
              ...(position.marker !== undefined ? { marker: position.marker } : {}),
            }),
          ),
          request.deadline,
        );
      } catch (error) {
        if (!(error instanceof SearchDeadlineError)) throw error;
        partial = true; // the page so far (perhaps empty) is the answer; the next starts where it stopped
        break;
      }
      calls += 1;
      slowest = Math.max(slowest, this.clock() - started);
      const { recordings, nextMarker } = result;
      let index = position.skip;
      for (; index < recordings.length && items.length < pageSize; index += 1) {
        const match = withinQuery(query, recordings[index]);
        if (match) items.push(match);
      }
      for (let rest = index; rest < recordings.length; rest += 1) if (withinQuery(query, recordings[rest])) beyond += 1;
      if (beyond > 0) {
        // The page filled inside this Box page: the next page starts in it, after what was used.
        position = { marker: position.marker, skip: index };
        exhausted = nextMarker === undefined;
        break;
      }
      if (nextMarker === undefined) {
        exhausted = true;
        break;
      }
      position = { marker: nextMarker, skip: 0 };
      if (items.length >= pageSize) break;
    }
    const known = cursor.pageStart + items.length + beyond;
    const more = beyond > 0 || !exhausted;
    return {
      total: exhausted ? known : null,
      known,
      pageStart: cursor.pageStart,
      items,
      ...(more ? { next: { ...position, pageStart: cursor.pageStart + items.length } } : {}),
      moreCertain: !exhausted && !query.place && !partial,
      partial,
      boxCalls: calls,
    };
  }

  /**
   * A quick look at how many recordings a query finds, for no-match hints: one Box metadata query.
   * `atLeast` is true when Box has more pages, so the number is a lower bound.
   */
  async glimpse(query: FootageQuery, deadline?: number): Promise<{ count: number; atLeast: boolean }> {
    const page = await this.page(query, FIRST_PAGE, { pageSize: this.options.boxPageSize, maxBoxCalls: 1, deadline });
    return { count: page.known, atLeast: page.total === null };
  }

  private withDeadline<T>(work: Promise<T>, deadline: number | undefined): Promise<T> {
    if (deadline === undefined) return work;
    return new Promise<T>((resolve, reject) => {
      const timer = setTimeout(() => reject(new SearchDeadlineError()), Math.max(0, deadline - this.clock()));
      work.then(
        (value) => {
          clearTimeout(timer);
          resolve(value);
        },
        (error: unknown) => {
          clearTimeout(timer);
          reject(error instanceof Error ? error : new Error(String(error)));
        },
      );
    });
  }
}

/** Applies what a bounding-box query cannot: the exact radius. Returns null for a miss. */
function withinQuery(query: FootageQuery, recording: Recording): FoundRecording | null {
  if (!query.place) return { recording };
  const distanceMetres = haversineMetres(query.place, recording);
  return distanceMetres <= query.place.radiusMetres ? { recording, distanceMetres } : null;
}
