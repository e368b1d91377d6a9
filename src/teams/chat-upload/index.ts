/**
 * Files attached in the chat, in Teams. `register(app, deps)` adds the routes; it must run before
 * the catch-all message route (a message with only a file has no text for it to read).
 */
import type { TurnContext } from 'botbuilder';
import type { Application, TurnState } from '@microsoft/teams-ai';
import { CARD_VERBS, parseCardAction, refusalCard, type AdaptiveCard } from '../../cards';
import { orBoxUnavailable } from '../access/deps';
import { personOf } from '../person';
import { answerActionWithCard, sendCard } from '../turn-helpers';
import { mentionsSharedFile } from './attachments';
import { describe, discard, receiveFiles, waitingUploads, type ChatUploadRouteDeps } from './routes';

export { createChatUploadFeature, type ChatUploadFeature, type ChatUploadFeatureOptions } from './feature';
export type { ChatUploadRouteDeps } from './routes';
export { teamsDownloads } from './download';

export const WAITING_UPLOADS_COMMAND = /^\s*(?:waiting|staged)\s+uploads?\s*$/i;

export function register(app: Application<TurnState>, deps: ChatUploadRouteDeps): void {
  app.message(async (context) => mentionsSharedFile(context.activity), async (context) => receiveFiles(context, deps, personOf(context)));
  app.message(WAITING_UPLOADS_COMMAND, async (context) => {
    await sendCard(context, await orBoxUnavailable(() => waitingUploads(deps, personOf(context))));
  });
  on(app, CARD_VERBS.chatUploadDescribe, async (context, data) => {
    const parsed = parseCardAction(CARD_VERBS.chatUploadDescribe, data);
    if (!parsed.ok || parsed.action.verb !== CARD_VERBS.chatUploadDescribe) return unreadable(parsed.ok ? 'wrong action' : parsed.reason);
    return describe(deps, personOf(context), parsed.action);
  });
  on(app, CARD_VERBS.chatUploadDiscard, async (context, data) => {
    const parsed = parseCardAction(CARD_VERBS.chatUploadDiscard, data);
    if (!parsed.ok || parsed.action.verb !== CARD_VERBS.chatUploadDiscard) return unreadable(parsed.ok ? 'wrong action' : parsed.reason);
    return discard(deps, personOf(context), parsed.action.uploadId);
  });
}

function on(app: Application<TurnState>, verb: string, handler: (context: TurnContext, data: unknown) => Promise<AdaptiveCard>): void {
  app.adaptiveCards.actionExecute(verb, async (context, _state, data) => {
    const card = await orBoxUnavailable(() => handler(context, data));
    await answerActionWithCard(context, card);
    return card;
  });
}

function unreadable(reason: string): AdaptiveCard {
  return refusalCard({ reason: `That button's data could not be read (${reason}). Nothing was changed.` });
}
