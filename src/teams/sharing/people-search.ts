/**
 * Answers the people picker's typeahead (`application/search` for the roster dataset): roster
 * people whose name or email starts with what was typed, the value being their Entra object id.
 * Only people on the roster can ever be picked, so nothing outside it reaches a share.
 */
import type { Application, TurnState } from '@microsoft/teams-ai';
import { ROSTER_DATASET } from '../../cards';
import type { Store } from '../../footage/ports/store';
import { searchRoster } from '../../footage/sharing';

const MAX_RESULTS = 25;

export function registerPeopleSearch(app: Application<TurnState>, store: Pick<Store, 'people'>): void {
  app.adaptiveCards.search(ROSTER_DATASET, async (context, _state, query) => {
    const me = context.activity.from?.aadObjectId?.toLowerCase();
    const roster = (await store.people.list()).filter((p) => p.aadObjectId !== me);
    const hits = searchRoster(query.parameters.queryText, roster, Math.min(query.count || MAX_RESULTS, MAX_RESULTS));
    return hits.map((p) => ({ title: `${p.name}${p.borough ? ` (${p.borough})` : ''}`, value: p.aadObjectId }));
  });
}
