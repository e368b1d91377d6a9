import type { TurnContext } from 'botbuilder';
import type { Application, TurnState } from '@microsoft/teams-ai';
import {
  CARD_VERBS,
  errorCard,
  footageExtensionAttachment,
  noMatchCard,
  parseCardAction,
  placePickerCard,
  resultRecording,
  resultsCard,
  unknownPlaceCard,
  type AdaptiveCard,
  type RecordingAccess,
} from '../cards';
import type { FindAnswer, FindFootage } from '../footage/find';
import { decodeQuery, encodeQuery, type FootageQuery } from '../footage/query';
import type { Person } from '../footage/people';
import { logger } from '../log';
import { personOf } from './person';
import { sendCard } from './turn-helpers';

/**
 * Finding footage in Teams: typed text, the "Next page" and place-picking buttons, and the
 * search-based message extension. Each turns an answer of the domain's FindFootage into cards.
 */
export interface ActiveGrant {
  openUrl: string;
  expiresAt: Date;
  thumbnailDataUri?: string;
}

export interface FindRouteDeps {
  find: FindFootage;
  /** The officer's active grants by Box file id, from the bot's own records (no Box call). */
  activeGrants(person: Person, fileIds: string[]): Promise<Map<string, ActiveGrant>>;
  /** "Now" for relative times: the operator's fixed clock (demos), else the activity's timestamp. */
  now(context: TurnContext): Date;
  /** Registered cameras whose owners could be asked for what was searched (footage requests); none when absent. */
  camerasToAsk?(query: FootageQuery): string[];
}

/** Card data keeps either the understood query (paging) or the text and its "now" (place pick). */
type QueryToken =
  | { k: 'page'; q: unknown; p: number }
  | { k: 'pick'; t: string; n: string };

function encodeToken(token: QueryToken): string {
  return Buffer.from(JSON.stringify(token), 'utf8').toString('base64url');
}

function decodeToken(raw: string): QueryToken | undefined {
  try {
    const value = JSON.parse(Buffer.from(raw, 'base64url').toString('utf8')) as Record<string, unknown>;
    if (value.k === 'page' && Number.isInteger(value.p) && (value.p as number) >= 0 && (value.p as number) < 10_000) return value as QueryToken;
    if (value.k === 'pick' && typeof value.t === 'string' && value.t.length <= 1000 && typeof value.n === 'string' && !Number.isNaN(Date.parse(value.n))) {
      return value as QueryToken;
    }
  } catch {
    // Malformed tokens are answered below like any other stale card.
  }
  return undefined;
}

const MESSAGE_EXTENSION_RESULTS = 25;

export function registerFindRoutes(app: Application<TurnState>, deps: FindRouteDeps): void {
  app.adaptiveCards.actionExecute(CARD_VERBS.nextPage, async (context, _state, data) => {
    return nextPageCard(deps, context, data);
  });

  app.adaptiveCards.actionExecute(CARD_VERBS.pickPlace, async (context, _state, data) => {
    return pickedPlaceCard(deps, context, data);
  });

  app.messageExtensions.query('findFootage', async (context, _state, query) => {
    const text = String(query.parameters.query ?? '').trim();
    if (!text) return { type: 'message', text: 'Type what you are looking for, e.g. "near Brixton Station yesterday evening".' };
    const answer = await deps.find.find(text, deps.now(context), { pageSize: Math.min(query.count || MESSAGE_EXTENSION_RESULTS, MESSAGE_EXTENSION_RESULTS) });
    if (answer.kind !== 'results') return { type: 'message', text: plainExplanation(answer) };
    return {
      type: 'result',
      attachmentLayout: 'list',
      attachments: answer.page.items.map((item) => footageExtensionAttachment(resultRecording(item.recording, { kind: 'none' }, item.distanceMetres))),
    };
  });
}

/** Typed text that classified as a search. */
export async function handleFindText(context: TurnContext, deps: FindRouteDeps, text: string): Promise<void> {
  const answer = await deps.find.find(text, deps.now(context));
  await sendCard(context, await answerCard(deps, context, answer, { k: 'pick', t: text, n: deps.now(context).toISOString() }));
}

async function nextPageCard(deps: FindRouteDeps, context: TurnContext, data: Record<string, unknown>): Promise<AdaptiveCard> {
  const parsed = parseCardAction(CARD_VERBS.nextPage, data);
  const token = parsed.ok && parsed.action.verb === CARD_VERBS.nextPage ? decodeToken(parsed.action.queryToken) : undefined;
  const query = token?.k === 'page' ? decodeQuery(token.q) : undefined;
  if (!token || token.k !== 'page' || !query) return staleCard();
  return answerCard(deps, context, await deps.find.page(query, token.p), token);
}

async function pickedPlaceCard(deps: FindRouteDeps, context: TurnContext, data: Record<string, unknown>): Promise<AdaptiveCard> {
  const parsed = parseCardAction(CARD_VERBS.pickPlace, data);
  if (!parsed.ok || parsed.action.verb !== CARD_VERBS.pickPlace) return staleCard();
  const token = decodeToken(parsed.action.queryToken);
  if (!token || token.k !== 'pick') return staleCard();
  const answer = await deps.find.find(token.t, new Date(token.n), { chosenPlace: parsed.action.placeId });
  return answerCard(deps, context, answer, token);
}

async function answerCard(deps: FindRouteDeps, context: TurnContext, answer: FindAnswer, token: QueryToken): Promise<AdaptiveCard> {
  switch (answer.kind) {
    case 'results': {
      const { page } = answer;
      const fileIds = page.items.map((item) => item.recording.fileId);
      const grants = await deps.activeGrants(personOf(context), fileIds);
      return resultsCard({
        understood: answer.understood,
        total: page.total,
        pageStart: page.pageStart,
        recordings: page.items.map((item) => resultRecording(item.recording, accessOf(grants.get(item.recording.fileId)), item.distanceMetres)),
        nextPage: page.hasMore ? { queryToken: encodeToken({ k: 'page', q: encodeQuery(answer.query), p: page.page + 1 }) } : undefined,
      });
    }
    case 'no_match': {
      const cameraIds = deps.camerasToAsk?.(answer.query).slice(0, 10) ?? [];
      const window = answer.query.window;
      const askOwners = cameraIds.length > 0
        ? { cameraIds, ...(window ? { start: window.start.toISOString(), end: window.end.toISOString() } : {}), ...(answer.query.caseReference ? { caseReference: answer.query.caseReference } : {}) }
        : undefined;
      return noMatchCard({ understood: answer.understood, hints: answer.hints, ...(askOwners ? { askOwners } : {}) });
    }
    case 'ambiguous_place':
      return placePickerCard({
        text: answer.text,
        candidates: answer.candidates.map((c) => ({ placeId: c.name, name: c.name, detail: c.borough })),
        queryToken: encodeToken(token.k === 'pick' ? token : { k: 'pick', t: answer.text, n: new Date().toISOString() }),
      });
    case 'unknown_place':
      return unknownPlaceCard({ text: answer.text, suggestions: answer.suggestions });
    case 'invalid':
      return errorCard({ title: "I couldn't search for that", message: answer.reason, retryable: false });
  }
}

function accessOf(grant: ActiveGrant | undefined): RecordingAccess {
  if (!grant) return { kind: 'none' };
  return { kind: 'granted', openUrl: grant.openUrl, expiresAt: grant.expiresAt, thumbnailDataUri: grant.thumbnailDataUri };
}

function staleCard(): AdaptiveCard {
  logger.warn('card action with an unreadable query token');
  return errorCard({ title: 'That card is out of date', message: 'I could not read the search behind this button. Please search again.', retryable: false });
}

function plainExplanation(answer: Exclude<FindAnswer, { kind: 'results' }>): string {
  switch (answer.kind) {
    case 'no_match':
      return `No recordings found. ${answer.hints[0] ?? ''}`.trim();
    case 'ambiguous_place':
    case 'unknown_place':
      return answer.message;
    case 'invalid':
      return answer.reason;
  }
}
