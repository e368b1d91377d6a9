import type { Person } from '../../../src/footage/people';
import type { ConversationAddress, Job, Store } from '../../../src/footage/ports/store';
import {
  shareRouteJobs,
  type PartnerShare,
  type ShareGroup,
  type SharingStoreExtension,
} from '../../../src/footage/sharing';
import { ALICE, backends, DANA, useFixture } from '../../store/support';

/**
 * The share routing jobs on the real store: the same durable routing as access requests, so a
 * share whose cards never went out gets them from the job, nobody gets a card twice, and when no
 * one can be reached the share is marked unroutable, audited, and the sharer told.
 */
const PRIYA: Person = {
  aadObjectId: 'aad-priya',
  name: 'Priya Nair',
  role: 'admin',
  borough: null,
  email: 'priya@police.example',
};

class RecordingShareNotifier {
  reachable = true;
  readonly events: string[] = [];

  private async ask(what: string, approver: Person): Promise<boolean> {
    this.events.push(`${what}:${approver.name}`);
    return this.reachable;
  }

  askShareApprover = (_g: ShareGroup, approver: Person): Promise<boolean> => this.ask('share', approver);
  askPartnerApprover = (_s: PartnerShare, approver: Person): Promise<boolean> => this.ask('partner', approver);
  askShareChannel = async (_g: ShareGroup, _c: ConversationAddress): Promise<boolean> => this.reachable;
  askPartnerChannel = async (_s: PartnerShare, _c: ConversationAddress): Promise<boolean> => this.reachable;
  shareChanged = async (id: string): Promise<void> => void this.events.push(`changed:${id}`);
  partnerCardsChanged = async (id: string): Promise<void> => void this.events.push(`changed:${id}`);
  shareRouted = async (g: ShareGroup): Promise<void> => void this.events.push(`late:${g.id}`);
  partnerShareRouted = async (s: PartnerShare): Promise<void> => void this.events.push(`late:${s.id}`);
  shareUnroutable = async (g: ShareGroup): Promise<void> => void this.events.push(`unroutable:${g.id}`);
  partnerShareUnroutable = async (s: PartnerShare): Promise<void> => void this.events.push(`unroutable:${s.id}`);
}

describe.each(backends())('the share routing jobs on %s', (kind) => {
  const fixture = useFixture(kind, __filename);
  let store: Store & SharingStoreExtension;
  let notifier: RecordingShareNotifier;
  let jobs: ReturnType<typeof shareRouteJobs>;

  beforeEach(async () => {
    store = (await fixture.store()).store as Store & SharingStoreExtension;
    await store.people.replaceRoster([ALICE, DANA, PRIYA]);
    notifier = new RecordingShareNotifier();
    jobs = shareRouteJobs({ store, scope: 'borough', maxAttempts: 3, retryBaseMs: 10 }, notifier);
  });

  async function colleagueShare(): Promise<ShareGroup> {
    const { group } = await store.sharing.shareGroups.create({
      id: `g-${Math.random().toString(36).slice(2)}`,
      idempotencyKey: `k-${Math.random()}`,
      sharerAadObjectId: ALICE.aadObjectId,
      recordings: [{ boxFileId: 'f1', fileName: 'one.mp4' }],
      caseReference: '5212345/26',
      reason: 'Robbery',
      access: 'view',
      durationDays: 3,
      direct: false,
    });
    const { request } = await store.requests.create({
      idempotencyKey: `share:${group.id}:${PRIYA.aadObjectId}`,
      requesterAadObjectId: PRIYA.aadObjectId,
      recordings: [{ boxFileId: 'f1', fileName: 'one.mp4' }],
      caseReference: '5212345/26',
      reason: 'Shared by Alice',
      access: 'view',
      downloadJustification: null,
      durationDays: 3,
    });
    await store.sharing.shareGroups.addMember(group.id, PRIYA.aadObjectId, request.id);
    return (await store.sharing.shareGroups.get(group.id))!;
  }

  async function partnerShare(): Promise<PartnerShare> {
    const { share } = await store.sharing.partnerShares.create({
      idempotencyKey: `k-${Math.random()}`,
      sharerAadObjectId: ALICE.aadObjectId,
      partnerId: 'cps',
      email: 'lawyer@cps.gov.uk',
      boxFileId: 'f1',
      fileName: 'one.mp4',
      caseReference: '5212345/26',
      reason: 'Charging decision',
      durationDays: 2,
    });
    return share;
  }

  async function run(which: 0 | 1, id: string, attempts: number): ReturnType<(typeof jobs)[0]['handle']> {
    const { job } = await store.jobs.enqueue({
      kind: jobs[which].kind,
      uniqueKey: `${jobs[which].kind}:${id}`,
      payload: { shareId: id },
    });
    return jobs[which].handle({ ...job, attempts } as Job);
  }

  test('a colleague share whose cards never went out gets them from the job; the sharer hears it went out', async () => {
    const group = await colleagueShare();
    expect(await run(0, group.id, 1)).toEqual({ kind: 'done' });
    expect(notifier.events).toEqual(['share:Sgt Dana Whitfield', `changed:${group.id}`, `late:${group.id}`]);
    const routed = await store.audit.list({ target: `share:${group.id}` });
    expect(routed.map((e) => [e.action, e.details.to])).toEqual([['routed', DANA.aadObjectId]]);
  });

  test('a card already recorded is not sent again, and the sharer is not told again', async () => {
    const share = await partnerShare();
    await store.sharing.shareCards.record({
      subject: `partner-share:${share.id}`,
      recipientAadObjectId: DANA.aadObjectId,
      messageId: 'm1',
      address: { conversationId: 'c', data: { serviceUrl: 'http://x' } },
    });
    expect(await run(1, share.id, 1)).toEqual({ kind: 'done' });
    expect(notifier.events).toEqual([`changed:${share.id}`]);
  });

  test('nobody reachable: retried, then unroutable, audited, and the sharer told', async () => {
    const share = await partnerShare();
    notifier.reachable = false;
    expect(await run(1, share.id, 1)).toMatchObject({ kind: 'retry', delayMs: 10 });
    expect(await run(1, share.id, 2)).toMatchObject({ kind: 'retry', delayMs: 20 });
    expect(await run(1, share.id, 3)).toEqual({ kind: 'done' });
    // Dana first; the administrator as the fallback, since no other supervisor may decide.
    expect(notifier.events.slice(0, 2)).toEqual(['partner:Sgt Dana Whitfield', 'partner:Priya Nair']);
    expect(notifier.events.at(-1)).toBe(`unroutable:${share.id}`);
    const entries = await store.audit.list({ target: `partner-share:${share.id}` });
    expect(entries.map((e) => [e.action, e.details.final])).toEqual([['unroutable', true]]);
  });

  test('a share decided meanwhile needs no routing', async () => {
    const share = await partnerShare();
    await store.sharing.partnerShares.decide(share.id, {
      decidedBy: PRIYA.aadObjectId,
      approved: false,
      comment: 'no',
      approvedDurationDays: 2,
    });
    expect(await run(1, share.id, 1)).toEqual({ kind: 'done' });
    expect(notifier.events).toEqual([]);
  });
});
