import { createHash } from 'node:crypto';
import { inspect } from 'node:util';
import { InvalidInputError, NotFoundError, PermissionDeniedError } from '../../src/footage/errors';
import type { BoxPort } from '../../src/footage/ports/box';
import { startHarness, type EmulatorHarness } from './emulator-support';
import { sampleRecording } from './fixtures';

const DAY = 24 * 60 * 60 * 1000;

const recording = sampleRecording;

describe('Box gateway against the emulator', () => {
  let harness: EmulatorHarness;
  let box: BoxPort;

  beforeAll(async () => {
    harness = await startHarness();
    box = harness.box;
  });

  afterAll(async () => {
    await harness?.close();
  });

  it('knows who it is', async () => {
    const me = await box.whoAmI();
    expect(me.id).toMatch(/^\d+$/);
    expect(me.login).toContain('@');
  });

  it('ensures users idempotently and finds them by exact login', async () => {
    const first = await box.ensureUser({ name: 'PC Alice Carter', login: 'alice.carter@police.example' });
    const second = await box.ensureUser({ name: 'PC Alice Carter', login: 'alice.carter@police.example' });
    expect(first.created).toBe(true);
    expect(second).toEqual({ user: first.user, created: false });
    expect(await box.findUserByLogin('Alice.Carter@Police.Example')).toEqual(first.user);
    await box.ensureUser({ name: 'Alice Carterton', login: 'alice.carterton@police.example' });
    expect((await box.findUserByLogin('alice.carter@police.example'))?.id).toBe(first.user.id);
    expect(await box.findUserByLogin('nobody@police.example')).toBeNull();
  });

  it('ensures folder paths idempotently, also when callers race', async () => {
    const id = await box.ensureFolderPath(['Cases', '5212345-26']);
    expect(await box.ensureFolderPath(['Cases', '5212345-26'])).toBe(id);
    const parent = await box.ensureFolderPath(['Cases']);
    expect(await box.listFolder(parent)).toEqual([{ id, name: '5212345-26', type: 'folder' }]);

    const racers = await Promise.all(Array.from({ length: 5 }, () => box.ensureFolder(parent, 'Race')));
    expect(new Set(racers.map((r) => r.id)).size).toBe(1);
    expect(racers.filter((r) => r.created)).toHaveLength(1);
  });

  it('creates the metadata template once', async () => {
    expect(await box.ensureMetadataTemplate()).toEqual({ created: true });
    expect(await box.ensureMetadataTemplate()).toEqual({ created: false });
  });

  it('uploads a file once and reports the existing one after', async () => {
    const folderId = await box.ensureFolderPath(['Uploads']);
    const content = Buffer.from('not really a video');
    const first = await box.uploadFileIfMissing(folderId, 'clip.mp4', content);
    const again = await box.uploadFileIfMissing(folderId, 'clip.mp4', Buffer.from('other bytes'));
    expect(first.created).toBe(true);
    expect(again).toEqual({ fileId: first.fileId, created: false });
    const file = await box.getFile(first.fileId);
    expect(file).toMatchObject({
      id: first.fileId,
      name: 'clip.mp4',
      size: content.length,
      parentFolderId: folderId,
      sharedLink: null,
    });
    expect(file.sha1).toBe(createHash('sha1').update(content).digest('hex'));
  });

  it('uploads 20 MB and more through a chunked upload session', async () => {
    const folderId = await box.ensureFolderPath(['Uploads', 'Large']);
    const content = Buffer.alloc(20_000_000 + 123);
    for (let i = 0; i < content.length; i += 4096) content[i] = i % 251;
    const since = Date.now();
    const { fileId, created } = await box.uploadFileIfMissing(folderId, 'large.mp4', content);
    expect(created).toBe(true);
    const file = await box.getFile(fileId);
    expect(file.size).toBe(content.length);
    expect(file.sha1).toBe(createHash('sha1').update(content).digest('hex'));
    const calls = (await harness.requests()).filter((r) => r.startedAt >= since);
    expect(calls.some((r) => r.method === 'POST' && r.path.endsWith('/files/upload_sessions'))).toBe(true);
    expect(
      calls.filter((r) => r.method === 'PUT' && r.path.includes('/files/upload_sessions/')).length,
    ).toBeGreaterThanOrEqual(2);
    // A second attempt is refused when the session is opened: no part is sent again.
    const before = Date.now();
    expect(await box.uploadFileIfMissing(folderId, 'large.mp4', content)).toEqual({ fileId, created: false });
    const retryCalls = (await harness.requests()).filter((r) => r.startedAt >= before);
    expect(retryCalls.filter((r) => r.method === 'PUT')).toHaveLength(0);
  });

  it('writes recording metadata: create, unchanged, patch', async () => {
    await box.ensureMetadataTemplate();
    const folderId = await box.ensureFolderPath(['Uploads', 'Meta']);
    const { fileId } = await box.uploadFileIfMissing(folderId, 'm.mp4', Buffer.from('m'));
    const wanted = recording({ footageId: 'F09001', sha256: 'cd'.repeat(32) });
    expect(await box.getRecordingMetadata(fileId)).toBeNull();
    expect(await box.setRecordingMetadata(fileId, wanted)).toBe('created');
    expect(await box.setRecordingMetadata(fileId, wanted)).toBe('unchanged');
    const changed = { ...wanted, status: 'evidential' as const, caseReference: '5212345/26' };
    expect(await box.setRecordingMetadata(fileId, changed)).toBe('updated');
    const read = await box.getRecordingMetadata(fileId);
    expect(read).toMatchObject({
      footageId: 'F09001',
      status: 'evidential',
      caseReference: '5212345/26',
      exhibitReference: null,
      latitude: 51.46058,
    });
    expect(Date.parse(read?.recordedFrom ?? '')).toBe(Date.parse(wanted.recordedFrom));
  });

  describe('search', () => {
    // Six recordings on two cameras; the query must find them by window overlap, area, camera and case.
    const rows = [
      recording({ footageId: 'F1', recordedFrom: '2026-03-03T13:00:00Z', recordedTo: '2026-03-03T14:30:00Z' }),
      recording({
        footageId: 'F2',
        recordedFrom: '2026-03-03T15:00:00Z',
        recordedTo: '2026-03-03T17:00:00Z',
        caseReference: '5212345/26',
      }),
      recording({ footageId: 'F3', recordedFrom: '2026-03-03T16:00:00Z', recordedTo: '2026-03-03T18:00:00Z' }),
      recording({ footageId: 'F4', recordedFrom: '2026-03-03T12:00:00Z', recordedTo: '2026-03-03T14:00:00Z' }),
      recording({
        footageId: 'F5',
        cameraId: 'WST-0201',
        borough: 'Westminster',
        latitude: 51.515,
        longitude: -0.1415,
        ownerType: 'transport',
        recordedFrom: '2026-03-03T15:00:00Z',
        recordedTo: '2026-03-03T15:30:00Z',
      }),
      recording({
        footageId: 'F6',
        cameraId: 'WST-0201',
        borough: 'Westminster',
        latitude: 51.515,
        longitude: -0.1415,
        ownerType: 'transport',
        recordedFrom: '2026-03-03T15:00:00Z',
        recordedTo: '2026-03-03T15:45:00Z',
      }),
    ];
    const fileIds = new Map<string, string>();

    beforeAll(async () => {
      await box.ensureMetadataTemplate();
      for (const row of rows) {
        const folderId = await box.ensureFolderPath(['CCTV', row.borough, row.cameraId]);
        const { fileId } = await box.uploadFileIfMissing(folderId, `${row.footageId}.mp4`, Buffer.from(row.footageId));
        await box.setRecordingMetadata(fileId, row);
        fileIds.set(row.footageId, fileId);
      }
      // Outside CCTV: must never appear in a search.
      const elsewhere = await box.ensureFolderPath(['Elsewhere']);
      const stray = await box.uploadFileIfMissing(elsewhere, 'stray.mp4', Buffer.from('stray'));
      await box.setRecordingMetadata(stray.fileId, recording({ footageId: 'F99' }));
    });

    const ids = (page: { recordings: Array<{ footageId: string }> }): string[] =>
      page.recordings.map((r) => r.footageId);

    it('finds overlapping recordings under CCTV only, newest first with footageId breaking ties', async () => {
      const page = await box.searchRecordings({
        window: { start: new Date('2026-03-03T14:00:00Z'), end: new Date('2026-03-03T16:00:00Z') },
        limit: 100,
      });
      expect(ids(page)).toEqual(['F6', 'F5', 'F2', 'F1']);
      expect(page.nextMarker).toBeUndefined();
      const f2 = page.recordings.find((r) => r.footageId === 'F2');
      expect(f2).toMatchObject({
        fileId: fileIds.get('F2'),
        fileName: 'F2.mp4',
        caseReference: '5212345/26',
        borough: 'Lambeth',
      });
    });

    it('filters by area, camera, owner type and case', async () => {
      const bbox = { minLatitude: 51.51, maxLatitude: 51.52, minLongitude: -0.15, maxLongitude: -0.13 };
      expect(ids(await box.searchRecordings({ bbox, limit: 10 }))).toEqual(['F6', 'F5']);
      expect(
        ids(await box.searchRecordings({ cameraIds: ['LAM-0105'], caseReference: '5212345/26', limit: 10 })),
      ).toEqual(['F2']);
      expect(ids(await box.searchRecordings({ ownerTypes: ['business'], boroughs: ['Lambeth'], limit: 10 }))).toEqual([
        'F3',
        'F2',
        'F1',
        'F4',
      ]);
      expect(ids(await box.searchRecordings({ cameraIds: [], limit: 10 }))).toEqual([]);
    });

    it('pages with markers, one metadata query per page, never repeating or skipping', async () => {
      const since = Date.now();
      const seen: string[] = [];
      let marker: string | undefined;
      let pages = 0;
      do {
        const page = await box.searchRecordings({ limit: 2, ...(marker ? { marker } : {}) });
        seen.push(...ids(page));
        marker = page.nextMarker;
        pages += 1;
      } while (marker);
      expect(seen).toEqual(['F3', 'F6', 'F5', 'F2', 'F1', 'F4']);
      const queries = (await harness.requests()).filter(
        (r) => r.startedAt >= since && r.path.endsWith('/metadata_queries/execute_read'),
      );
      expect(queries).toHaveLength(pages);
    });

    it('treats hostile text as plain values', async () => {
      const page = await box.searchRecordings({
        caseReference: "' OR 1=1 --",
        cameraIds: ['%', ':caseReference'],
        limit: 10,
      });
      expect(page.recordings).toEqual([]);
    });
  });

  describe('grants, links and as-user checks', () => {
    let fileId: string;
    let officerId: string;

    beforeAll(async () => {
      const folderId = await box.ensureFolderPath(['CCTV', 'Grants']);
      fileId = (await box.uploadFileIfMissing(folderId, 'g.mp4', Buffer.from('g'))).fileId;
      officerId = (await box.ensureUser({ name: 'DC Ben Okafor', login: 'ben.okafor@police.example' })).user.id;
    });

    it('gives access that the officer can see, and takes it away', async () => {
      expect(await box.canUserSeeFile(fileId, officerId)).toBe(false);
      const expiresAt = new Date(Date.now() + 7 * DAY);
      const grant = await box.grantAccess({ fileId, login: 'ben.okafor@police.example', role: 'previewer', expiresAt });
      expect(grant.userId).toBe(officerId);
      expect(await box.canUserSeeFile(fileId, officerId)).toBe(true);
      // Granting again (a retried job) finds the same collaboration and changes nothing.
      const since = Date.now();
      const again = await box.grantAccess({ fileId, userId: officerId, role: 'previewer', expiresAt });
      expect(again).toEqual(grant);
      expect(
        (await harness.requests()).filter((r) => r.startedAt >= since && r.path.includes('/collaborations/')),
      ).toEqual([]);
      expect(await box.removeCollaboration(grant.collaborationId)).toBe(true);
      expect(await box.canUserSeeFile(fileId, officerId)).toBe(false);
      expect(await box.removeCollaboration(grant.collaborationId)).toBe(false);
    });

    it('sends no notification email and refuses logins without a Box user', async () => {
      const since = Date.now();
      await expect(
        box.grantAccess({
          fileId,
          login: 'stranger@elsewhere.example',
          role: 'viewer',
          expiresAt: new Date(Date.now() + DAY),
        }),
      ).rejects.toThrow(NotFoundError);
      const writes = (await harness.requests()).filter(
        (r) => r.startedAt >= since && r.path.endsWith('/collaborations'),
      );
      expect(writes).toHaveLength(0);
      await expect(
        box.grantAccess({ fileId, userId: officerId, role: 'viewer', expiresAt: new Date(Date.now() - 1000) }),
      ).rejects.toThrow(InvalidInputError);
    });

    it('sets collaborator links with an expiry and never an open one', async () => {
      const unsharedAt = new Date(Date.now() + 7 * DAY);
      const link = await box.setSharedLink(fileId, { access: 'collaborators', unsharedAt, canDownload: false });
      expect(link.access).toBe('collaborators');
      expect(link.url).toMatch(/^https?:\/\//);
      expect(Math.abs(Date.parse(link.unsharedAt ?? '') - unsharedAt.getTime())).toBeLessThan(1000);
      expect((await box.getFile(fileId)).sharedLink?.access).toBe('collaborators');

      const since = Date.now();
      await expect(
        box.setSharedLink(fileId, { access: 'open', unsharedAt, canDownload: true, password: 'Secret-123' }),
      ).rejects.toThrow(PermissionDeniedError);
      expect((await harness.requests()).filter((r) => r.startedAt >= since && r.method === 'PUT')).toHaveLength(0);
      expect((await box.getFile(fileId)).sharedLink?.access).toBe('collaborators');

      await box.removeSharedLink(fileId);
      expect((await box.getFile(fileId)).sharedLink).toBeNull();
      await box.removeSharedLink(fileId);
    });

    it('allows an open link only by policy, and then only with a password', async () => {
      const permissive = harness.gateway({ policy: { allowOpenSharedLinks: true } });
      const unsharedAt = new Date(Date.now() + DAY);
      await expect(
        permissive.setSharedLink(fileId, { access: 'open', unsharedAt, canDownload: false }),
      ).rejects.toThrow(InvalidInputError);
      const link = await permissive.setSharedLink(fileId, {
        access: 'open',
        unsharedAt,
        canDownload: false,
        password: 'Secret-123',
      });
      expect(link.access).toBe('open');
      await permissive.removeSharedLink(fileId);
    });

    it('returns a small JPEG thumbnail', async () => {
      const thumbnail = await box.getThumbnail(fileId);
      expect(thumbnail?.contentType).toBe('image/jpeg');
      expect(thumbnail?.bytes.subarray(0, 2).toString('hex')).toBe('ffd8');
      expect(thumbnail?.bytes.length).toBeLessThan(64 * 1024);
    });
  });

  describe('errors', () => {
    it('maps 404 to NotFoundError and keeps tokens out of the error', async () => {
      const error = await box.getFile('987654321').catch((e: unknown) => e);
      expect(error).toBeInstanceOf(NotFoundError);
      const printed = inspect(error, { depth: 10 }) + JSON.stringify(error);
      expect(printed).not.toMatch(/bearer|authorization|emulator-secret/i);
    });
  });

  it('leaves the emulator with no spec violations', () => {
    expect(harness.emulator.violations()).toEqual([]);
  });
});
