/**
 * What stays in staging: a file that is not video is catalogued only with an explicit "keep it with
 * the footage" (or removed with "Don't keep it"); a file never described waits, its officer is
 * reminded once after STAGING_DAYS, and admins list what waits with `waiting uploads`.
 */
import Database from 'better-sqlite3';
import path from 'node:path';
import { Client } from 'pg';
import { SQLITE_FILE_NAME } from '../../../src/store';
import { AttachmentServer } from '../../support/attachment-server';
import { demoUser } from '../../support/harness';
import { BoxProbe } from '../access/box-probe';
import {
  alice,
  backends,
  cardText,
  invokeCard,
  personalConversation,
  useAccessBot,
  waitForPosted,
  type AccessBot,
} from '../access/support';
import { SMALL_UPLOADS, sendUploadForm, uploadNamed, waitForForm, waitForShown } from './support';

const priya = demoUser('priya');

/** Makes an upload look as if it had been sent `days` ago. */
async function backdate(
  bot: AccessBot & { schema?: { databaseUrl: string } },
  uploadId: string,
  days: number,
): Promise<void> {
  const past = new Date(Date.now() - days * 86_400_000).toISOString();
  if (bot.schema) {
    const client = new Client({ connectionString: bot.schema.databaseUrl });
    await client.connect();
    try {
      await client.query('UPDATE chat_uploads SET created_at = $1 WHERE id = $2', [past, uploadId]);
    } finally {
      await client.end();
    }
    return;
  }
  const db = new Database(path.join(bot.h.dataDir, SQLITE_FILE_NAME));
  try {
    db.prepare('UPDATE chat_uploads SET created_at = ? WHERE id = ?').run(past, uploadId);
  } finally {
    db.close();
  }
}

describe.each(backends())('files waiting in staging on %s', (backend) => {
  const ctx = useAccessBot(backend, { install: [alice, priya], env: { ...SMALL_UPLOADS, STAGING_SWEEP_MS: '200' } });
  const files = new AttachmentServer();
  beforeAll(() => files.start());
  afterAll(() => files.close());

  it('keeps a file that is not video only when asked to, and removes it on "Don\'t keep it"', async () => {
    const { h, store } = ctx.bot;
    const readme = Buffer.from('To play these files, install the player from the USB stick.\n');
    await h.teams.attach(alice, [{ name: 'README.txt', downloadUrl: files.serve({ bytes: readme }) }], {
      text: 'camera LAM-0105 case 5274265/26',
    });
    const form = await waitForForm(h, alice, 'README.txt');
    expect(JSON.stringify(form.card)).toContain('Keep it with the footage');
    const staged = await uploadNamed(store, 'README.txt', ['staged']);
    expect(staged.isVideo).toBe(false);

    const answers = {
      footageDate: '2026-03-03',
      footageFrom: '14:00',
      footageTo: '15:00',
      cameFrom: 'On the stick with the export',
    };
    const again = await sendUploadForm(h, alice, form, answers);
    expect(cardText(again)).toMatch(/README\.txt is not a video file[\s\S]*Keep it with the footage/);
    expect((await store.chatUploads.get(staged.id))?.state).toBe('staged');

    const removed = invokeCard(
      await h.teams.execute(alice, 'chatUpload.discard', { uploadId: staged.id }, { replyToId: form.id }),
    );
    expect(cardText(removed)).toMatch(/README\.txt was not kept/);
    expect((await store.chatUploads.get(staged.id))?.state).toBe('discarded');
    expect(await new BoxProbe(h.bot.emulator!.url).json(`/2.0/folders/${staged.stagingFolderId}/items`)).toMatchObject({
      total_count: 0,
    });

    // Someone else cannot describe or remove it.
    const other = await uploadNamed(store, 'README.txt', ['discarded']);
    expect(cardText(invokeCard(await h.teams.execute(priya, 'chatUpload.discard', { uploadId: other.id })))).toMatch(
      /Only the officer who attached this file/,
    );
  }, 90_000);

  it('catalogues footage from a camera that is not registered under its place, with its owner', async () => {
    const { h, store } = ctx.bot;
    const bytes = Buffer.concat([Buffer.from([0, 0, 0, 0x20]), Buffer.from('ftypisom'), Buffer.alloc(9000, 5)]);
    await h.teams.attach(alice, [{ name: 'shop-dvr.mp4', downloadUrl: files.serve({ bytes }) }], {
      text: 'case 5274265/26',
    });
    const form = await waitForForm(h, alice, 'shop-dvr.mp4');
    const staged = await uploadNamed(store, 'shop-dvr.mp4', ['staged']);
    await sendUploadForm(h, alice, form, {
      uploadCameraId: '',
      uploadPlace: 'Brixton Station',
      uploadOwner: 'Co-op Acre Lane',
      footageDate: '2026-03-03',
      footageFrom: '14:00',
      footageTo: '15:00',
      cameFrom: 'Shop manager, on a USB stick',
    });
    await waitForPosted(h.connector, personalConversation(alice), /Footage arrived[\s\S]*UNREG-BRIXTON/);
    const probe = new BoxProbe(h.bot.emulator!.url);
    const file = (await probe.json(`/2.0/files/${staged.stagedFileId}?fields=path_collection`)) as {
      path_collection: { entries: Array<{ name: string }> };
    };
    expect(file.path_collection.entries.map((e) => e.name).slice(-3)).toEqual(['CCTV', 'Lambeth', 'UNREG-BRIXTON']);
    expect(await probe.json(`/2.0/files/${staged.stagedFileId}/metadata/enterprise/cctvFootage`)).toMatchObject({
      cameraId: 'UNREG-BRIXTON',
      owner: 'Co-op Acre Lane',
      borough: 'Lambeth',
      source: 'officer upload',
    });
  }, 90_000);

  it('reminds the officer once of a file never described, and lists it for admins', async () => {
    const { h, store } = ctx.bot;
    const bytes = Buffer.concat([Buffer.from([0, 0, 0, 0x20]), Buffer.from('ftypisom'), Buffer.alloc(5000, 3)]);
    await h.teams.attach(alice, [{ name: 'forgotten.mp4', downloadUrl: files.serve({ bytes }) }]);
    const staged = await uploadNamed(store, 'forgotten.mp4', ['staged']);

    await h.teams.say(priya, 'waiting uploads');
    await waitForPosted(
      h.connector,
      personalConversation(priya),
      /Files waiting in staging[\s\S]*forgotten\.mp4[\s\S]*PC Alice Carter/,
    );
    await h.teams.say(alice, 'waiting uploads');
    await waitForPosted(h.connector, personalConversation(alice), /Only CCTV administrators can list/);

    await backdate(ctx.bot, staged.id, 4);
    await waitForShown(h, alice, /forgotten\.mp4 is still waiting for its details/);
    const reminded = await uploadNamed(store, 'forgotten.mp4', ['staged']);
    expect(reminded.remindedAt).not.toBeNull();
    await new Promise((resolve) => setTimeout(resolve, 600));
    const reminders = (await store.audit.list({ limit: 5000 })).filter(
      (e) => e.action === 'chat_upload_reminded' && e.target === `chat-upload:${staged.id}`,
    );
    expect(reminders).toHaveLength(1);
  }, 90_000);
});
