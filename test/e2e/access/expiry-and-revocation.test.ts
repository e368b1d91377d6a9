import { ACCESS_JOB_KINDS, activeGrantsFor } from '../../../src/footage/access';
import type { Recording } from '../../../src/footage/recording';
import { BoxProbe } from './box-probe';
import { approvalCard, decide, GOOD_FORM, recordingsOf, requestByName, type FormAnswers } from './flows';
import {
  actionsOf,
  alice,
  backdateExpiry,
  backends,
  cardText,
  containingAll,
  dana,
  ed,
  invokeCard,
  personalConversation,
  updatedCards,
  useAccessBot,
  waitForPosted,
  waitForStatus,
  waitUntil,
} from './support';

/**
 * Access ends when the approval says, by the bot's own hand (Box removes expired collaborations
 * only with an enterprise setting on), or earlier when a supervisor revokes it; either way Box
 * stops answering the file for the officer, the officer is told and the cards say so.
 */
describe.each(backends())('expiry and revocation (%s)', (backend) => {
  const suite = useAccessBot(backend, { install: [alice, dana, ed] });
  let probe: BoxProbe;
  let recordings: Recording[];
  let aliceBoxId: string;

  beforeAll(async () => {
    probe = new BoxProbe(suite.bot.h.bot.emulator!.url);
    recordings = await recordingsOf(suite.bot.h, 'LAM-0108', 5);
    aliceBoxId = await probe.userId(alice.email);
  });

  async function grantedRequest(
    recording: Recording,
    form: FormAnswers & { caseReference: string } = GOOD_FORM,
  ): Promise<{ requestId: string; approvalId: string; shareId: string }> {
    const { h, store } = suite.bot;
    const { requestId } = await requestByName(h, alice, recording.fileName, form);
    const approval = await approvalCard(h, personalConversation(dana), requestId);
    invokeCard(await decide(h, dana, requestId, 'approve'));
    expect((await waitForStatus(store, requestId, ['granted', 'failed'])).status).toBe('granted');
    const share = await waitForPosted(
      h.connector,
      personalConversation(alice),
      containingAll('Access granted', recording.fileName, form.caseReference),
    );
    expect(await probe.fileStatusAs(recording.fileId, aliceBoxId)).toBe(200);
    return { requestId, approvalId: approval.id, shareId: share.id };
  }

  async function expectAccessGone(recording: Recording): Promise<void> {
    expect(await probe.fileStatusAs(recording.fileId, aliceBoxId)).toBe(404);
    expect(await probe.collaborations(recording.fileId)).toEqual([]);
    expect(await probe.sharedLink(recording.fileId)).toBeNull();
  }

  test('at expiry the sweep removes the access, tells the officer and marks the cards expired', async () => {
    const { h, store } = suite.bot;
    const recording = recordings[0];
    const { requestId, approvalId, shareId } = await grantedRequest(recording);
    expect((await activeGrantsFor(store, alice.aadObjectId, new Date())).has(recording.fileId)).toBe(true);

    await backdateExpiry(suite.bot, requestId, suite.bot.schema);
    await waitForStatus(store, requestId, ['expired']);
    await expectAccessGone(recording);
    expect((await activeGrantsFor(store, alice.aadObjectId, new Date())).has(recording.fileId)).toBe(false);

    const notice = await waitForPosted(h.connector, personalConversation(alice), /Access expired/);
    expect(cardText(notice.card)).toContain(recording.fileName);
    await h.connector.waitFor(() =>
      updatedCards(h.connector).some((u) => u.activityId === shareId && /Access expired on/.test(cardText(u.card))),
    );
    const shareUpdates = updatedCards(h.connector, (c) => c.activityId === shareId);
    expect(cardText(shareUpdates[shareUpdates.length - 1].card)).not.toContain('Open in Box');
    await h.connector.waitFor(() =>
      updatedCards(h.connector).some((u) => u.activityId === approvalId && /Access expired/.test(cardText(u.card))),
    );
    expect((await store.audit.list({ target: `request:${requestId}` })).map((e) => e.action)).toEqual([
      'requested',
      'routed',
      'approved',
      'granted',
      'expired',
    ]);
  });

  test('a supervisor revokes from the card: Box access goes, the officer is told', async () => {
    const { h, store } = suite.bot;
    const recording = recordings[1];
    const { requestId, approvalId, shareId } = await grantedRequest(recording);
    const danaView = invokeCard(
      await h.teams.execute(dana, 'request.refresh', { requestId }, { trigger: 'automatic' }),
    );
    expect(actionsOf(danaView).map((a) => a.verb)).toEqual(['grant.revoke']);

    const answer = invokeCard(await h.teams.execute(dana, 'grant.revoke', { requestId }, { replyToId: approvalId }));
    expect(cardText(answer)).toMatch(/Access revoked by Sgt Dana Whitfield on .* (GMT|BST)/);
    expect(await store.requests.get(requestId)).toMatchObject({ status: 'revoked', revokedBy: dana.aadObjectId });
    await waitUntil(
      async () => (await store.requests.get(requestId))?.recordings.every((r) => r.state === 'revoked'),
      'the revocation in Box',
    );
    await expectAccessGone(recording);
    const notice = await waitForPosted(h.connector, personalConversation(alice), /Access revoked/);
    expect(cardText(notice.card)).toContain('Sgt Dana Whitfield');
    await h.connector.waitFor(() =>
      updatedCards(h.connector).some(
        (u) => u.activityId === shareId && /Access was revoked by Sgt Dana Whitfield/.test(cardText(u.card)),
      ),
    );

    const again = invokeCard(await h.teams.execute(dana, 'grant.revoke', { requestId }));
    expect(cardText(again)).toMatch(/There is no access to revoke/);
    const actions = (await store.audit.list({ target: `request:${requestId}` })).map((e) => [e.action, e.actor]);
    expect(actions.slice(-2)).toEqual([
      ['revoked', dana.aadObjectId],
      ['refused', dana.aadObjectId],
    ]);
  });

  test('a revocation Box keeps refusing past its retries is finished by a later sweep once Box answers', async () => {
    const { h, store } = suite.bot;
    const recording = recordings[4];
    const { requestId } = await grantedRequest(recording);
    await probe.fault({ status: 503, retryAfter: 0, count: 1000, match: 'DELETE /2.0/collaborations' });
    try {
      invokeCard(await h.teams.execute(dana, 'grant.revoke', { requestId }));
      await waitUntil(
        async () =>
          (await store.jobs.list({ kind: ACCESS_JOB_KINDS.revoke, status: 'done' })).some(
            (j) => (j.payload as { requestId?: string }).requestId === requestId,
          ) || undefined,
        'the revocation to run out of retries',
        30_000,
      );
      expect((await store.requests.get(requestId))?.recordings[0].state).toBe('revoke_failed');
      expect(await probe.fileStatusAs(recording.fileId, aliceBoxId)).toBe(200);
    } finally {
      await probe.clearFaults();
    }
    await waitUntil(
      async () => (await store.requests.get(requestId))?.recordings.every((r) => r.state === 'revoked'),
      'a sweep to finish the revocation',
    );
    await expectAccessGone(recording);
    const actions = (await store.audit.list({ target: `request:${requestId}` })).map((e) => e.action);
    expect(actions).toContain('revoke_failed');
    expect(actions[actions.length - 1]).toBe('revoke_completed');
    expect(actions.filter((a) => a === 'revoke_completed')).toHaveLength(1);
  });

  test('`revoke <request id>` ends access too; an officer cannot revoke', async () => {
    const { h, store } = suite.bot;
    const recording = recordings[2];
    const { requestId } = await grantedRequest(recording);
    await h.teams.say(alice, `revoke ${requestId}`);
    expect(cardText((await waitForPosted(h.connector, personalConversation(alice), /That was not done/)).card)).toMatch(
      /Only a supervisor or an administrator/,
    );
    expect(await probe.fileStatusAs(recording.fileId, aliceBoxId)).toBe(200);

    await h.teams.say(ed, `revoke ${requestId.slice(0, 8)}`);
    const card = await waitForPosted(h.connector, personalConversation(ed), /Access revoked by Insp Ed Morgan/);
    expect(cardText(card.card)).toContain(requestId);
    // Ed supervises Southwark: he may end the access, not read the Lambeth request's details.
    expect(cardText(card.card)).not.toContain(GOOD_FORM.reason);
    await waitUntil(
      async () => (await store.requests.get(requestId))?.recordings.every((r) => r.state === 'revoked'),
      'the revocation in Box',
    );
    await expectAccessGone(recording);
    await waitForPosted(h.connector, personalConversation(alice), /Insp Ed Morgan revoked your access/);
  });

  test('ending one of two grants on the same recording leaves the other in force', async () => {
    const { h, store } = suite.bot;
    const recording = recordings[3];
    const viewing = await grantedRequest(recording, { ...GOOD_FORM, caseReference: '1111111/26' });
    const downloading = await grantedRequest(recording, {
      ...GOOD_FORM,
      caseReference: '2222222/26',
      access: 'download',
      justification: 'Disclosure to the CPS.',
    });
    const [both] = await probe.collaborations(recording.fileId);
    expect(both.role).toBe('viewer');

    invokeCard(await h.teams.execute(dana, 'grant.revoke', { requestId: downloading.requestId }));
    await waitUntil(
      async () => (await store.requests.get(downloading.requestId))?.recordings.every((r) => r.state === 'revoked'),
      'the revocation in Box',
    );
    // Still visible under the view-only grant, no longer downloadable.
    const [left] = await probe.collaborations(recording.fileId);
    expect(left).toMatchObject({ id: both.id, role: 'previewer' });
    expect(await probe.fileStatusAs(recording.fileId, aliceBoxId)).toBe(200);
    expect(await probe.downloadStatusAs(recording.fileId, aliceBoxId)).toBe(403);
    expect(await probe.sharedLink(recording.fileId)).toMatchObject({ access: 'collaborators' });

    await backdateExpiry(suite.bot, viewing.requestId, suite.bot.schema);
    await waitForStatus(store, viewing.requestId, ['expired']);
    await expectAccessGone(recording);
  });
});
