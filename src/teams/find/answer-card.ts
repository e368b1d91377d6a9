/**
 * Turns an answer of the domain's FindFootage into the card an officer sees: results with their
 * grants, no match with hints, a place picker, an unknown place, or why the text could not be searched.
 */
import type { TurnContext } from 'botbuilder';
import {
  errorCard,
  noMatchCard,
  placePickerCard,
  resultRecording,
  resultsCard,
  staleCardCard,
  unknownPlaceCard,
  type AdaptiveCard,
  type AskOwnersOffer,
  type CardActionData,
  type RecordingAccess,
} from '../../cards';
import type { FindAnswer } from '../../footage/find';
import type { FootageQuery } from '../../footage/query';
import type { Recording } from '../../footage/recording';
import { logger } from '../../log';
import { personOf } from '../person';
import type { FindRouteDeps, ShownGrant } from './deps';
import { encodeToken, type QueryToken } from './query-token';

export async function answerCard(
  deps: FindRouteDeps,
  context: TurnContext,
  answer: FindAnswer,
  token: QueryToken | undefined,
): Promise<AdaptiveCard> {
  switch (answer.kind) {
    case 'results': {
      const { page } = answer;
      const fileIds = page.items.map((item) => item.recording.fileId);
      const grants = await deps.activeGrants(personOf(context), fileIds);
      return resultsCard({
        understood: answer.understood,
        total: page.total,
        known: page.known,
        moreCertain: page.moreCertain,
        pageStart: page.pageStart,
        recordings: page.items.map((item) =>
          resultRecording(item.recording, accessOf(grants.get(item.recording.fileId)), item.distanceMetres),
        ),
        nextPage: answer.nextToken ? { queryToken: answer.nextToken } : undefined,
        ...askOwnersOnResults(
          deps,
          answer.query,
          page.items.map((item) => item.recording),
        ),
      });
    }
    case 'no_match':
      return noMatchCard({
        understood: answer.understood,
        hints: answer.hints,
        wider: answer.wider.map((w) => ({ title: w.label, queryToken: w.token })),
        ...askOwnersOf(deps, answer.query),
      });
    case 'ambiguous_place':
      return placePickerCard({
        text: answer.text,
        candidates: answer.candidates.map((c) => ({ placeId: c.name, name: c.name, detail: c.borough })),
        queryToken: encodeToken(token ?? { k: 'pick', t: answer.text, n: new Date().toISOString() }),
      });
    case 'unknown_place':
      return unknownPlaceCard({ text: answer.text, suggestions: answer.suggestions });
    case 'invalid':
      return errorCard({ title: "I couldn't search for that", message: answer.reason, retryable: false });
  }
}

/** "Ask the owners for this footage" when registered cameras cover what was searched. */
function askOwnersOf(deps: FindRouteDeps, query: FootageQuery): { askOwners?: CardActionData['footageRequest.open'] } {
  const cameraIds = deps.camerasToAsk?.(query).slice(0, 10) ?? [];
  if (cameraIds.length === 0) return {};
  const window = query.window;
  return {
    askOwners: {
      cameraIds,
      ...(window ? { start: window.start.toISOString(), end: window.end.toISOString() } : {}),
      ...(query.caseReference ? { caseReference: query.caseReference } : {}),
    },
  };
}

/** "Ask the owner…" for the cameras on the page whose owners could be asked, for the searched window. */
function askOwnersOnResults(
  deps: FindRouteDeps,
  query: FootageQuery,
  recordings: ReadonlyArray<Pick<Recording, 'cameraId' | 'cameraName' | 'owner'>>,
): { askOwners?: AskOwnersOffer } {
  const askable = new Set(deps.askableCameras?.(recordings.map((r) => r.cameraId)) ?? []);
  const cameras = new Map<string, string>();
  for (const r of recordings) {
    if (askable.has(r.cameraId) && !cameras.has(r.cameraId))
      cameras.set(r.cameraId, `${r.cameraId} ${r.cameraName} · ${r.owner}`);
  }
  if (cameras.size === 0) return {};
  const window = query.window;
  return {
    askOwners: {
      cameras: [...cameras].map(([cameraId, label]) => ({ cameraId, label })),
      ...(window ? { start: window.start.toISOString(), end: window.end.toISOString() } : {}),
      ...(query.caseReference ? { caseReference: query.caseReference } : {}),
    },
  };
}

function accessOf(grant: ShownGrant | undefined): RecordingAccess {
  if (!grant) return { kind: 'none' };
  return {
    kind: 'granted',
    openUrl: grant.openUrl,
    expiresAt: grant.expiresAt,
    thumbnailDataUri: grant.thumbnailDataUri,
  };
}

export function staleSearchCard(): AdaptiveCard {
  logger.warn('card action with an unreadable query token');
  return staleCardCard('I could not read the search behind this button. Please search again.');
}
