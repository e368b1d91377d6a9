import { haversineMetres } from './geo';
import type { BoxPort } from './ports/box';
import type { FootageQuery } from './query/types';
import { toRecordingSearch } from './query';
import type { Recording } from './recording';

/**
 * Runs an understood query against Box and pages the answer for people. Box is asked one metadata
 * query per Box page (100 recordings, marker paging) over the bounding box of a place search; the
 * exact great-circle radius is applied here. All matches are collected (up to a cap) so the answer
 * can say how many there are and page through them in one stable order (newest first, then file
 * id) that never repeats or skips a recording between pages.
 */
export interface FoundRecording {
  recording: Recording;
  /** Great-circle distance from the place searched around, for place searches. */
  distanceMetres?: number;
}

export interface SearchPage {
  /** All matches (at most `maxMatches`; `capped` says whether there were more). */
  total: number;
  capped: boolean;
  /** Zero-based page index and the page's first position (zero-based) among all matches. */
  page: number;
  pageStart: number;
  items: FoundRecording[];
  hasMore: boolean;
}

export interface SearchOptions {
  pageSize: number;
  /** Recordings per Box metadata query (Box allows 100 at most). */
  boxPageSize: number;
  /** Stop collecting after this many matches (broad searches); the answer then says "more than". */
  maxMatches: number;
}

export const DEFAULT_SEARCH_OPTIONS: SearchOptions = { pageSize: 10, boxPageSize: 100, maxMatches: 2000 };

export class FootageSearch {
  private readonly options: SearchOptions;

  constructor(private readonly box: Pick<BoxPort, 'searchRecordings'>, options: Partial<SearchOptions> = {}) {
    this.options = { ...DEFAULT_SEARCH_OPTIONS, ...options };
  }

  get pageSize(): number {
    return this.options.pageSize;
  }

  async page(query: FootageQuery, page: number, pageSize = this.options.pageSize): Promise<SearchPage> {
    const { matches, capped } = await this.allMatches(query);
    const pageStart = Math.max(0, page) * pageSize;
    return {
      total: matches.length,
      capped,
      page: Math.max(0, page),
      pageStart,
      items: matches.slice(pageStart, pageStart + pageSize),
      hasMore: pageStart + pageSize < matches.length,
    };
  }

  /** How many recordings the query finds (up to the cap). */
  async count(query: FootageQuery): Promise<number> {
    return (await this.allMatches(query)).matches.length;
  }

  private async allMatches(query: FootageQuery): Promise<{ matches: FoundRecording[]; capped: boolean }> {
    const found: FoundRecording[] = [];
    let marker: string | undefined;
    do {
      const result = await this.box.searchRecordings(toRecordingSearch(query, { limit: this.options.boxPageSize, marker }));
      for (const recording of result.recordings) {
        const match = withinQuery(query, recording);
        if (match) found.push(match);
      }
      marker = result.nextMarker;
    } while (marker && found.length <= this.options.maxMatches);
    found.sort(newestFirst);
    return { matches: found.slice(0, this.options.maxMatches), capped: found.length > this.options.maxMatches || Boolean(marker) };
  }
}

/** Applies what a bounding-box query cannot: the exact radius. Returns null for a miss. */
function withinQuery(query: FootageQuery, recording: Recording): FoundRecording | null {
  if (!query.place) return { recording };
  const distanceMetres = haversineMetres(query.place, recording);
  return distanceMetres <= query.place.radiusMetres ? { recording, distanceMetres } : null;
}

function newestFirst(a: FoundRecording, b: FoundRecording): number {
  const byTime = Date.parse(b.recording.recordedFrom) - Date.parse(a.recording.recordedFrom);
  if (byTime !== 0) return byTime;
  return a.recording.fileId < b.recording.fileId ? -1 : a.recording.fileId > b.recording.fileId ? 1 : 0;
}
