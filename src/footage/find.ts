import { describeQuery, understandQuery, type FootageQuery, type Gazetteer, type GazetteerPlace } from './query';
import type { FootageSearch, SearchPage } from './search-service';
import { wideningsOf } from './widen';

/**
 * "Find footage" as the domain sees it: text in, an answer out. Understanding, searching and the
 * hints for an empty answer live here so that chat, the message extension and tests share one path;
 * the Teams layer only turns answers into cards.
 */
export type FindAnswer =
  | { kind: 'results'; query: FootageQuery; understood: string[]; page: SearchPage }
  | { kind: 'no_match'; query: FootageQuery; understood: string[]; hints: string[] }
  | { kind: 'ambiguous_place'; text: string; candidates: GazetteerPlace[]; message: string }
  | { kind: 'unknown_place'; text: string; suggestions: string[]; message: string }
  | { kind: 'invalid'; reason: string };

export class FindFootage {
  constructor(
    private readonly search: FootageSearch,
    private readonly gazetteer: Gazetteer,
  ) {}

  /** Understands `text` as of `now` and answers with the first page (or why it cannot). */
  async find(text: string, now: Date, options: { chosenPlace?: string; pageSize?: number } = {}): Promise<FindAnswer> {
    const understanding = understandQuery(text, { now, gazetteer: this.gazetteer, chosenPlace: options.chosenPlace });
    switch (understanding.kind) {
      case 'query':
        return this.page(understanding.query, 0, options.pageSize);
      case 'ambiguous_place':
        return { kind: 'ambiguous_place', text: understanding.text, candidates: understanding.candidates, message: understanding.message };
      case 'unknown_place':
        return { kind: 'unknown_place', text: understanding.text, suggestions: understanding.suggestions, message: understanding.message };
      case 'invalid':
        return { kind: 'invalid', reason: understanding.reason };
    }
  }

  /** One page of an already understood query (paging keeps the query, not the text). */
  async page(query: FootageQuery, pageIndex: number, pageSize?: number): Promise<FindAnswer> {
    const understood = describeQuery(query);
    const page = await this.search.page(query, pageIndex, pageSize);
    if (page.total > 0) return { kind: 'results', query, understood, page };
    return { kind: 'no_match', query, understood, hints: await this.hints(query) };
  }

  /** What would find something: each widening counted with the same search. */
  private async hints(query: FootageQuery): Promise<string[]> {
    const hints: string[] = [];
    for (const widening of wideningsOf(query)) {
      const count = await this.search.count(widening.query);
      if (count > 0) hints.push(`Searching ${widening.description} finds ${count === 1 ? '1 recording' : `${count.toLocaleString('en-GB')} recordings`}.`);
    }
    if (hints.length === 0) hints.push('Try a wider area, a longer time window, or fewer filters.');
    return hints;
  }
}
