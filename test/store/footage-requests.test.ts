/**
 * The footage-request repositories on every database at hand: idempotent creation, camera links,
 * compare-and-set status changes, delivery ids recorded once, and intake files resumed not redone.
 */
import type { NewFootageRequest } from '../../src/footage/footage-requests/types';
import { cameraOwnerEmails } from '../../src/store/migrations/footage-requests';
import { SQLITE_DIALECT } from '../../src/store/sql/executor';
import { backends, ManualClock, useFixture } from './support';

const DAY_MS = 24 * 60 * 60 * 1000;

function newRequest(overrides: Partial<NewFootageRequest> = {}): NewFootageRequest {
  return {
    idempotencyKey: 'aad-alice:form-1',
    requesterAadObjectId: 'aad-alice',
    cameras: [
      {
        cameraId: 'LAM-0105',
        cameraName: 'Brixton Station (south)',
        borough: 'Lambeth',
        latitude: 51.46058,
        longitude: -0.114213,
        owner: 'Supermarket',
        ownerType: 'business',
        ownerEmail: 'manager@example.com',
      },
      {
        cameraId: 'LAM-0106',
        cameraName: 'Brixton Station (junction)',
        borough: 'Lambeth',
        latitude: 51.463979,
        longitude: -0.118212,
        owner: 'Lambeth Council',
        ownerType: 'local_authority',
        ownerEmail: 'cctv.lambeth@example.org',
      },
    ],
    windowStart: new Date('2026-03-03T14:00:00Z'),
    windowEnd: new Date('2026-03-03T16:00:00Z'),
    caseReference: '5274265/26',
    whatHappened: 'A robbery outside the station.',
    ownerEmail: 'manager@example.com',
    linkDays: 7,
    expiresAt: new Date('2026-03-27T10:00:00Z'),
    ...overrides,
  };
}

describe.each(backends())('footage request store on %s', (kind) => {
  const fixture = useFixture(kind, __filename);

  it('creates a waiting request with its cameras once per idempotency key', async () => {
    const { store } = await fixture.store({ clock: new ManualClock('2026-03-20T10:00:00Z').now });
    const first = await store.intake.footageRequests.create(newRequest());
    const again = await store.intake.footageRequests.create(newRequest({ whatHappened: 'submitted twice' }));
    expect(first.created).toBe(true);
    expect(again).toEqual({ created: false, request: first.request });
    expect(first.request).toMatchObject({
      status: 'waiting',
      filesReceived: 0,
      caseReference: '5274265/26',
      windowStart: new Date('2026-03-03T14:00:00Z'),
    });
    expect(first.request.cameras.map((c) => [c.cameraId, c.latitude, c.uploadUrl, c.ownerEmail])).toEqual([
      ['LAM-0105', 51.46058, null, 'manager@example.com'],
      ['LAM-0106', 51.463979, null, 'cctv.lambeth@example.org'],
    ]);
    expect(first.request.id).toMatch(/^[0-9a-f]{12}$/);
  });

  it("gives cameras stored before owner emails were per camera the request's address", async () => {
    const { store, db } = await fixture.store();
    const { request } = await store.intake.footageRequests.create(newRequest({ idempotencyKey: 'aad-alice:old' }));
    const raw = await db.raw();
    // As an older release left them: no address on the camera rows.
    await raw.query('UPDATE footage_request_cameras SET owner_email = NULL WHERE request_id = ?', [request.id]);
    const read = await store.intake.footageRequests.get(request.id);
    expect(read?.cameras.map((c) => c.ownerEmail)).toEqual(['manager@example.com', 'manager@example.com']);
    // The migration's backfill writes the same.
    const [, backfill] = cameraOwnerEmails.up(SQLITE_DIALECT);
    await raw.query(backfill);
    const rows = await raw.query('SELECT owner_email FROM footage_request_cameras WHERE request_id = ?', [request.id]);
    expect(rows.map((r) => r.owner_email)).toEqual(['manager@example.com', 'manager@example.com']);
  });

  it('remembers each camera link and finds the request by its intake folder', async () => {
    const { store } = await fixture.store();
    const { request } = await store.intake.footageRequests.create(newRequest());
    await store.intake.footageRequests.setCameraLink(request.id, 'LAM-0106', {
      intakeFolderId: '900',
      fileRequestId: '77',
      uploadUrl: 'https://app.box.com/f/abc',
    });
    const found = await store.intake.footageRequests.findByIntakeFolder('900');
    expect(found?.request.id).toBe(request.id);
    expect(found?.camera).toMatchObject({
      cameraId: 'LAM-0106',
      fileRequestId: '77',
      uploadUrl: 'https://app.box.com/f/abc',
    });
    expect(await store.intake.footageRequests.findByIntakeFolder('901')).toBeUndefined();
  });

  it('lets one caller claim the making of a camera link; a stale or released claim can be taken over', async () => {
    const clock = new ManualClock('2026-03-20T10:00:00Z');
    const { store } = await fixture.store({ clock: clock.now });
    const { request } = await store.intake.footageRequests.create(newRequest());
    const stale = () => new Date(clock.now().getTime() - 120_000);
    const claims = await Promise.all(
      [1, 2, 3].map(() => store.intake.footageRequests.claimCameraLink(request.id, 'LAM-0105', stale())),
    );
    expect(claims.filter(Boolean)).toHaveLength(1);
    clock.advance(60_000);
    expect(await store.intake.footageRequests.claimCameraLink(request.id, 'LAM-0105', stale())).toBe(false);
    clock.advance(61_000);
    expect(await store.intake.footageRequests.claimCameraLink(request.id, 'LAM-0105', stale())).toBe(true);
    await store.intake.footageRequests.releaseCameraLink(request.id, 'LAM-0105');
    expect(await store.intake.footageRequests.claimCameraLink(request.id, 'LAM-0105', stale())).toBe(true);
    await store.intake.footageRequests.setCameraLink(request.id, 'LAM-0105', {
      intakeFolderId: '900',
      fileRequestId: '77',
      uploadUrl: 'https://app.box.com/f/abc',
    });
    clock.advance(600_000);
    // A camera with its link is never claimed again.
    expect(await store.intake.footageRequests.claimCameraLink(request.id, 'LAM-0105', stale())).toBe(false);
  });

  it('closes a camera link once; of two cameras closing at once, exactly one sees every link closed', async () => {
    const { store } = await fixture.store();
    const { request } = await store.intake.footageRequests.create(newRequest());
    // A camera whose link was never made has nothing to close.
    expect(await store.intake.footageRequests.markCameraLinkClosed(request.id, 'LAM-0105')).toMatchObject({
      closed: false,
    });
    for (const [cameraId, n] of [
      ['LAM-0105', 1],
      ['LAM-0106', 2],
    ] as const) {
      await store.intake.footageRequests.setCameraLink(request.id, cameraId, {
        intakeFolderId: `90${n}`,
        fileRequestId: `7${n}`,
        uploadUrl: `https://app.box.com/f/abc${n}`,
      });
    }
    const sawAllClosed = await Promise.all(
      ['LAM-0105', 'LAM-0106'].map((cameraId) =>
        store.transaction(async (tx) => {
          const marked = await tx.intake.footageRequests.markCameraLinkClosed(request.id, cameraId);
          return marked?.closed === true && marked.request.cameras.every((c) => c.linkClosedAt !== null);
        }),
      ),
    );
    expect(sawAllClosed.filter(Boolean)).toHaveLength(1);
    const again = await store.intake.footageRequests.markCameraLinkClosed(request.id, 'LAM-0105');
    expect(again?.closed).toBe(false);
    expect(again?.request.cameras.map((c) => c.linkClosedAt instanceof Date)).toEqual([true, true]);
    expect(await store.intake.footageRequests.markCameraLinkClosed('nope', 'LAM-0105')).toBeUndefined();
  });

  it('moves status by compare-and-set: the second cancel finds it cancelled', async () => {
    const { store } = await fixture.store();
    const { request } = await store.intake.footageRequests.create(newRequest());
    const first = await store.intake.footageRequests.transition(request.id, {
      from: ['waiting', 'receiving'],
      to: 'cancelled',
      endedBy: 'aad-alice',
    });
    const second = await store.intake.footageRequests.transition(request.id, {
      from: ['waiting', 'receiving'],
      to: 'cancelled',
      endedBy: 'aad-dana',
    });
    expect(first.outcome).toBe('transitioned');
    expect(second.outcome).toBe('wrong_state');
    expect(second.outcome !== 'not_found' && second.request.endedBy).toBe('aad-alice');
    expect(
      (await store.intake.footageRequests.transition('nope', { from: ['waiting'], to: 'cancelled' })).outcome,
    ).toBe('not_found');
  });

  it('counts arrivals, moves waiting to receiving, and lists due requests by expiry', async () => {
    const { store } = await fixture.store();
    const { request } = await store.intake.footageRequests.create(newRequest());
    const other = (
      await store.intake.footageRequests.create(
        newRequest({ idempotencyKey: 'k2', expiresAt: new Date('2026-04-30T00:00:00Z') }),
      )
    ).request;
    const counted = await store.intake.footageRequests.countArrival(request.id);
    expect(counted).toMatchObject({ status: 'receiving', filesReceived: 1 });
    expect((await store.intake.footageRequests.countArrival(request.id))?.filesReceived).toBe(2);
    const due = await store.intake.footageRequests.listByStatus(['waiting', 'receiving'], {
      expiresBefore: new Date('2026-03-28T00:00:00Z'),
    });
    expect(due.map((r) => r.id)).toEqual([request.id]);
    const extended = await store.intake.footageRequests.extend(request.id, {
      from: ['waiting', 'receiving'],
      expiresAt: new Date(request.expiresAt.getTime() + 7 * DAY_MS),
      linkDays: 14,
    });
    expect(extended.outcome === 'transitioned' && extended.request.linkDays).toBe(14);
    expect((await store.intake.footageRequests.listByRequester('aad-alice')).map((r) => r.id).sort()).toEqual(
      [other.id, request.id].sort(),
    );
  });

  it('stores a webhook delivery once: a replayed delivery id is recognised', async () => {
    const { store } = await fixture.store();
    const delivery = {
      deliveryId: 'd-1',
      trigger: 'FILE.UPLOADED',
      sourceType: 'file',
      sourceId: '555',
      parentFolderId: '900',
      receivedAt: new Date('2026-03-20T10:00:00Z'),
      body: '{"trigger":"FILE.UPLOADED"}',
    };
    expect(await store.intake.webhookDeliveries.record(delivery)).toEqual({ created: true });
    expect(await store.intake.webhookDeliveries.record({ ...delivery, body: '{"forged":true}' })).toEqual({
      created: false,
    });
    expect(await store.intake.webhookDeliveries.get('d-1')).toEqual(delivery);
  });

  it('begins an intake file once and keeps what processing recorded', async () => {
    const { store } = await fixture.store();
    const { request } = await store.intake.footageRequests.create(newRequest());
    const begun = await store.intake.intakeFiles.begin({
      boxFileId: '555',
      requestId: request.id,
      cameraId: 'LAM-0105',
      fileName: 'clip.mp4',
      source: 'file_request',
    });
    expect(begun.created).toBe(true);
    expect(begun.file).toMatchObject({ state: 'processing', notified: false, sha256: null, isVideo: null });
    const updated = await store.intake.intakeFiles.update('555', {
      state: 'catalogued',
      sha256: 'ab'.repeat(32),
      sizeBytes: 5_000_000_000,
      isVideo: false,
      uploadedAt: new Date('2026-03-20T09:59:00Z'),
      notified: true,
    });
    expect(updated).toMatchObject({
      state: 'catalogued',
      sizeBytes: 5_000_000_000,
      isVideo: false,
      notified: true,
      uploadedAt: new Date('2026-03-20T09:59:00Z'),
    });
    const again = await store.intake.intakeFiles.begin({
      boxFileId: '555',
      requestId: request.id,
      cameraId: 'LAM-0105',
      fileName: 'other.mp4',
      source: 'file_request',
    });
    expect(again.created).toBe(false);
    expect(again.file.fileName).toBe('clip.mp4');
    expect((await store.intake.intakeFiles.listByRequest(request.id)).map((f) => f.boxFileId)).toEqual(['555']);
  });
});
