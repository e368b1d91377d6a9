/**
 * Files attached in the chat, in Teams: a message carrying files is taken before the text
 * dispatcher (a message with only a file has no text for it to read), and the form and discard
 * buttons go through the one card-action place. `waiting uploads` reaches its handler through the
 * command table.
 */
import type { Application, TurnState } from '@microsoft/teams-ai';
import { CARD_VERBS, refusalCard } from '../../cards';
import { onCardAction, type UnreadableAction } from '../card-actions';
import type { CommandTurn } from '../commands/types';
import type { TeamsServices } from '../deps';
import { personOf } from '../person';
import { sendCard } from '../turn-helpers';
import { mentionsSharedFile } from './attachments';
import { describe, discard, receiveFiles, waitingUploads } from './routes';

export { teamsDownloads } from './download';
export { createChatUploadFeature, type ChatUploadFeature, type ChatUploadFeatureOptions } from './feature';
export type { ChatUploadRouteDeps } from './routes';

export function register(app: Application<TurnState>, services: TeamsServices): void {
  const deps = services.chatUploads;
  if (!deps) return;
  app.message(
    async (context) => mentionsSharedFile(context.activity),
    async (context) => receiveFiles(context, deps, personOf(context)),
  );
  onCardAction(app, CARD_VERBS.chatUploadDescribe, ({ person, action }) => describe(deps, person, action), unreadable);
  onCardAction(
    app,
    CARD_VERBS.chatUploadDiscard,
    ({ person, action }) => discard(deps, person, action.uploadId),
    unreadable,
  );
}

/** `waiting uploads` (admins): what officers attached and never described. */
export function matchWaitingUploads(text: string): true | undefined {
  return /^(?:waiting|staged)\s+uploads?$/i.test(text) ? true : undefined;
}

export async function listWaitingUploads({ context, services }: CommandTurn<true>): Promise<void> {
  const deps = services.chatUploads;
  if (!deps) return;
  await sendCard(context, await waitingUploads(deps, personOf(context)));
}

const unreadable: UnreadableAction = async ({ reason }) =>
  refusalCard({ reason: `That button's data could not be read (${reason}). Nothing was changed.` });
