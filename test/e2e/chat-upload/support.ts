/**
 * Steps of a chat upload as the officer and Teams take them: files attached in the personal chat
 * (served by the test's stand-in for Teams' download links), the form sent back with what it shows
 * plus the officer's answers, and helpers for reading what the bot and Box then hold.
 */
import type { ChatUpload, ChatUploadState } from '../../../src/footage/chat-upload';
import type { Store } from '../../../src/footage/ports/store';
import type { Harness } from '../../support/harness';
import type { TeamsUser } from '../../support/teams-client';
import {
  actionData,
  cardText,
  invokeCard,
  personalConversation,
  postedCards,
  updatedCards,
  waitUntil,
  type Card,
} from '../access/support';
import { inputValues } from '../footage-requests/support';

/** Small thresholds so direct and chunked uploads, parts and progress all happen with small files. */
export const SMALL_UPLOADS: Record<string, string> = {
  CHAT_UPLOAD_DIRECT_MAX_MB: '0.25',
  BOX_EMULATOR_PART_SIZE: '65536',
  BOX_EMULATOR_MIN_CHUNKED_BYTES: '1',
  CHAT_UPLOAD_PROGRESS_MS: '0',
  CHAT_UPLOAD_PARALLEL_PARTS: '2',
  // A link that goes quiet is given up after this (the stalled-download test waits for it).
  CHAT_UPLOAD_IDLE_SECONDS: '3',
};

/** The form card posted for a file, newest first. */
export async function waitForForm(h: Harness, user: TeamsUser, fileName: string): Promise<{ id: string; card: Card }> {
  return waitUntil(async () => {
    const forms = postedCards(h.connector, personalConversation(user)).filter(
      (p) => JSON.stringify(p.card).includes('chatUpload.describe') && cardText(p.card).includes(fileName),
    );
    return forms[forms.length - 1];
  }, `the form for ${fileName}`);
}

/** Sends the form with what it shows plus `answers`; the answer is the card that replaces it. */
export async function sendUploadForm(
  h: Harness,
  user: TeamsUser,
  form: { id: string; card: Card },
  answers: Record<string, string> = {},
): Promise<Card> {
  const data = { ...actionData(form.card, 'chatUpload.describe'), ...inputValues(form.card), ...answers };
  return invokeCard(await h.teams.execute(user, 'chatUpload.describe', data, { replyToId: form.id }));
}

export function uploadNamed(
  store: Store,
  fileName: string,
  states: readonly ChatUploadState[],
  timeoutMs = 20_000,
): Promise<ChatUpload> {
  return waitUntil(
    async () => {
      const found = await store.chatUploads.listByState(states, { limit: 500 });
      return found.filter((u) => u.fileName === fileName).pop();
    },
    `${fileName} in ${states.join('/')}`,
    timeoutMs,
  );
}

/** Every version of the status card of an upload (posted, then updated in place). */
export function statusCardTexts(h: Harness, activityId: string): string[] {
  return updatedCards(h.connector, (call) => call.activityId === activityId).map((u) => cardText(u.card));
}

/** The emulator's log of recent calls (method, path, status, when), oldest first. */
export async function emulatorRequests(
  emulatorUrl: string,
): Promise<Array<{ method: string; path: string; status: number; startedAt: number }>> {
  const body = (await (await fetch(`${emulatorUrl}/_emulator/requests`)).json()) as {
    entries: Array<{ method: string; path: string; status: number; startedAt: number }>;
  };
  return body.entries;
}

/** A card the officer sees in the personal chat matching `pattern`, whether posted or updated in place. */
export function waitForShown(h: Harness, user: TeamsUser, pattern: RegExp): Promise<string> {
  const conversation = personalConversation(user).split(';')[0];
  return waitUntil(async () => {
    const texts = [
      ...postedCards(h.connector, conversation).map((p) => cardText(p.card)),
      ...updatedCards(h.connector, (call) => call.conversationId?.split(';')[0] === conversation).map((u) =>
        cardText(u.card),
      ),
    ];
    return texts.find((t) => pattern.test(t));
  }, `a card matching ${pattern}`);
}
