/**
 * Files attached in the personal chat, end to end through the Teams protocol, a stand-in for Teams'
 * expiring download links and the Box emulator: the copy into staging starts at once, the form is
 * prefilled from the export's name and the message, and once described the file takes the shared
 * arrival path (metadata, camera folder, access, arrival card with its SHA-256, found by find). A
 * big file goes through a chunked session (small parts here) with progress on its card and a commit
 * Box holds with 202 + retry-after; the same content twice is stored once; an expired link, an
 * empty file and a download that stops half way leave nothing in Box; files sent in a group chat
 * are answered with where to send them.
 */
import { AttachmentServer } from '../../support/attachment-server';
import { BoxProbe } from '../access/box-probe';
import { alice, backends, ben, cardText, personalConversation, useAccessBot, waitForPosted } from '../access/support';
import { sha256, videoBytes } from '../footage-requests/support';
import {
  emulatorRequests,
  sendUploadForm,
  SMALL_UPLOADS,
  statusCardTexts,
  uploadNamed,
  waitForForm,
  waitForShown,
} from './support';

describe.each(backends())('files attached in the chat on %s', (backend) => {
  const ctx = useAccessBot(backend, { install: [alice, ben], env: SMALL_UPLOADS });
  const files = new AttachmentServer();
  beforeAll(() => files.start());
  afterAll(() => files.close());

  it('copies the file into staging at once, asks what it is, and catalogues it on the shared arrival path', async () => {
    const { h, store } = ctx.bot;
    const name = 'LAM-0105_20260303T1400Z_60min.mp4';
    const bytes = videoBytes(`chat-direct-${backend}`, 100 * 1024);
    const url = files.serve({ bytes, ttlMs: 60_000 });
    await h.teams.attach(alice, [{ name, downloadUrl: url }], {
      text: 'from the manager of Tesco Brixton Road for case 5274265/26',
    });

    // The copy starts before anyone answers the form, and the form is prefilled.
    const form = await waitForForm(h, alice, name);
    const staged = await uploadNamed(store, name, ['staged']);
    expect(staged).toMatchObject({ sha256: sha256(bytes), sizeBytes: bytes.length, isVideo: true, downloadUrl: null });
    expect(files.readsOf(url)).toBe(1);
    const text = JSON.stringify(form.card);
    for (const value of ['LAM-0105', '2026-03-03', '14:00', '15:00', '5274265/26', 'the manager of Tesco Brixton Road'])
      expect(text).toContain(value);

    const answer = await sendUploadForm(h, alice, form);
    expect(cardText(answer)).toMatch(/cataloguing/);

    // The arrival card of the shared path, with the SHA-256 of the bytes attached.
    const arrival = await waitForPosted(h.connector, personalConversation(alice), /Footage arrived/);
    expect(cardText(arrival.card)).toContain(sha256(bytes));
    await waitForPosted(h.connector, personalConversation(alice), /Access granted/);

    const probe = new BoxProbe(h.bot.emulator!.url);
    const boxFile = (await probe.json(`/2.0/files/${staged.stagedFileId}?fields=name,path_collection,sha1`)) as {
      name: string;
      path_collection: { entries: Array<{ name: string }> };
    };
    expect(boxFile.path_collection.entries.map((e) => e.name).slice(-3)).toEqual(['CCTV', 'Lambeth', 'LAM-0105']);
    const metadata = (await probe.json(`/2.0/files/${staged.stagedFileId}/metadata/enterprise/cctvFootage`)) as Record<
      string,
      unknown
    >;
    expect(metadata).toMatchObject({
      cameraId: 'LAM-0105',
      caseReference: '5274265/26',
      sha256: sha256(bytes),
      source: 'officer upload',
      uploadedBy: alice.email,
      sizeBytes: bytes.length,
    });
    expect(Date.parse(String(metadata.recordedFrom))).toBe(Date.parse('2026-03-03T14:00:00Z'));
    expect(Date.parse(String(metadata.recordedTo))).toBe(Date.parse('2026-03-03T15:00:00Z'));
    expect(await uploadNamed(store, name, ['submitted'])).toMatchObject({ footageRequestId: expect.any(String) });

    await h.teams.say(alice, 'find footage for case 5274265/26');
    await waitForPosted(h.connector, personalConversation(alice), new RegExp(name.replace(/\./g, '\\.')));

    const actions = (await store.audit.list({ limit: 5000 }))
      .filter((e) => e.target === `chat-upload:${staged.id}`)
      .map((e) => e.action);
    expect(actions).toEqual(['chat_upload_received', 'chat_upload_staged', 'chat_upload_described']);

    // The same content again is not stored twice: the officer is told which recording it is.
    const again = files.serve({ bytes });
    await h.teams.attach(alice, [{ name: 'copy from phone.mp4', downloadUrl: again }]);
    const duplicate = await uploadNamed(store, 'copy from phone.mp4', ['duplicate']);
    expect(duplicate.duplicateOfFileId).toBe(staged.stagedFileId);
    expect(await probe.json(`/2.0/folders/${duplicate.stagingFolderId}/items`)).toMatchObject({ total_count: 0 });
    const texts = statusCardTexts(h, duplicate.cardActivityId!).concat(
      cardText((await waitForPosted(h.connector, personalConversation(alice), /copy from phone\.mp4/)).card),
    );
    expect(texts.join('\n')).toMatch(new RegExp(`already the recording \\*\\*${name.replace(/\./g, '\\.')}`));
  }, 120_000);

  it('sends a big file through a chunked upload session, with progress on its card and a commit held with retry-after', async () => {
    const { h, store } = ctx.bot;
    const name = 'WST-0115_20260314T2200Z_90min.mp4';
    const bytes = videoBytes(`chat-chunked-${backend}`, 700 * 1024);
    const emulator = h.bot.emulator!.url;
    const hold = await fetch(`${emulator}/_emulator/commit-holds`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ count: 1, retryAfter: 1 }),
    });
    expect(hold.status).toBeLessThan(300);
    await fetch(`${emulator}/_emulator/requests`, { method: 'DELETE' });

    await h.teams.attach(alice, [{ name, downloadUrl: files.serve({ bytes }) }], { text: 'case 5212345/26' });
    const staged = await uploadNamed(store, name, ['staged']);
    expect(staged.sha256).toBe(sha256(bytes));

    const log = await emulatorRequests(emulator);
    const parts = log.filter((r) => r.method === 'PUT' && /upload_sessions\/[^/]+$/.test(r.path));
    expect(parts.length).toBe(Math.ceil(bytes.length / 65536));
    const commits = log.filter((r) => r.method === 'POST' && r.path.endsWith('/commit'));
    expect(commits.map((c) => c.status)).toEqual([202, 201]);
    expect(commits[1].startedAt - commits[0].startedAt).toBeGreaterThanOrEqual(1000);

    // The status card was updated in place with "N KB of 700 KB" as parts went.
    const progress = statusCardTexts(h, staged.cardActivityId!);
    expect(progress.some((t) => /\d+ KB of 700 KB/.test(t))).toBe(true);

    const form = await waitForForm(h, alice, name);
    await sendUploadForm(h, alice, form, { cameFrom: 'Westminster control room, exported to DVD' });
    const arrival = await waitForPosted(
      h.connector,
      personalConversation(alice),
      new RegExp(`Footage arrived[\\s\\S]*${sha256(bytes)}`),
    );
    expect(cardText(arrival.card)).toContain('WST-0115');
  }, 120_000);

  it('leaves nothing in Box for an expired link, an empty file or a download that stops half way, and says so', async () => {
    const { h, store } = ctx.bot;
    const expiredUrl = files.serve({ bytes: videoBytes('expired', 10_000), ttlMs: 0 });
    await h.teams.attach(ben, [{ name: 'expired.mp4', downloadUrl: expiredUrl }]);
    const expired = await uploadNamed(store, 'expired.mp4', ['failed']);
    expect(expired).toMatchObject({ failure: 'expired_link', stagedFileId: null, downloadUrl: null });
    await waitForShown(h, ben, /download link for expired\.mp4 expired[\s\S]*Send the file again/);

    await h.teams.attach(ben, [{ name: 'empty.mp4', downloadUrl: files.serve({ bytes: Buffer.alloc(0) }) }]);
    expect(await uploadNamed(store, 'empty.mp4', ['failed'])).toMatchObject({
      failure: 'empty_file',
      stagedFileId: null,
    });
    await waitForShown(h, ben, /empty\.mp4 is empty[\s\S]*0 bytes/);

    const big = videoBytes('halfway', 500 * 1024);
    await h.teams.attach(ben, [
      { name: 'halfway.mp4', downloadUrl: files.serve({ bytes: big, stopAfterBytes: 300 * 1024 }) },
    ]);
    const halfway = await uploadNamed(store, 'halfway.mp4', ['failed']);
    expect(halfway.failure).toBe('incomplete_download');
    const probe = new BoxProbe(h.bot.emulator!.url);
    expect(await probe.json(`/2.0/folders/${halfway.stagingFolderId}/items`)).toMatchObject({ total_count: 0 });
    const log = await emulatorRequests(h.bot.emulator!.url);
    expect(log.some((r) => r.method === 'DELETE' && /upload_sessions\//.test(r.path) && r.status === 204)).toBe(true);
    await waitForShown(h, ben, /download of halfway\.mp4 stopped half way[\s\S]*Nothing was kept in Box/);

    // A link that sends part of the file and then goes quiet without closing is given up too.
    await h.teams.attach(ben, [
      { name: 'stalled.mp4', downloadUrl: files.serve({ bytes: big, stallAfterBytes: 300 * 1024 }) },
    ]);
    const stalled = await uploadNamed(store, 'stalled.mp4', ['failed']);
    expect(stalled.failure).toBe('incomplete_download');
    expect(await probe.json(`/2.0/folders/${stalled.stagingFolderId}/items`)).toMatchObject({ total_count: 0 });
    await waitForShown(h, ben, /download of stalled\.mp4 stopped half way[\s\S]*Nothing was kept in Box/);
  }, 120_000);

  it('answers files sent in a group chat with where to send them', async () => {
    const { h, store } = ctx.bot;
    const chatId = '19:files-here@thread.v2';
    await h.teams.attach(
      alice,
      [{ name: 'group.mp4', downloadUrl: files.serve({ bytes: videoBytes('group', 1000) }) }],
      { scope: { type: 'groupChat', chatId } },
    );
    await waitForPosted(h.connector, chatId, /Send footage to me in our personal chat/);
    expect(
      (await store.chatUploads.listByState(['receiving', 'staged', 'failed'], { limit: 500 })).some(
        (u) => u.fileName === 'group.mp4',
      ),
    ).toBe(false);
  }, 60_000);
});
