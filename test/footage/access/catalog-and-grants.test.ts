import { activeGrantsFor, boxFileUrl, RecordingCatalog, type CatalogBox } from '../../../src/footage/access';
import { NotFoundError } from '../../../src/footage/errors';
import type { BoxFile } from '../../../src/footage/ports/box';
import type { Recording, RecordingMetadata } from '../../../src/footage/recording';
import type { RecordingSearch } from '../../../src/footage/search';
import { backends, useFixture } from '../../store/support';

/** Finding what `request <name or id>` names, and the officer's live grants as the results card needs them. */
const metadata: RecordingMetadata = {
  footageId: 'F1',
  cameraId: 'LAM-0105',
  cameraName: 'Brixton Station (south)',
  borough: 'Lambeth',
  latitude: 51.46,
  longitude: -0.11,
  owner: 'Supermarket',
  ownerType: 'business',
  recordedFrom: '2026-03-11T02:00:00Z',
  recordedTo: '2026-03-11T03:00:00Z',
  caseReference: null,
  exhibitReference: null,
  status: 'reviewed',
  sha256: null,
};
const recording: Recording = { ...metadata, fileId: '30000000001', fileName: 'LAM-0105_20260311T0200Z_60min.mp4' };

const ROOT = '100';
const OUTSIDE = '30000000077';

class CatalogFakeBox implements CatalogBox {
  readonly searches: RecordingSearch[] = [];
  fileCalls = 0;

  async getFile(fileId: string): Promise<BoxFile> {
    this.fileCalls += 1;
    if (fileId === recording.fileId)
      return {
        id: fileId,
        name: recording.fileName,
        size: 1,
        parentFolderId: '1',
        sha1: null,
        sharedLink: null,
        ancestorFolderIds: ['0', ROOT, '1'],
      };
    if (fileId === '30000000002')
      return {
        id: fileId,
        name: 'notes.txt',
        size: 1,
        parentFolderId: '1',
        sha1: null,
        sharedLink: null,
        ancestorFolderIds: ['0', ROOT, '1'],
      };
    // A copy of a recording's metadata on a file in another folder.
    if (fileId === OUTSIDE)
      return {
        id: fileId,
        name: recording.fileName,
        size: 1,
        parentFolderId: '77',
        sha1: null,
        sharedLink: null,
        ancestorFolderIds: ['0', '77'],
      };
    throw new NotFoundError('no such file');
  }

  async footageRootId(): Promise<string> {
    return ROOT;
  }

  async getRecordingMetadata(fileId: string): Promise<RecordingMetadata | null> {
    if (fileId === recording.fileId || fileId === OUTSIDE) return metadata;
    if (fileId === '30000000002') return null;
    throw new NotFoundError('no such file');
  }

  async searchRecordings(search: RecordingSearch) {
    this.searches.push(search);
    return {
      recordings: [recording, { ...recording, fileId: '30000000009', fileName: 'LAM-0105_20260311T0200Z_30min.mp4' }],
    };
  }
}

describe('finding the recording a request names', () => {
  test('by Box file id: only files carrying the footage metadata are recordings', async () => {
    const box = new CatalogFakeBox();
    const catalog = new RecordingCatalog(box);
    expect(await catalog.find('30000000001')).toEqual([recording]);
    expect(await catalog.find('30000000002')).toEqual([]);
    expect(await catalog.find('39999999999')).toEqual([]);
    expect(await catalog.getMany(['30000000001', '39999999999', '../etc'])).toEqual({
      found: [recording],
      missing: ['39999999999', '../etc'],
    });
  });

  test('by export file name: one metadata query on the camera at the start the name carries, matched exactly', async () => {
    const box = new CatalogFakeBox();
    const catalog = new RecordingCatalog(box);
    expect(await catalog.find('lam-0105_20260311t0200z_60min.mp4')).toEqual([recording]);
    expect(await catalog.find('LAM-0105_20260311T0200Z_60min')).toEqual([recording]);
    expect(box.searches[0]).toEqual({
      cameraIds: ['LAM-0105'],
      window: { start: new Date('2026-03-11T02:00:00Z'), end: new Date('2026-03-11T02:01:00Z') },
      limit: 100,
    });
    expect(await catalog.find('holiday-video.mp4')).toEqual([]);
    expect(box.searches).toHaveLength(2);
  });

  test('a file outside the footage root is not a recording, even with the metadata', async () => {
    const catalog = new RecordingCatalog(new CatalogFakeBox());
    expect(await catalog.get(OUTSIDE)).toBeNull();
    expect(await catalog.getMany([recording.fileId, OUTSIDE])).toEqual({ found: [recording], missing: [OUTSIDE] });
  });

  test('an export name whose date or time does not exist names nothing, without asking Box', async () => {
    const box = new CatalogFakeBox();
    const catalog = new RecordingCatalog(box);
    expect(await catalog.find('LAM-0105_99999999T9999Z_60min.mp4')).toEqual([]);
    expect(await catalog.find('LAM-0105_20260231T0200Z_60min.mp4')).toEqual([]);
    expect(await catalog.find('LAM-0105_20260311T2460Z_60min.mp4')).toEqual([]);
    expect(box.searches).toHaveLength(0);
  });

  test('"not a recording" is not remembered: asked again, Box is asked again', async () => {
    const box = new CatalogFakeBox();
    const catalog = new RecordingCatalog(box, { now: () => 0 });
    await catalog.get('39999999999');
    await catalog.get('39999999999');
    expect(box.fileCalls).toBe(2);
  });

  test('lookups are remembered, so redrawing cards does not ask Box again', async () => {
    const box = new CatalogFakeBox();
    let now = 0;
    const catalog = new RecordingCatalog(box, { ttlMs: 1000, now: () => now });
    await catalog.get(recording.fileId);
    await catalog.get(recording.fileId);
    expect(box.fileCalls).toBe(1);
    now = 2000;
    await catalog.get(recording.fileId);
    expect(box.fileCalls).toBe(2);
  });
});

describe.each(backends())('the officer’s active grants on %s', (kind) => {
  const fixture = useFixture(kind, __filename);

  test('only granted recordings of live, unexpired requests, with their link', async () => {
    const { store } = await fixture.store();
    const make = async (key: string, files: string[]) => {
      const { request } = await store.requests.create({
        idempotencyKey: key,
        requesterAadObjectId: 'aad-alice',
        recordings: files.map((f) => ({ boxFileId: f, fileName: `${f}.mp4` })),
        caseReference: '5212345/26',
        reason: 'r',
        access: 'view',
        downloadJustification: null,
        durationDays: 7,
      });
      await store.requests.decide({
        requestId: request.id,
        deciderAadObjectId: 'aad-dana',
        decision: 'approved',
        comment: null,
      });
      return request.id;
    };
    const live = await make('a', ['f1', 'f2']);
    await store.requests.transition(live, { from: ['approved'], to: 'granted' });
    await store.requests.updateGrant(live, 'f1', {
      state: 'granted',
      collaborationId: 'c1',
      sharedLinkUrl: 'https://box.example/s/f1',
    });
    await store.requests.updateGrant(live, 'f2', { state: 'failed', error: 'x' });
    const notYet = await make('b', ['f3']);
    await store.requests.updateGrant(notYet, 'f3', { state: 'granted', collaborationId: 'c3' });

    const now = new Date();
    const grants = await activeGrantsFor(store, 'aad-alice', now);
    expect([...grants.keys()]).toEqual(['f1']);
    expect(grants.get('f1')).toEqual({
      openUrl: 'https://box.example/s/f1',
      expiresAt: (await store.requests.get(live))!.expiresAt,
    });
    expect(await activeGrantsFor(store, 'aad-alice', new Date(now.getTime() + 8 * 24 * 3600 * 1000))).toEqual(
      new Map(),
    );
    expect(await activeGrantsFor(store, 'aad-ben', now)).toEqual(new Map());
    expect(boxFileUrl('123')).toBe('https://app.box.com/file/123');
  });
});
