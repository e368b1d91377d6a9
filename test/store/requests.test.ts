import { InvalidInputError } from '../../src/footage/errors';
import type { DecideResult, NewAccessRequest, Store } from '../../src/footage/ports/store';
import { backends, ManualClock, useFixture } from './support';

const DAY_MS = 24 * 60 * 60 * 1000;

function newRequest(overrides: Partial<NewAccessRequest> = {}): NewAccessRequest {
  return {
    idempotencyKey: 'aad-alice:card-1',
    requesterAadObjectId: 'aad-alice',
    recordings: [
      { boxFileId: '1001', fileName: 'LAM-CAM-01_2025-02-28T2200.mp4' },
      { boxFileId: '1002', fileName: 'LAM-CAM-02_2025-02-28T2200.mp4' },
    ],
    caseReference: 'CAD-1234-28FEB25',
    reason: 'Robbery on Brixton Road; suspect seen heading north.',
    access: 'view',
    downloadJustification: null,
    durationDays: 7,
    ...overrides,
  };
}

function approve(store: Store, requestId: string, decider: string): Promise<DecideResult> {
  return store.requests.decide({
    requestId,
    deciderAadObjectId: decider,
    decision: 'approved',
    comment: `ok from ${decider}`,
  });
}

/** The store keeps an address's data as given and never reads it. */
const address = (conversationId: string) => ({
  conversationId,
  data: {
    serviceUrl: 'https://smba/',
    channelId: 'msteams',
    conversation: { id: conversationId },
    note: 'kept as given ✓',
  },
});

describe.each(backends())('access requests on %s', (kind) => {
  const fixture = useFixture(kind, __filename);

  it('creates a pending request with its recordings, once per idempotency key', async () => {
    const clock = new ManualClock();
    const { store } = await fixture.store({ clock: clock.now });
    const first = await store.requests.create(newRequest());
    const again = await store.requests.create(newRequest({ reason: 'submitted twice' }));

    expect(first.created).toBe(true);
    expect(again).toEqual({ created: false, request: first.request });
    expect(first.request).toMatchObject({
      status: 'pending',
      caseReference: 'CAD-1234-28FEB25',
      access: 'view',
      durationDays: 7,
      decidedBy: null,
      decidedAt: null,
      expiresAt: null,
      createdAt: clock.now(),
    });
    expect(first.request.recordings.map((r) => [r.boxFileId, r.fileName, r.state, r.collaborationId])).toEqual([
      ['1001', 'LAM-CAM-01_2025-02-28T2200.mp4', 'pending', null],
      ['1002', 'LAM-CAM-02_2025-02-28T2200.mp4', 'pending', null],
    ]);
    expect(await store.requests.listByRequester('aad-alice')).toHaveLength(1);
  });

  it('makes one request from ten simultaneous submissions of the same form on two instances', async () => {
    const { store, db } = await fixture.store();
    const other = await db.open();
    const results = await Promise.all(
      Array.from({ length: 10 }, (_, i) => (i % 2 ? store : other).requests.create(newRequest())),
    );

    expect(results.filter((result) => result.created)).toHaveLength(1);
    expect(new Set(results.map((result) => result.request.id)).size).toBe(1);
    expect(await store.requests.listByRequester('aad-alice')).toHaveLength(1);
  });

  it('refuses requests the store cannot hold', async () => {
    const { store } = await fixture.store();
    await expect(store.requests.create(newRequest({ recordings: [] }))).rejects.toThrow(InvalidInputError);
    await expect(store.requests.create(newRequest({ durationDays: 0 }))).rejects.toThrow(InvalidInputError);
    const twice = [
      { boxFileId: '1', fileName: 'a' },
      { boxFileId: '1', fileName: 'a' },
    ];
    await expect(store.requests.create(newRequest({ recordings: twice }))).rejects.toThrow(/twice/);
  });

  it('decides once: approval sets who, when, comment and expiry; later decisions see the state', async () => {
    const clock = new ManualClock();
    const { store } = await fixture.store({ clock: clock.now });
    const { request } = await store.requests.create(newRequest());
    clock.advance(1000);

    const decided = await store.requests.decide({
      requestId: request.id,
      deciderAadObjectId: 'aad-dana',
      decision: 'approved',
      comment: 'Three days is enough',
      approvedDurationDays: 3,
    });
    expect(decided.outcome).toBe('decided');
    const expected = {
      status: 'approved',
      decidedBy: 'aad-dana',
      decidedAt: clock.now(),
      decisionComment: 'Three days is enough',
      approvedDurationDays: 3,
      expiresAt: new Date(clock.now().getTime() + 3 * DAY_MS),
    };
    expect(decided).toMatchObject({ request: expected });

    const late = await store.requests.decide({
      requestId: request.id,
      deciderAadObjectId: 'aad-sam',
      decision: 'rejected',
      comment: 'no',
    });
    expect(late).toMatchObject({ outcome: 'not_pending', request: expected });
    expect(
      await store.requests.decide({
        requestId: 'no-such-id',
        deciderAadObjectId: 'aad-dana',
        decision: 'rejected',
        comment: null,
      }),
    ).toEqual({ outcome: 'not_found' });
  });

  it('rejects without an expiry, and refuses an approval longer than requested', async () => {
    const { store } = await fixture.store();
    const { request } = await store.requests.create(newRequest());
    await expect(
      store.requests.decide({
        requestId: request.id,
        deciderAadObjectId: 'aad-dana',
        decision: 'approved',
        comment: null,
        approvedDurationDays: 8,
      }),
    ).rejects.toThrow(/1 to 7 days/);
    const rejected = await store.requests.decide({
      requestId: request.id,
      deciderAadObjectId: 'aad-dana',
      decision: 'rejected',
      comment: 'Wrong camera',
    });
    expect(rejected).toMatchObject({
      outcome: 'decided',
      request: { status: 'rejected', expiresAt: null, approvedDurationDays: null, decisionComment: 'Wrong camera' },
    });
  });

  it('lets exactly one of 20 simultaneous approvals through, across two store instances', async () => {
    const { store, db } = await fixture.store();
    const other = await db.open();
    const { request } = await store.requests.create(newRequest());

    const results = await Promise.all(
      Array.from({ length: 20 }, (_, i) => approve(i % 2 ? store : other, request.id, `aad-sup-${i}`)),
    );

    const winners = results.filter((result) => result.outcome === 'decided');
    expect(winners).toHaveLength(1);
    expect(results.filter((result) => result.outcome === 'not_pending')).toHaveLength(19);
    const stored = await store.requests.get(request.id);
    expect(stored?.decidedBy).toBe(winners[0].outcome === 'decided' ? winners[0].request.decidedBy : 'none');
    expect(stored?.decisionComment).toBe(`ok from ${stored?.decidedBy}`);
  });

  it('moves a request through later states only from the expected ones', async () => {
    const clock = new ManualClock();
    const { store } = await fixture.store({ clock: clock.now });
    const { request } = await store.requests.create(newRequest());

    expect(await store.requests.transition(request.id, { from: ['approved'], to: 'granting' })).toMatchObject({
      outcome: 'wrong_state',
      request: { status: 'pending' },
    });
    await approve(store, request.id, 'aad-dana');
    expect(await store.requests.transition(request.id, { from: ['approved'], to: 'granting' })).toMatchObject({
      outcome: 'transitioned',
      request: { status: 'granting' },
    });
    expect(await store.requests.transition(request.id, { from: ['granting'], to: 'granted' })).toMatchObject({
      outcome: 'transitioned',
    });
    clock.advance(5000);
    const revoked = await store.requests.transition(request.id, {
      from: ['granted', 'partially_failed'],
      to: 'revoked',
      revokedBy: 'aad-dana',
    });
    expect(revoked).toMatchObject({
      outcome: 'transitioned',
      request: { status: 'revoked', revokedBy: 'aad-dana', revokedAt: clock.now() },
    });
    expect(await store.requests.transition('missing', { from: ['granted'], to: 'expired' })).toEqual({
      outcome: 'not_found',
    });
  });

  it('records per-recording grant progress, keeping fields not mentioned', async () => {
    const { store } = await fixture.store();
    const { request } = await store.requests.create(newRequest());
    expect(
      await store.requests.updateGrant(request.id, '1001', {
        state: 'failed',
        collaborationId: 'collab-9',
        error: 'shared link: 500',
      }),
    ).toBe(true);
    expect(
      await store.requests.updateGrant(request.id, '1001', {
        state: 'granted',
        sharedLinkUrl: 'https://box/s/abc',
        error: null,
      }),
    ).toBe(true);
    expect(await store.requests.updateGrant(request.id, '9999', { state: 'granted' })).toBe(false);

    const [first, second] = (await store.requests.get(request.id))?.recordings ?? [];
    expect(first).toMatchObject({
      state: 'granted',
      collaborationId: 'collab-9',
      sharedLinkUrl: 'https://box/s/abc',
      error: null,
    });
    expect(second).toMatchObject({ state: 'pending', collaborationId: null });
  });

  it('remembers every card copy sent for a request, once each', async () => {
    const clock = new ManualClock();
    const { store } = await fixture.store({ clock: clock.now });
    const { request } = await store.requests.create(newRequest());
    const approval = {
      requestId: request.id,
      kind: 'approval' as const,
      recipientAadObjectId: 'aad-dana',
      messageId: 'act-1',
      address: address('a:dana'),
    };
    await store.requests.recordCard(approval);
    clock.advance(1000);
    await store.requests.recordCard(approval);
    await store.requests.recordCard({
      ...approval,
      recipientAadObjectId: null,
      address: address('19:approvals@thread'),
      messageId: 'act-2',
    });

    const cards = await store.requests.listCards(request.id);
    expect(cards.map((card) => [card.address.conversationId, card.messageId, card.recipientAadObjectId])).toEqual([
      ['a:dana', 'act-1', 'aad-dana'],
      ['19:approvals@thread', 'act-2', null],
    ]);
    expect(cards[0].address).toEqual(address('a:dana'));
  });

  it('lists by requester newest first, and by status with an expiry cut-off', async () => {
    const clock = new ManualClock();
    const { store } = await fixture.store({ clock: clock.now });
    const ids: string[] = [];
    for (const n of [1, 2, 3]) {
      ids.push((await store.requests.create(newRequest({ idempotencyKey: `k${n}`, durationDays: n }))).request.id);
      clock.advance(1000);
    }
    await store.requests.create(newRequest({ idempotencyKey: 'bob', requesterAadObjectId: 'aad-bob' }));
    for (const id of ids) await approve(store, id, 'aad-dana');

    expect((await store.requests.listByRequester('aad-alice')).map((r) => r.id)).toEqual([...ids].reverse());
    expect((await store.requests.listByRequester('aad-alice', { limit: 1 })).map((r) => r.id)).toEqual([ids[2]]);
    expect((await store.requests.listByStatus(['pending'])).map((r) => r.requesterAadObjectId)).toEqual(['aad-bob']);
    clock.advance(2 * DAY_MS);
    const expiring = await store.requests.listByStatus(['approved'], { expiresBefore: clock.now() });
    expect(expiring.map((r) => r.durationDays)).toEqual([1, 2]);
  });

  it('commits a decision, its audit entry and its grant job together, or none of them', async () => {
    const { store } = await fixture.store();
    const { request } = await store.requests.create(newRequest());

    await expect(
      store.transaction(async (tx) => {
        await tx.requests.decide({
          requestId: request.id,
          deciderAadObjectId: 'aad-dana',
          decision: 'approved',
          comment: null,
        });
        await tx.audit.append({ actor: 'aad-dana', action: 'approved', target: `request:${request.id}` });
        await tx.jobs.enqueue({ kind: 'grant', uniqueKey: `grant:${request.id}`, payload: { requestId: request.id } });
        throw new Error('crash before commit');
      }),
    ).rejects.toThrow('crash before commit');
    expect((await store.requests.get(request.id))?.status).toBe('pending');
    expect(await store.audit.list()).toEqual([]);
    expect(await store.jobs.list()).toEqual([]);

    const outcome = await store.transaction(async (tx) => {
      const result = await tx.requests.decide({
        requestId: request.id,
        deciderAadObjectId: 'aad-dana',
        decision: 'approved',
        comment: null,
      });
      await tx.audit.append({ actor: 'aad-dana', action: 'approved', target: `request:${request.id}` });
      await tx.jobs.enqueue({ kind: 'grant', uniqueKey: `grant:${request.id}`, payload: { requestId: request.id } });
      return result.outcome;
    });
    expect(outcome).toBe('decided');
    expect((await store.requests.get(request.id))?.status).toBe('approved');
    expect((await store.audit.list()).map((entry) => entry.action)).toEqual(['approved']);
    expect((await store.jobs.list()).map((job) => job.uniqueKey)).toEqual([`grant:${request.id}`]);
  });
});
