/**
 * Steps of the footage-request flow as people and Box take them: the officer types the request and
 * sends the form (Teams protocol), the owner uploads on the emulator's public page as a browser posts
 * it (multipart), and the administrator's set-up registers the upload webhook (the same code path as
 * npm run box:setup). Helpers for reading what the bot then did.
 */
import { createHash } from 'node:crypto';
import { gatewayConfigFor } from '../../../src/box/from-app-config';
import { createIntakeGateway } from '../../../src/box/intake';
import type { FootageRequest, IntakeFile } from '../../../src/footage/footage-requests';
import type { Store } from '../../../src/footage/ports/store';
import type { Harness } from '../../support/harness';
import type { TeamsUser } from '../../support/teams-client';
import {
  actionData,
  cardText,
  invokeCard,
  personalConversation,
  postedCards,
  waitUntil,
  type Card,
} from '../access/support';

export const REQUEST_TEXT =
  'request footage from camera LAM-0105 on 03/03/2026 between 2pm and 4pm for case 5274265/26';

export const GOOD_ANSWERS = {
  whatHappened: 'A robbery outside Brixton Station; the suspect ran south towards Coldharbour Lane.',
  linkDays: '7',
};

/** Types the request and returns the form card the bot answered with. */
export async function askForFootage(
  h: Harness,
  user: TeamsUser,
  text = REQUEST_TEXT,
): Promise<{ id: string; card: Card }> {
  const before = formsOf(h, user).length;
  await h.teams.say(user, text);
  await h.connector.waitFor(() => formsOf(h, user).length > before);
  const forms = formsOf(h, user);
  return forms[forms.length - 1];
}

function formsOf(h: Harness, user: TeamsUser): Array<{ id: string; card: Card }> {
  return postedCards(h.connector, personalConversation(user)).filter((p) =>
    JSON.stringify(p.card).includes('footageRequest.submit'),
  );
}

/** The values the card shows in its inputs, as Teams merges them into the action's data. */
export function inputValues(card: Card): Record<string, string> {
  const values: Record<string, string> = {};
  const visit = (node: unknown): void => {
    if (Array.isArray(node)) node.forEach(visit);
    else if (node && typeof node === 'object') {
      const record = node as Record<string, unknown>;
      if (
        typeof record.type === 'string' &&
        record.type.startsWith('Input.') &&
        typeof record.id === 'string' &&
        record.value !== undefined &&
        record.value !== ''
      ) {
        values[record.id] = String(record.value);
      }
      Object.values(record).forEach(visit);
    }
  };
  visit(card);
  return values;
}

/** Sends the form with what it shows plus `answers`; the invoke answer is the link card (or the form again). */
export async function sendForm(
  h: Harness,
  user: TeamsUser,
  form: { id: string; card: Card },
  answers: Record<string, string> = GOOD_ANSWERS,
): Promise<Card> {
  const data = { ...actionData(form.card, 'footageRequest.submit'), ...inputValues(form.card), ...answers };
  return invokeCard(await h.teams.execute(user, 'footageRequest.submit', data, { replyToId: form.id }));
}

/** The upload link on a link card. */
export function uploadUrlOf(card: Card): string {
  const match = /Upload link: (http[^\s"\\]+)/.exec(cardText(card));
  if (!match) throw new Error(`no upload link on the card: ${cardText(card).slice(0, 500)}`);
  return match[1];
}

export function requestIdOf(card: Card): string {
  const match = /Footage request ([0-9a-f]{12})/.exec(cardText(card));
  if (!match) throw new Error('no request id on the card');
  return match[1];
}

/** What a browser does on the upload page: GET the form, then POST it as multipart/form-data. */
export async function uploadAsOwner(
  url: string,
  files: Array<{ name: string; bytes: Buffer; type?: string }>,
  email = 'manager.supermarket.brixton-station@example.com',
): Promise<{ status: number; html: string }> {
  const page = await fetch(url);
  const form = await page.text();
  if (page.status !== 200) return { status: page.status, html: form };
  if (!/<form method="post" enctype="multipart\/form-data">/.test(form))
    throw new Error('the upload page has no multipart form');
  const body = new FormData();
  body.append('email', email);
  for (const file of files) body.append('file', new Blob([file.bytes], { type: file.type ?? 'video/mp4' }), file.name);
  const response = await fetch(url, { method: 'POST', body });
  return { status: response.status, html: await response.text() };
}

/** A small but real-looking MP4 (ftyp box first), unique per call so hashes never collide across tests. */
export function videoBytes(seed: string, size = 256 * 1024): Buffer {
  const header = Buffer.concat([Buffer.from([0, 0, 0, 0x20]), Buffer.from('ftypisom'), Buffer.alloc(20)]);
  const body = Buffer.alloc(size - header.length);
  const seedHash = createHash('sha256').update(seed).digest();
  for (let i = 0; i < body.length; i += 1) body[i] = seedHash[i % 32] ^ (i & 0xff);
  return Buffer.concat([header, body]);
}

export function sha256(bytes: Buffer): string {
  return createHash('sha256').update(bytes).digest('hex');
}

/** Registers FILE.UPLOADED on CCTV/_incoming for the bot's endpoint, as npm run box:setup does. */
export async function registerWebhook(h: Harness): Promise<void> {
  const emulator = h.bot.emulator!;
  const intake = createIntakeGateway({
    ...gatewayConfigFor({ kind: 'emulator', port: 0 }, emulator.url),
    appBaseUrl: emulator.url,
  });
  await intake.ensureUploadWebhook(await intake.intakeRootId(), `${h.bot.url}/api/box/webhooks`);
}

export function waitForCatalogued(
  store: Store,
  requestId: string,
  count: number,
  timeoutMs = 20_000,
): Promise<IntakeFile[]> {
  return waitUntil(
    async () => {
      const files = await store.intake.intakeFiles.listByRequest(requestId);
      return files.filter((f) => f.state === 'catalogued' && f.notified).length >= count ? files : undefined;
    },
    `${count} catalogued files for ${requestId}`,
    timeoutMs,
  );
}

export async function footageRequest(store: Store, requestId: string): Promise<FootageRequest> {
  const request = await store.intake.footageRequests.get(requestId);
  if (!request) throw new Error(`no footage request ${requestId}`);
  return request;
}
