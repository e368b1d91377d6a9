/**
 * No upload link stays open after its request has ended: a link that Box was still making while the
 * officer cancelled (a second submit racing the cancel) is set inactive as soon as it is stored, and
 * the audit says so. Runs the real service on a real store, with Box's side recorded by a stand-in
 * for the intake port (the port is the domain's boundary; the e2e tests cover the Box adapter).
 */
import { FootageRequestService, type FootageFormInput } from '../../../src/footage/footage-requests';
import type { Person } from '../../../src/footage/people';
import type { FileRequestSpec, IntakeBoxPort, UploadLink } from '../../../src/footage/ports/intake-box';
import { backends, useFixture } from '../../store/support';
import { demoGazetteer } from '../demo-data';

const alice: Person = {
  aadObjectId: 'aad-alice',
  name: 'PC Alice Carter',
  role: 'officer',
  borough: 'Lambeth',
  email: 'alice.carter@police.example',
};

const FORM: FootageFormInput = {
  cameraIds: ['LAM-0105'],
  date: '2026-03-03',
  from: '14:00',
  to: '16:00',
  caseReference: '5274265/26',
  whatHappened: 'A robbery outside Brixton Station.',
  ownerEmail: 'manager@example.com',
  linkDays: null,
};

/** Box's side of the intake: links made and their state; `hold` pauses the next link being made. */
class RecordingIntake implements Pick<IntakeBoxPort, 'ensureIntakeFolder' | 'createUploadLink' | 'updateUploadLink'> {
  readonly links = new Map<string, { active: boolean; expiresAt: Date }>();
  private held: { release: () => void; reached: () => void; gate: Promise<void> } | undefined;
  private next = 1;

  /** The next createUploadLink waits; resolves when it has been reached, returns the release. */
  hold(): Promise<() => void> {
    let release!: () => void;
    const gate = new Promise<void>((resolve) => (release = resolve));
    return new Promise((reached) => {
      this.held = { release, reached: () => reached(release), gate };
    });
  }

  ensureIntakeFolder(name: string) {
    return Promise.resolve({ id: `folder-${name}`, created: true });
  }

  async createUploadLink(_templateId: string, spec: FileRequestSpec): Promise<UploadLink> {
    const held = this.held;
    this.held = undefined;
    if (held) {
      held.reached();
      await held.gate;
    }
    const id = String(this.next++);
    this.links.set(id, { active: true, expiresAt: spec.expiresAt });
    return { fileRequestId: id, url: `https://app.box.com/f/${id}` };
  }

  updateUploadLink(fileRequestId: string, change: { expiresAt?: Date; active?: boolean }): Promise<void> {
    const link = this.links.get(fileRequestId);
    if (!link) throw new Error(`no file request ${fileRequestId}`);
    if (change.active !== undefined) link.active = change.active;
    if (change.expiresAt) link.expiresAt = change.expiresAt;
    return Promise.resolve();
  }
}

describe.each(backends())('upload links after a request ends, on %s', (kind) => {
  const fixture = useFixture(kind, __filename);

  async function setUp() {
    const { store } = await fixture.store();
    await store.people.upsert(alice);
    const intake = new RecordingIntake();
    const service = new FootageRequestService({
      store,
      intake: intake as unknown as IntakeBoxPort,
      registry: demoGazetteer(),
      policy: { defaultLinkDays: 7, templateId: 'template', force: { name: 'Test Police' } },
      now: () => new Date(),
    });
    return { store, intake, service };
  }

  it('closes a link that was still being made when the request was cancelled', async () => {
    const { store, intake, service } = await setUp();
    const reached = intake.hold();
    const submitting = service.submit(alice, 'form-1', FORM);
    const release = await reached;
    // Box is still making the link: cancel now finds no link to close.
    const [request] = await store.intake.footageRequests.listByRequester(alice.aadObjectId);
    const cancelled = await service.cancel(alice, request.id);
    expect(cancelled.kind).toBe('changed');
    release();
    const submitted = await submitting;
    if (submitted.kind !== 'submitted') throw new Error('expected the request to be stored');
    expect([...intake.links.values()]).toEqual([expect.objectContaining({ active: false })]);
    const audit = await store.audit.list({ target: `footage-request:${request.id}` });
    expect(audit.map((e) => e.action)).toEqual(['footage_requested', 'cancelled', 'link_created', 'link_closed']);
    expect(audit[3].details).toMatchObject({ cameraId: 'LAM-0105', fileRequestId: '1', status: 'cancelled' });
    expect(audit[1].details).toMatchObject({ linksClosed: [] });
  });

  it('closes every link of a request that ends complete, and names them in the audit', async () => {
    const { store, intake, service } = await setUp();
    const submitted = await service.submit(alice, 'form-2', { ...FORM, cameraIds: ['LAM-0105', 'LAM-0106'] });
    if (submitted.kind !== 'submitted') throw new Error('expected the request to be stored');
    const id = submitted.request.id;
    await store.intake.footageRequests.countArrival(id);
    await store.intake.footageRequests.extend(id, {
      from: ['receiving'],
      expiresAt: new Date(Date.now() - 1000),
      linkDays: 7,
    });
    const ended = await service.expireDue();
    expect(ended.map((r) => [r.id, r.status])).toEqual([[id, 'complete']]);
    expect([...intake.links.values()].map((l) => l.active)).toEqual([false, false]);
    const expired = (await store.audit.list({ target: `footage-request:${id}` })).find((e) => e.action === 'expired');
    expect(expired?.details).toMatchObject({ status: 'complete', linksClosed: ['1', '2'] });
  });
});
