import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import roster from '../../../demo/roster.json';
import { ACCESS_JOB_KINDS } from '../../../src/footage/access';
import type { Recording } from '../../../src/footage/recording';
import type { BotResponse, TeamsUser } from '../../support/teams-client';
import { BoxProbe } from './box-probe';
import { approvalCard, decide, recordingsOf, requestByName } from './flows';
import {
  actionsOf,
  alice,
  backends,
  ben,
  cardText,
  dana,
  ed,
  invokeCard,
  personalConversation,
  priya,
  updatedCards,
  useAccessBot,
  waitForPosted,
  waitForStatus,
} from './support';

/**
 * Rejection, and every action the server must refuse however the card was clicked or forged. A
 * refusal is a card in the invoke answer (never an HTTP error, which Teams shows as "something went
 * wrong"), it is audited, and nothing reaches Box.
 */
const FRANK: TeamsUser & { email: string } = {
  name: 'PC Frank Nobox',
  aadObjectId: '6f1a0c2e-1111-4a1a-9a01-00000000a0f0',
  teamsId: '29:1frank-nobox',
  email: 'frank.nobox@police.example',
};

function rosterWithFrank(): { file: string; dir: string } {
  const dir = mkdtempSync(path.join(tmpdir(), 'cctv-roster-'));
  const file = path.join(dir, 'roster.json');
  const frank = {
    name: FRANK.name,
    role: 'officer',
    borough: 'Lambeth',
    email: FRANK.email,
    aadObjectId: FRANK.aadObjectId,
    teamsId: FRANK.teamsId,
  };
  writeFileSync(file, JSON.stringify({ ...roster, people: [...roster.people, frank] }));
  return { file, dir };
}

describe.each(backends())('rejection and refused actions (%s)', (backend) => {
  const rosterFile = rosterWithFrank();
  const suite = useAccessBot(backend, {
    env: { ROSTER_PATH: rosterFile.file },
    install: [alice, ben, dana, ed, priya, FRANK],
  });
  let probe: BoxProbe;
  let recordings: Recording[];

  beforeAll(async () => {
    probe = new BoxProbe(suite.bot.h.bot.emulator!.url);
    recordings = await recordingsOf(suite.bot.h, 'LAM-0112', 6);
  });

  afterAll(() => rmSync(rosterFile.dir, { recursive: true, force: true }));

  async function expectNothingInBox(recording: Recording): Promise<void> {
    expect(await probe.collaborations(recording.fileId)).toEqual([]);
    expect(await probe.sharedLink(recording.fileId)).toBeNull();
    expect(await probe.fileStatusAs(recording.fileId, await probe.userId(alice.email))).toBe(404);
  }

  function refusal(response: BotResponse): string {
    const card = invokeCard(response);
    expect(cardText(card)).toContain('That was not done');
    return cardText(card);
  }

  async function refusedEntries(
    requestId: string,
  ): Promise<Array<{ actor: string; details: Record<string, unknown> }>> {
    return (await suite.bot.store.audit.list({ target: `request:${requestId}` })).filter((e) => e.action === 'refused');
  }

  test('a rejection needs a reason; the officer is told it, and every copy shows who decided', async () => {
    const { h, store } = suite.bot;
    const { requestId, formId } = await requestByName(h, alice, recordings[0].fileName);
    const approval = await approvalCard(h, personalConversation(dana), requestId);

    const again = invokeCard(await decide(h, dana, requestId, 'reject'));
    expect(cardText(again)).toContain('Give a reason to reject');
    expect(actionsOf(again).map((a) => a.verb)).toEqual(['request.approve', 'request.reject']);
    const tooLong = invokeCard(await decide(h, dana, requestId, 'reject', { decisionComment: 'x'.repeat(501) }));
    expect(cardText(tooLong)).toContain('Shorten the comment to at most 500 characters');
    expect((await store.requests.get(requestId))?.status).toBe('pending');

    const decided = invokeCard(
      await decide(h, dana, requestId, 'reject', { decisionComment: 'Not proportionate: the incident was elsewhere.' }),
    );
    expect(cardText(decided)).toMatch(/Rejected by Sgt Dana Whitfield on .* (GMT|BST)/);
    expect(cardText(decided)).toContain('Not proportionate: the incident was elsewhere.');
    expect(await store.requests.get(requestId)).toMatchObject({
      status: 'rejected',
      decidedBy: dana.aadObjectId,
      expiresAt: null,
    });

    const notice = await waitForPosted(h.connector, personalConversation(alice), /Access request rejected/);
    expect(cardText(notice.card)).toContain('Not proportionate: the incident was elsewhere.');
    expect(cardText(notice.card)).toContain('Sgt Dana Whitfield');
    for (const activityId of [approval.id, formId]) {
      const updates = updatedCards(h.connector, (c) => c.activityId === activityId);
      expect(cardText(updates[updates.length - 1].card)).toMatch(/Rejected by Sgt Dana Whitfield/);
    }
    expect(await store.jobs.list({ kind: ACCESS_JOB_KINDS.grant })).toEqual([]);
    await expectNothingInBox(recordings[0]);
    expect((await store.audit.list({ target: `request:${requestId}` })).map((e) => e.action)).toEqual([
      'requested',
      'routed',
      'rejected',
    ]);

    // A decided request cannot be decided again, by anyone, however the invoke arrives.
    expect(refusal(await decide(h, priya, requestId, 'approve'))).toMatch(
      /already rejected by Sgt Dana Whitfield on .* (GMT|BST)/,
    );
    expect(refusal(await decide(h, dana, requestId, 'approve'))).toMatch(/already rejected/);
    expect((await store.requests.get(requestId))?.status).toBe('rejected');
    expect(await store.jobs.list({ kind: ACCESS_JOB_KINDS.grant })).toEqual([]);
    await expectNothingInBox(recordings[0]);
    expect((await refusedEntries(requestId)).map((e) => [e.actor, e.details.code])).toEqual([
      [priya.aadObjectId, 'not_pending'],
      [dana.aadObjectId, 'not_pending'],
    ]);
  });

  test('nobody decides their own request, and an officer decides nothing', async () => {
    const { h, store } = suite.bot;
    // A supervisor asking for footage: Lambeth has no other supervisor, so the card goes to the
    // administrator (another borough's supervisor may not decide it), never to themselves.
    const { requestId } = await requestByName(h, dana, recordings[1].fileName);
    await approvalCard(h, personalConversation(priya), requestId);
    expect(refusal(await decide(h, dana, requestId, 'approve'))).toMatch(/your own request/);

    const { requestId: alices } = await requestByName(h, alice, recordings[2].fileName);
    expect(refusal(await decide(h, ben, alices, 'approve'))).toMatch(/Only a supervisor or an administrator/);
    expect(refusal(await decide(h, alice, alices, 'approve'))).toMatch(/Only a supervisor or an administrator/);

    for (const id of [requestId, alices]) expect((await store.requests.get(id))?.status).toBe('pending');
    expect(await store.jobs.list({ kind: ACCESS_JOB_KINDS.grant })).toEqual([]);
    await expectNothingInBox(recordings[1]);
    await expectNothingInBox(recordings[2]);
    expect((await refusedEntries(requestId)).map((e) => e.details.code)).toEqual(['own_request']);
    expect((await refusedEntries(alices)).map((e) => [e.actor, e.details.code])).toEqual([
      [ben.aadObjectId, 'not_an_approver'],
      [alice.aadObjectId, 'not_an_approver'],
    ]);
  });

  test('forged and replayed invokes change nothing', async () => {
    const { h, store } = suite.bot;
    const { requestId } = await requestByName(h, alice, recordings[3].fileName);
    // Lengthening beyond what was asked, an unknown request, data that is not a request id.
    expect(refusal(await decide(h, dana, requestId, 'approve', { approvedDurationDays: '60' }))).toMatch(
      /shortened but not lengthened/,
    );
    expect(
      refusal(await h.teams.execute(dana, 'request.approve', { requestId: '00000000-0000-4000-8000-000000000000' })),
    ).toMatch(/does not exist/);
    expect(refusal(await h.teams.execute(dana, 'request.approve', { requestId: { $ne: null } }))).toMatch(
      /could not be read/,
    );
    expect(refusal(await h.teams.execute(ben, 'grant.revoke', { requestId }))).toMatch(
      /Only a supervisor or an administrator/,
    );
    expect((await store.requests.get(requestId))?.status).toBe('pending');

    // The real approval, then the very same invoke again: the first decision stands.
    invokeCard(await decide(h, dana, requestId, 'approve'));
    expect(refusal(await decide(h, dana, requestId, 'approve'))).toMatch(/already approved by Sgt Dana Whitfield/);
    const granted = await waitForStatus(store, requestId, ['granted', 'failed']);
    expect(granted.status).toBe('granted');
    expect(await store.jobs.list({ kind: ACCESS_JOB_KINDS.grant })).toHaveLength(1);
    expect(await probe.collaborations(recordings[3].fileId)).toHaveLength(1);
    expect((await refusedEntries(requestId)).map((e) => e.details.code)).toEqual([
      'duration_too_long',
      'not_an_approver',
      'not_pending',
    ]);
  });

  test('an officer with no Box user is told when they ask; the approver sees it; nothing is granted to anyone', async () => {
    const { h, store } = suite.bot;
    const { requestId, statusCard } = await requestByName(h, FRANK, recordings[4].fileName);
    expect(cardText(statusCard)).toMatch(/No Box user has this officer’s email/);
    const approval = await approvalCard(h, personalConversation(dana), requestId);
    expect(cardText(approval.card)).toMatch(/No Box user has this officer’s email/);
    expect((await store.audit.list({ target: `request:${requestId}` }))[0]).toMatchObject({
      action: 'requested',
      details: { requesterHasBoxUser: false },
    });

    invokeCard(await decide(h, dana, requestId, 'approve'));
    const failed = await waitForStatus(store, requestId, ['failed', 'granted', 'partially_failed']);
    expect(failed.status).toBe('failed');
    expect(failed.recordings[0]).toMatchObject({ state: 'failed', collaborationId: null });
    expect(await probe.collaborations(recordings[4].fileId)).toEqual([]);
    expect(await probe.sharedLink(recordings[4].fileId)).toBeNull();
    // Both the officer and the approver are told why.
    for (const user of [FRANK, dana]) {
      const told = await waitForPosted(h.connector, personalConversation(user), /Access could not be set up in Box/);
      expect(cardText(told.card)).toContain(`No Box user has the email ${FRANK.email}`);
    }
    expect((await store.audit.list({ target: `request:${requestId}` })).map((e) => e.action)).toEqual([
      'requested',
      'routed',
      'approved',
      'grant_failed',
    ]);
  });

  test('officers are refused the approvals queue with a card', async () => {
    const { h, store } = suite.bot;
    await h.teams.say(ben, 'approvals');
    const answer = await waitForPosted(h.connector, personalConversation(ben), /That was not done/);
    expect(cardText(answer.card)).toMatch(/Only supervisors and administrators/);
    expect((await store.audit.list({ target: 'approvals' })).map((e) => [e.actor, e.action])).toEqual([
      [ben.aadObjectId, 'refused'],
    ]);
  });
});
