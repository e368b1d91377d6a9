import { countRecordings } from './format';
import { PageTokens } from './page-token';
import { describeQuery, understandQuery, type FootageQuery, type Gazetteer, type GazetteerPlace } from './query';
import { FIRST_PAGE, type FootageSearch, type PageCursor, type PageRequest, type SearchPage } from './search-service';
import { wideningsOf, type Widening } from './widen';

/**
 * "Find footage" as the domain sees it: text in, an answer out. Understanding, searching and the
 * hints for an empty answer live here so that chat, the message extension and tests share one path;
 * the Teams layer only turns answers into cards and passes back the sealed tokens the buttons carry.
 */
export type FindAnswer =
  | { kind: 'results'; query: FootageQuery; understood: string[]; page: SearchPage; nextToken?: string }
  | { kind: 'no_match'; query: FootageQuery; understood: string[]; hints: string[]; wider: WiderSearch[] }
  | { kind: 'ambiguous_place'; text: string; candidates: GazetteerPlace[]; message: string }
  | { kind: 'unknown_place'; text: string; suggestions: string[]; message: string }
  | { kind: 'invalid'; reason: string };

/** A wider search offered as a button rather than counted (counting it would cost more Box calls or time). */
export interface WiderSearch {
  label: string;
  /** Sealed first page of the wider query: resume it like a "Next page" token. */
  token: string;
}

export interface FindOptions {
  /** Seals the tokens of "Next page" and wider-search buttons (share one secret across instances). */
  tokens?: PageTokens;
  /** How long the no-match hints may take, in all (they run concurrently). */
  hintBudgetMs?: number;
  /** Box metadata queries the hints may make, in all: each counted widening costs one. */
  maxHintCalls?: number;
  clock?: () => number;
}

export interface FindRequest {
  chosenPlace?: string;
  pageSize?: number;
  /** Epoch milliseconds by which the answer must be ready (the message extension's 5 s). */
  deadline?: number;
}

export class FindFootage {
  private readonly tokens: PageTokens;
  private readonly hintBudgetMs: number;
  private readonly maxHintCalls: number;
  private readonly clock: () => number;

  constructor(
    private readonly search: FootageSearch,
    private readonly gazetteer: Gazetteer,
    options: FindOptions = {},
  ) {
    this.tokens = options.tokens ?? new PageTokens();
    this.hintBudgetMs = options.hintBudgetMs ?? 3000;
    this.maxHintCalls = options.maxHintCalls ?? 2;
    this.clock = options.clock ?? Date.now;
  }

  /** Understands `text` as of `now` and answers with the first page (or why it cannot). */
  async find(text: string, now: Date, options: FindRequest = {}): Promise<FindAnswer> {
    const understanding = understandQuery(text, { now, gazetteer: this.gazetteer, chosenPlace: options.chosenPlace });
    switch (understanding.kind) {
      case 'query':
        return this.page(understanding.query, FIRST_PAGE, options);
      case 'ambiguous_place':
        return {
          kind: 'ambiguous_place',
          text: understanding.text,
          candidates: understanding.candidates,
          message: understanding.message,
        };
      case 'unknown_place':
        return {
          kind: 'unknown_place',
          text: understanding.text,
          suggestions: understanding.suggestions,
          message: understanding.message,
        };
      case 'invalid':
        return { kind: 'invalid', reason: understanding.reason };
    }
  }

  /**
   * The page a button's sealed token names ("Next page", or a wider search offered after no match).
   * Undefined when the token is not one this bot sealed: the caller says the card is out of date.
   */
  async resume(token: string, options: Omit<FindRequest, 'chosenPlace'> = {}): Promise<FindAnswer | undefined> {
    const position = this.tokens.open(token);
    if (!position) return undefined;
    return this.page(position.query, position.cursor, options);
  }

  /** One page of an already understood query (paging keeps the query, not the text). */
  async page(
    query: FootageQuery,
    cursor: PageCursor = FIRST_PAGE,
    options: Omit<FindRequest, 'chosenPlace'> = {},
  ): Promise<FindAnswer> {
    const understood = describeQuery(query);
    const request: PageRequest = { pageSize: options.pageSize, deadline: options.deadline };
    const page = await this.search.page(query, cursor, request);
    if (page.items.length > 0 || page.pageStart > 0 || page.next) {
      return {
        kind: 'results',
        query,
        understood,
        page,
        ...(page.next ? { nextToken: this.tokens.seal({ query, cursor: page.next }) } : {}),
      };
    }
    return { kind: 'no_match', query, understood, ...(await this.hints(query, options.deadline)) };
  }

  /**
   * What would find something. The first widenings are each glimpsed with one Box query, all at once
   * and within the hint budget; the rest, and any that could not say in time, become buttons.
   */
  private async hints(query: FootageQuery, deadline?: number): Promise<{ hints: string[]; wider: WiderSearch[] }> {
    const widenings = wideningsOf(query);
    const counted = widenings.slice(0, this.maxHintCalls);
    const budgetEnd = Math.min(this.clock() + this.hintBudgetMs, deadline ?? Number.POSITIVE_INFINITY);
    const glimpses = await Promise.allSettled(
      counted.map((widening) => this.search.glimpse(widening.query, budgetEnd)),
    );
    const hints: string[] = [];
    const offered: Widening[] = [];
    glimpses.forEach((glimpse, index) => {
      const widening = counted[index];
      if (glimpse.status === 'rejected' || (glimpse.value.count === 0 && glimpse.value.atLeast)) offered.push(widening);
      else if (glimpse.value.count > 0)
        hints.push(`Searching ${widening.description} finds ${countText(glimpse.value.count, glimpse.value.atLeast)}.`);
    });
    offered.push(...widenings.slice(this.maxHintCalls));
    if (hints.length === 0 && offered.length === 0)
      hints.push('Try a wider area, a longer time window, or fewer filters.');
    const wider = offered.map((widening) => ({
      label: `Search ${widening.description}`,
      token: this.tokens.seal({ query: widening.query, cursor: FIRST_PAGE }),
    }));
    return { hints, wider };
  }
}

function countText(count: number, atLeast: boolean): string {
  const recordings = countRecordings(count);
  return atLeast ? `at least ${recordings}` : recordings;
}
