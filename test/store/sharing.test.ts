/** The sharing and custody repositories on each database: idempotent creation, compare-and-set moves, events kept once. */
import type { Store } from '../../src/footage/ports/store';
import type { SharingStoreExtension } from '../../src/footage/sharing/ports';
import { backends, ManualClock, useFixture } from './support';

const DAY_MS = 24 * 60 * 60 * 1000;

describe.each(backends())('sharing repositories on %s', (kind) => {
  const fixture = useFixture(kind, __filename);

  async function open(clock = new ManualClock()): Promise<Store & SharingStoreExtension> {
    return (await fixture.store({ clock: clock.now })).store as Store & SharingStoreExtension;
  }

  it('a share group is made once per key, with its members each tied to their own access request', async () => {
    const store = await open();
    const make = (key: string, id: string) =>
      store.sharingTransaction(async (tx) => {
        const made = await tx.shareGroups.create({
          id,
          idempotencyKey: key,
          sharerAadObjectId: 'aad-alice',
          recordings: [{ boxFileId: '1001', fileName: 'a.mp4' }],
          caseReference: '5212345/26',
          reason: 'team',
          access: 'view',
          durationDays: 3,
          direct: false,
        });
        if (!made.created) return made.group;
        for (const who of ['aad-ben', 'aad-chloe']) {
          const request = await tx.requests.create({
            idempotencyKey: `share:${id}:${who}`,
            requesterAadObjectId: who,
            recordings: [{ boxFileId: '1001', fileName: 'a.mp4' }],
            caseReference: '5212345/26',
            reason: 'r',
            access: 'view',
            downloadJustification: null,
            durationDays: 3,
          });
          await tx.shareGroups.addMember(id, who, request.request.id);
        }
        return (await tx.shareGroups.get(id))!;
      });
    const first = await make('k1', 'g-1');
    const again = await make('k1', 'g-2');
    expect(again.id).toBe('g-1');
    expect(first.members.map((m) => m.recipientAadObjectId)).toEqual(['aad-ben', 'aad-chloe']);
    expect((await store.sharing.shareGroups.findByRequest(first.members[1].requestId))?.id).toBe('g-1');
    expect(await store.sharing.shareGroups.findByRequest('nope')).toBeUndefined();
  });

  it('a partner share is decided once, expires from the decision, and its download state moves only from where it was', async () => {
    const clock = new ManualClock();
    const store = await open(clock);
    const { share } = await store.sharing.partnerShares.create({
      idempotencyKey: 'p1',
      sharerAadObjectId: 'aad-alice',
      partnerId: 'cps',
      email: 'lawyer@cps.gov.uk',
      boxFileId: '1001',
      fileName: 'a.mp4',
      caseReference: '5212345/26',
      reason: 'charging decision',
      durationDays: 5,
    });
    expect((await store.sharing.partnerShares.create({ ...share, idempotencyKey: 'p1' })).created).toBe(false);
    const decided = await store.sharing.partnerShares.decide(share.id, {
      decidedBy: 'aad-dana',
      approved: true,
      comment: null,
      approvedDurationDays: 2,
    });
    const second = await store.sharing.partnerShares.decide(share.id, {
      decidedBy: 'aad-ed',
      approved: false,
      comment: 'no',
      approvedDurationDays: 2,
    });
    expect(decided.outcome).toBe('moved');
    expect(second.outcome).toBe('refused');
    if (decided.outcome !== 'moved') throw new Error('not decided');
    expect(decided.share.expiresAt!.getTime() - clock.now().getTime()).toBe(2 * DAY_MS);
    expect(
      (await store.sharing.partnerShares.moveDownload(share.id, ['requested'], 'approved', { by: 'aad-priya' }))
        .outcome,
    ).toBe('refused');
    expect(
      (
        await store.sharing.partnerShares.moveDownload(share.id, ['none'], 'requested', {
          by: 'aad-alice',
          justification: 'court',
        })
      ).outcome,
    ).toBe('moved');
    await store.sharing.partnerShares.transition(share.id, ['approved'], 'granted');
    clock.advance(3 * DAY_MS);
    expect(
      (await store.sharing.partnerShares.listByStatus(['granted'], { expiresBefore: clock.now() })).map((s) => s.id),
    ).toEqual([share.id]);
    const revoked = await store.sharing.partnerShares.transition(share.id, ['granted'], 'revoked', {
      revokedBy: 'aad-dana',
    });
    expect(revoked.outcome === 'moved' && revoked.share.revokedBy).toBe('aad-dana');
  });

  it('keeps each Box event once, whatever the number of times it is read', async () => {
    const store = await open();
    const event = {
      eventId: 'e1',
      boxFileId: '1001',
      eventType: 'PREVIEW',
      at: new Date('2026-03-01T10:00:00Z'),
      actorLogin: 'ben@police.example',
      actorName: 'Ben',
      details: { shared_link_id: 'x' },
    };
    expect(
      await store.sharing.boxEvents.saveMany([event, { ...event, eventId: 'e2', eventType: 'DOWNLOAD', details: {} }]),
    ).toBe(2);
    expect(await store.sharing.boxEvents.saveMany([event])).toBe(0);
    expect((await store.sharing.boxEvents.listByFile('1001')).map((e) => [e.eventType, e.details])).toEqual([
      ['PREVIEW', { shared_link_id: 'x' }],
      ['DOWNLOAD', {}],
    ]);
  });
});
