/**
 * Partner shares and the chain of custody end to end through the Teams protocol, judged by Box's
 * own answers (the emulator over plain HTTP): a previewer collaboration for the outside email with
 * the watermark on and download refused, an admin-approved download, revocation taking the
 * watermark off; a history showing a preview and a download made in Box; the continuity record in
 * the case folder; a content check that notices changed bytes; and the audit chain check.
 */
import Database from 'better-sqlite3';
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { Client } from 'pg';
import type { Store } from '../../../src/footage/ports/store';
import type { Recording } from '../../../src/footage/recording';
import type { SharingStoreExtension } from '../../../src/footage/sharing';
import { SQLITE_FILE_NAME } from '../../../src/store';
import { BoxProbe } from '../access/box-probe';
import { recordingsOf } from '../access/flows';
import {
  actionsOf,
  alice,
  backends,
  cardText,
  chloe,
  dana,
  invokeCard,
  personalConversation,
  postedCards,
  priya,
  startOnBackend,
  useAccessBot,
  waitForPosted,
  waitUntil,
  type AccessBot,
  type PostgresSchema,
} from '../access/support';
import { EmulatorHttp, grantedAccess } from './support';

const LAWYER = 'j.lawyer@cps.gov.uk';

function sharingStore(bot: AccessBot): Store & SharingStoreExtension {
  return bot.store as Store & SharingStoreExtension;
}

/** The card answering a typed command in the person's chat (the newest one matching). */
async function answerTo(bot: AccessBot, user: typeof alice, text: string, pattern: RegExp): Promise<string> {
  const before = postedCards(bot.h.connector, personalConversation(user)).length;
  expect((await bot.h.teams.say(user, text)).status).toBe(200);
  await bot.h.connector.waitFor(
    () =>
      postedCards(bot.h.connector, personalConversation(user))
        .slice(before)
        .some((p) => pattern.test(cardText(p.card))),
    15_000,
  );
  return cardText(
    postedCards(bot.h.connector, personalConversation(user))
      .slice(before)
      .find((p) => pattern.test(cardText(p.card)))!.card,
  );
}

describe.each(backends())('partners and custody (%s)', (backend) => {
  const suite = useAccessBot(backend, { install: [alice, chloe, dana, priya], env: { EVENT_INGEST_MS: '200' } });
  let probe: BoxProbe;
  let box: EmulatorHttp;
  let recordings: Recording[];

  beforeAll(async () => {
    probe = new BoxProbe(suite.bot.h.bot.emulator!.url);
    box = new EmulatorHttp(suite.bot.h.bot.emulator!.url);
    recordings = await recordingsOf(suite.bot.h, 'LAM-0153', 3);
  });

  test('partner share → previewer collaboration for the outside email, watermark on, download refused until an admin allows it; revoke takes the watermark off', async () => {
    const { h } = suite.bot;
    const store = sharingStore(suite.bot);
    const recording = recordings[0];
    await grantedAccess(suite.bot, alice, dana, [recording.fileId]);
    const collaborations = (await probe.collaborations(recording.fileId)).length;

    const form = await answerTo(
      suite.bot,
      alice,
      `share ${recording.fileName} with cps`,
      /Share with Crown Prosecution Service/,
    );
    const formCard = postedCards(h.connector, personalConversation(alice))
      .reverse()
      .find((p) => cardText(p.card) === form)!;
    const submitData = actionsOf(formCard.card).find((a) => a.verb === 'partner.submit')!.data;
    // An address outside the partner's domains is refused; nothing happens in Box.
    const outside = invokeCard(
      await h.teams.execute(alice, 'partner.submit', {
        ...submitData,
        partnerEmail: 'someone@gmail.com',
        shareReason: 'Charging decision',
        shareCaseReference: '5212345/26',
      }),
    );
    expect(cardText(outside)).toMatch(/is not an address of Crown Prosecution Service/);
    const submitted = invokeCard(
      await h.teams.execute(alice, 'partner.submit', {
        ...submitData,
        partnerEmail: LAWYER,
        shareReason: 'Charging decision',
        shareCaseReference: '5212345/26',
        shareDurationDays: '3',
      }),
    );
    expect(cardText(submitted)).toMatch(/Waiting for a supervisor/);
    const shareId = String((submitted.refresh as { action: { data: { shareId: string } } }).action.data.shareId);
    expect(await probe.collaborations(recording.fileId)).toHaveLength(collaborations);
    expect((await box.get(`/2.0/files/${recording.fileId}/watermark`)).status).toBe(404);

    // Alice, an officer, cannot approve it; Dana can.
    const own = invokeCard(await h.teams.execute(alice, 'partner.approve', { shareId }));
    expect(cardText(own)).toMatch(/Only a supervisor or an administrator can decide a partner share/);
    await waitForPosted(h.connector, personalConversation(dana), new RegExp(shareId));
    const approved = invokeCard(await h.teams.execute(dana, 'partner.approve', { shareId, shareDurationDays: '2' }));
    expect(cardText(approved)).toMatch(/Approved by Sgt Dana Whitfield/);
    const granted = await waitUntil(async () => {
      const share = await store.sharing.partnerShares.get(shareId);
      return share?.status === 'granted' ? share : undefined;
    }, 'the partner share to be granted');

    const partnerCollab = (await probe.collaborations(recording.fileId)).find((c) => c.accessible_by.login === LAWYER);
    expect(partnerCollab?.role).toBe('previewer');
    expect(Math.abs(Date.parse(partnerCollab!.expires_at!) - granted.expiresAt!.getTime())).toBeLessThan(1000);
    expect((await box.get(`/2.0/files/${recording.fileId}/watermark`)).status).toBe(200);
    const theirs = { authorization: `Bearer ${await box.externalToken(LAWYER)}` };
    const asPartner = (p: string): Promise<Response> =>
      fetch(`${box.url}${p}`, { headers: theirs, redirect: 'manual' });
    expect((await asPartner(`/2.0/files/${recording.fileId}?fields=name`)).status).toBe(200);
    expect((await asPartner(`/2.0/files/${recording.fileId}/content`)).status).toBe(403);

    // Download: a justification from the officer, then an admin's approval (not the officer's own).
    const asked = invokeCard(
      await h.teams.execute(alice, 'partner.download.request', {
        shareId,
        downloadJustification: 'The reviewing lawyer must attach it to the charging file.',
      }),
    );
    expect(cardText(asked)).toMatch(/asked, waiting for an administrator/);
    await waitForPosted(
      h.connector,
      personalConversation(priya),
      new RegExp(`Allow download[\\s\\S]*${shareId}|${shareId}[\\s\\S]*Allow download`),
    );
    const notAdmin = invokeCard(await h.teams.execute(dana, 'partner.download.approve', { shareId }));
    expect(cardText(notAdmin)).toMatch(/Only an administrator/);
    expect((await asPartner(`/2.0/files/${recording.fileId}/content`)).status).toBe(403);
    invokeCard(await h.teams.execute(priya, 'partner.download.approve', { shareId }));
    await waitUntil(
      async () =>
        (await probe.collaborations(recording.fileId)).find((c) => c.accessible_by.login === LAWYER)?.role === 'viewer',
      'the partner to become a viewer',
    );
    expect((await asPartner(`/2.0/files/${recording.fileId}/content`)).status).toBe(302);

    // Revocation: the collaboration goes and, with no other partner left, the watermark too.
    const revoked = invokeCard(await h.teams.execute(dana, 'partner.revoke', { shareId }));
    expect(cardText(revoked)).toMatch(/Access revoked/);
    await waitUntil(
      async () => (await box.get(`/2.0/files/${recording.fileId}/watermark`)).status === 404 || undefined,
      'the watermark to come off',
    );
    expect((await probe.collaborations(recording.fileId)).some((c) => c.accessible_by.login === LAWYER)).toBe(false);
    // Audited once Box has done it.
    await waitUntil(
      async () =>
        (await store.audit.list({ target: `file:${recording.fileId}` })).some(
          (e) => e.action === 'watermark_removed',
        ) || undefined,
      'the watermark removal to be audited',
    );
    expect((await store.audit.list({ target: `file:${recording.fileId}` })).map((e) => e.action)).toEqual(
      expect.arrayContaining(['watermark_applied', 'watermark_removed']),
    );
  });

  test('a partner share that expires is ended by the bot: collaboration removed and, with no partner left, the watermark off', async () => {
    const { h } = suite.bot;
    const store = sharingStore(suite.bot);
    const recording = recordings[0];
    const form = await answerTo(
      suite.bot,
      alice,
      `share ${recording.fileName} with Crown Prosecution Service`,
      /Share with Crown Prosecution Service/,
    );
    const formCard = postedCards(h.connector, personalConversation(alice))
      .reverse()
      .find((p) => cardText(p.card) === form)!;
    const submitData = actionsOf(formCard.card).find((a) => a.verb === 'partner.submit')!.data;
    const submitted = invokeCard(
      await h.teams.execute(alice, 'partner.submit', {
        ...submitData,
        partnerEmail: 'k.counsel@cps.gov.uk',
        shareReason: 'Disclosure review',
        shareCaseReference: '5212345/26',
        shareDurationDays: '1',
      }),
    );
    const shareId = String((submitted.refresh as { action: { data: { shareId: string } } }).action.data.shareId);
    invokeCard(await h.teams.execute(dana, 'partner.approve', { shareId }));
    await waitUntil(
      async () => (await store.sharing.partnerShares.get(shareId))?.status === 'granted' || undefined,
      'the partner share to be granted',
    );
    expect((await box.get(`/2.0/files/${recording.fileId}/watermark`)).status).toBe(200);
    await backdatePartnerShare(suite.bot, shareId);
    await waitUntil(
      async () => (await store.sharing.partnerShares.get(shareId))?.status === 'expired' || undefined,
      'the sweep to end the share',
    );
    await waitUntil(
      async () => (await box.get(`/2.0/files/${recording.fileId}/watermark`)).status === 404 || undefined,
      'the watermark to come off',
    );
    expect(
      (await probe.collaborations(recording.fileId)).some((c) => c.accessible_by.login === 'k.counsel@cps.gov.uk'),
    ).toBe(false);
    expect((await store.audit.list({ target: `partner-share:${shareId}` })).map((e) => e.action)).toContain(
      'partner_share_expired',
    );
  });

  test('Box failing during a partner share: the job retries and ends with exactly one collaboration', async () => {
    const { h } = suite.bot;
    const store = sharingStore(suite.bot);
    const recording = recordings[2];
    await grantedAccess(suite.bot, alice, dana, [recording.fileId]);
    const email = 'faults.counsel@cps.gov.uk';
    const form = await answerTo(
      suite.bot,
      alice,
      `share ${recording.fileName} with cps`,
      /Share with Crown Prosecution Service/,
    );
    const formCard = postedCards(h.connector, personalConversation(alice))
      .reverse()
      .find((p) => cardText(p.card) === form)!;
    const submitData = actionsOf(formCard.card).find((a) => a.verb === 'partner.submit')!.data;
    const submitted = invokeCard(
      await h.teams.execute(alice, 'partner.submit', {
        ...submitData,
        partnerEmail: email,
        shareReason: 'Disclosure',
        shareCaseReference: '5212345/26',
      }),
    );
    const shareId = String((submitted.refresh as { action: { data: { shareId: string } } }).action.data.shareId);
    // Box answers 503 to the watermark call and to the collaboration call: the job must come back
    // (within the suite's three attempts) and still make one collaboration.
    await probe.fault({ status: 503, count: 1, match: 'POST /2.0/collaborations' });
    await probe.fault({ status: 503, count: 1, match: 'PUT /2.0/files' });
    invokeCard(await h.teams.execute(dana, 'partner.approve', { shareId }));
    await waitUntil(
      async () => (await store.sharing.partnerShares.get(shareId))?.status === 'granted' || undefined,
      'the partner share to be granted after Box recovered',
      20_000,
    );
    expect((await probe.collaborations(recording.fileId)).filter((c) => c.accessible_by.login === email)).toHaveLength(
      1,
    );
    expect((await probe.requestLog()).filter((r) => r.fault && r.path.includes('collaborations'))).toHaveLength(1);
    expect(
      (await store.audit.list({ target: `partner-share:${shareId}` })).filter(
        (e) => e.action === 'partner_share_granted',
      ),
    ).toHaveLength(1);
    await probe.clearFaults();
    invokeCard(await h.teams.execute(dana, 'partner.revoke', { shareId }));
    await waitUntil(
      async () =>
        !(await probe.collaborations(recording.fileId)).some((c) => c.accessible_by.login === email) || undefined,
      'the collaboration to go',
    );
  });

  test('history shows a preview and a download made in Box; export lands CSV and PDF in the case folder; verify notices changed bytes', async () => {
    const { h } = suite.bot;
    const store = sharingStore(suite.bot);
    const recording = recordings[1];
    await grantedAccess(suite.bot, alice, dana, [recording.fileId], {
      caseReference: '5298765/26',
      reason: 'Assault',
      access: 'download',
      justification: 'For the CPS file',
      durationDays: '7',
    });
    const aliceBox = await probe.userId(alice.email);

    // Alice previews (embed link) and downloads in Box itself.
    const embed = await box.json<{ expiring_embed_link: { url: string } }>(
      `/2.0/files/${recording.fileId}?fields=expiring_embed_link`,
      { 'as-user': aliceBox },
    );
    expect((await fetch(embed.expiring_embed_link.url)).status).toBe(200);
    expect((await box.get(`/2.0/files/${recording.fileId}/content`, { 'as-user': aliceBox })).status).toBe(302);
    await waitUntil(async () => {
      const kinds = (await store.sharing.boxEvents.listByFile(recording.fileId)).map((e) => e.eventType);
      return kinds.includes('PREVIEW') && kinds.includes('DOWNLOAD') ? kinds : undefined;
    }, 'Box events to be kept by the bot');

    const history = await answerTo(suite.bot, alice, `history ${recording.fileName}`, /History: /);
    expect(history).toMatch(/Previewed in Box/);
    expect(history).toMatch(/Downloaded from Box/);
    expect(history).toContain(alice.email);
    expect(history).toMatch(/Access granted in Box as viewer/);
    await answerTo(suite.bot, chloe, `history ${recording.fileName}`, /Only people with access to this recording/);

    // Export: CSV and PDF in the case folder (the recording's case in Box, else the request's), each audit entry with its chain hash.
    const caseFolderName = (recording.caseReference ?? '5298765/26').replace('/', '-');
    const exported = await answerTo(
      suite.bot,
      alice,
      `export history ${recording.fileName}`,
      /Continuity record exported/,
    );
    expect(exported).toContain(`Cases/${caseFolderName}`);
    const root = await box.json<{ entries: Array<{ id: string; name: string }> }>('/2.0/folders/0/items?limit=1000');
    const cases = root.entries.find((e) => e.name === 'Cases')!;
    const caseFolder = (
      await box.json<{ entries: Array<{ id: string; name: string }> }>(`/2.0/folders/${cases.id}/items`)
    ).entries.find((e) => e.name === caseFolderName)!;
    const files = (
      await box.json<{ entries: Array<{ id: string; name: string }> }>(`/2.0/folders/${caseFolder.id}/items`)
    ).entries;
    const csvFile = files.find((f) => f.name.endsWith('.csv'))!;
    const pdfFile = files.find((f) => f.name.endsWith('.pdf'))!;
    const content = async (id: string): Promise<Buffer> => {
      const redirect = await box.get(`/2.0/files/${id}/content`);
      return Buffer.from(await (await fetch(redirect.headers.get('location')!)).arrayBuffer());
    };
    const csv = (await content(csvFile.id)).toString('utf8');
    expect(csv.split('\r\n')[0]).toBe('time_utc,source,who,what,audit_seq,audit_hash');
    const chain = await store.audit.list({ limit: 10_000 });
    const granted = chain.find((e) => e.action === 'granted' && e.details.boxFileId === recording.fileId)!;
    expect(csv).toContain(`,${granted.seq},${granted.hash}`);
    expect(csv).toMatch(/PREVIEW|Previewed in Box/);
    expect((await content(pdfFile.id)).subarray(0, 5).toString('latin1')).toBe('%PDF-');

    // Verify: the content matches what arrived, until its bytes change in Box.
    expect(await answerTo(suite.bot, alice, `verify ${recording.fileName}`, /Content check/)).toMatch(
      /exactly what arrived/,
    );
    const { sha1 } = await box.json<{ sha1: string }>(`/2.0/files/${recording.fileId}?fields=sha1`);
    const blob = path.join(h.dataDir, 'box-emulator', 'blobs', sha1.slice(0, 2), sha1);
    writeFileSync(blob, Buffer.concat([readFileSync(blob), Buffer.from('tampered')]));
    expect(await answerTo(suite.bot, alice, `verify ${recording.fileName}`, /Content check/)).toMatch(
      /NOT what arrived/,
    );
    expect(
      (await store.audit.list({ target: `file:${recording.fileId}` }))
        .filter((e) => e.action === 'file_verified')
        .map((e) => e.details.matches),
    ).toEqual([true, false]);
  });
});

describe.each(backends())('verify audit (%s)', (backend) => {
  let bot: (AccessBot & { schema?: PostgresSchema }) | undefined;

  afterAll(async () => {
    await bot?.close();
  });

  test('admins only; an edited entry is named', async () => {
    bot = await startOnBackend(backend);
    for (const user of [alice, priya]) await bot.h.teams.install(user);
    await answerTo(bot, alice, 'verify audit', /Only an administrator can check the audit chain/);
    expect(await answerTo(bot, priya, 'verify audit', /Audit chain check/)).toMatch(/Intact: all \d+ entries/);
    const target = (await bot.store.audit.list({ limit: 10_000 }))[1];
    await tamper(bot, target.seq);
    expect(await answerTo(bot, priya, 'verify audit', /Audit chain check/)).toMatch(
      new RegExp(`Broken at entry #${target.seq}`),
    );
  });
});

/** As if the share's days had passed: its expiry moved into the past, straight in the database. */
async function backdatePartnerShare(bot: AccessBot & { schema?: PostgresSchema }, shareId: string): Promise<void> {
  const past = new Date(Date.now() - 60_000).toISOString();
  if (bot.schema) {
    const client = new Client({ connectionString: bot.schema.databaseUrl });
    await client.connect();
    try {
      await client.query('UPDATE partner_shares SET expires_at = $1 WHERE id = $2', [past, shareId]);
    } finally {
      await client.end();
    }
    return;
  }
  const db = new Database(path.join(bot.h.dataDir, SQLITE_FILE_NAME));
  try {
    db.prepare('UPDATE partner_shares SET expires_at = ? WHERE id = ?').run(past, shareId);
  } finally {
    db.close();
  }
}

/** What an attacker with database access would do: switch the guard off and rewrite an entry. */
async function tamper(bot: AccessBot & { schema?: PostgresSchema }, seq: number): Promise<void> {
  if (bot.schema) {
    const client = new Client({ connectionString: bot.schema.databaseUrl });
    await client.connect();
    try {
      await client.query('ALTER TABLE audit_log DISABLE TRIGGER USER');
      await client.query(`UPDATE audit_log SET actor = 'someone-else' WHERE seq = $1`, [seq]);
    } finally {
      await client.end();
    }
    return;
  }
  const db = new Database(path.join(bot.h.dataDir, SQLITE_FILE_NAME));
  try {
    db.exec('DROP TRIGGER audit_log_no_update');
    db.prepare(`UPDATE audit_log SET actor = 'someone-else' WHERE seq = ?`).run(seq);
  } finally {
    db.close();
  }
}
