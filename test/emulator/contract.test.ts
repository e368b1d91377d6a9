/**
 * The emulator's contract: every route the bot uses, driven through box-node-sdk itself (so the
 * SDK's own URLs, headers and deserialisers are exercised), with each request and response checked
 * against Box's OpenAPI document. Behaviour is asserted alongside: conflicts, permissions through
 * `as-user`, chunked uploads, faults.
 */
import type { BoxClient } from 'box-node-sdk';
import { dateTimeFromString } from 'box-node-sdk/internal';
import { createHash } from 'node:crypto';
import type { BoxEmulator } from '../../src/emulator';
import { apiError, enterpriseToken, Readable, readAll, sdkClient, startTestEmulator } from './support';

const PART_SIZE = 64 * 1024;

let emulator: BoxEmulator;
let stop: () => Promise<void>;
let box: BoxClient;

beforeAll(async () => {
  ({ emulator, stop } = await startTestEmulator({
    validateAgainstSpec: true,
    uploadPartSize: PART_SIZE,
    minChunkedUploadSize: 2 * PART_SIZE,
  }));
  box = sdkClient(emulator);
});

afterAll(async () => {
  await stop();
});

function sha1(bytes: Buffer): string {
  return createHash('sha1').update(bytes).digest('hex');
}

async function upload(client: BoxClient, folderId: string, name: string, content: Buffer): Promise<string> {
  const files = await client.uploads.uploadFile({
    attributes: { name, parent: { id: folderId } },
    file: Readable.from([content]),
  });
  return files.entries![0].id;
}

async function control(path: string, init: { method: string; body?: unknown }): Promise<Response> {
  return fetch(`${emulator.url}${path}`, {
    method: init.method,
    headers: init.body === undefined ? {} : { 'content-type': 'application/json' },
    body: init.body === undefined ? undefined : JSON.stringify(init.body),
  });
}

const TEMPLATE = {
  scope: 'enterprise',
  templateKey: 'cctvFootage',
  displayName: 'CCTV Footage',
  fields: [
    { type: 'string' as const, key: 'cameraId', displayName: 'Camera id' },
    { type: 'float' as const, key: 'latitude', displayName: 'Latitude' },
    { type: 'date' as const, key: 'recordedFrom', displayName: 'Recorded from' },
    {
      type: 'enum' as const,
      key: 'status',
      displayName: 'Status',
      options: [{ key: 'received' }, { key: 'reviewed' }],
    },
    { type: 'multiSelect' as const, key: 'tags', displayName: 'Tags', options: [{ key: 'night' }, { key: 'day' }] },
  ],
};

describe('authentication', () => {
  it('issues a CCG token for the enterprise: the service account', async () => {
    const me = await box.users.getUserMe();
    expect(me.type).toBe('user');
    expect(me.login).toMatch(/^AutomationUser_\d+_[0-9a-f]+@boxdevedition\.com$/);
  });

  it('refuses wrong client credentials with OAuth 400 invalid_client', async () => {
    const error = await apiError(sdkClient(emulator, { clientSecret: 'wrong' }).users.getUserMe());
    expect(error.status).toBe(400);
    expect(error.body).toEqual({ error: 'invalid_client', error_description: 'The client credentials are invalid' });
  });

  it('answers a call without a token with 401 and WWW-Authenticate', async () => {
    const response = await fetch(`${emulator.url}/2.0/users/me`);
    expect(response.status).toBe(401);
    expect(response.headers.get('www-authenticate')).toContain('invalid_token');
    expect(await response.json()).toMatchObject({ type: 'error', status: 401, code: 'unauthorized' });
  });

  it('returns token fields as Box does', async () => {
    const response = await fetch(`${emulator.url}/oauth2/token`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({
        grant_type: 'client_credentials',
        client_id: 'emulator-client',
        client_secret: 'emulator-secret',
        box_subject_type: 'enterprise',
        box_subject_id: '1',
      }),
    });
    const token = (await response.json()) as Record<string, unknown>;
    expect(token).toEqual({
      access_token: expect.any(String),
      expires_in: 3600,
      token_type: 'bearer',
      restricted_to: [],
      issued_token_type: 'urn:ietf:params:oauth:token-type:access_token',
    });
  });

  it('refuses an enterprise subject other than the configured enterprise with invalid_grant', async () => {
    const response = await fetch(`${emulator.url}/oauth2/token`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({
        grant_type: 'client_credentials',
        client_id: 'emulator-client',
        client_secret: 'emulator-secret',
        box_subject_type: 'enterprise',
        box_subject_id: '2',
      }),
    });
    expect(response.status).toBe(400);
    expect(await response.json()).toMatchObject({ error: 'invalid_grant' });
  });
});

describe('users', () => {
  let aliceId: string;

  it('creates managed users and refuses a login that is taken (409 user_login_already_used)', async () => {
    const alice = await box.users.createUser({ name: 'PC Alice Carter', login: 'alice.carter@police.example' });
    aliceId = alice.id;
    expect(alice).toMatchObject({ type: 'user', name: 'PC Alice Carter', login: 'alice.carter@police.example' });
    const error = await apiError(box.users.createUser({ name: 'Someone Else', login: 'Alice.Carter@police.example' }));
    expect(error.status).toBe(409);
    expect(error.code).toBe('user_login_already_used');
  });

  it('creates app users with a generated login', async () => {
    const app = await box.users.createUser({ name: 'Kiosk', isPlatformAccessOnly: true });
    expect(app.login).toMatch(/^AppUser_\d+_[0-9a-f]+@boxdevedition\.com$/);
  });

  it('finds users by the start of their login or of a name word', async () => {
    await box.users.createUser({ name: 'DC Ben Okafor', login: 'ben.okafor@police.example' });
    const byLogin = await box.users.getUsers({ filterTerm: 'alice.c' });
    expect(byLogin.entries!.map((u) => u.login)).toEqual(['alice.carter@police.example']);
    const byName = await box.users.getUsers({ filterTerm: 'okafor' });
    expect(byName.entries!.map((u) => u.name)).toEqual(['DC Ben Okafor']);
    expect(byName.totalCount).toBe(1);
    const none = await box.users.getUsers({ filterTerm: 'arter' });
    expect(none.entries).toEqual([]);
  });

  it('pages users by offset', async () => {
    const first = await box.users.getUsers({ limit: 2, offset: 0 });
    const second = await box.users.getUsers({ limit: 2, offset: 2 });
    expect(first.entries).toHaveLength(2);
    expect(first.totalCount).toBeGreaterThanOrEqual(4);
    expect(second.entries![0].id).not.toBe(first.entries![1].id);
  });

  it('gets a user by id, and 404 for an unknown id', async () => {
    expect((await box.users.getUserById(aliceId)).name).toBe('PC Alice Carter');
    expect((await apiError(box.users.getUserById('999'))).status).toBe(404);
  });

  it('issues a user-subject token and acts as that user', async () => {
    const me = await sdkClient(emulator, { userId: aliceId }).users.getUserMe();
    expect(me.id).toBe(aliceId);
  });

  it('refuses user management and as-user to a user token (403)', async () => {
    const asAlice = sdkClient(emulator, { userId: aliceId });
    expect((await apiError(asAlice.users.getUsers())).status).toBe(403);
    const error = await apiError(asAlice.withAsUserHeader(aliceId).users.getUserMe());
    expect(error.status).toBe(403);
    expect(error.headers['www-authenticate']).toContain('insufficient_scope');
  });
});

describe('folders', () => {
  let cctvId: string;

  it('creates a folder, and answers a second create with 409 item_name_in_use naming the existing one', async () => {
    const cctv = await box.folders.createFolder({ name: 'CCTV', parent: { id: '0' } });
    cctvId = cctv.id;
    expect(cctv).toMatchObject({ type: 'folder', name: 'CCTV', parent: { id: '0' } });
    const error = await apiError(box.folders.createFolder({ name: 'cctv', parent: { id: '0' } }));
    expect(error.status).toBe(409);
    expect(error.code).toBe('item_name_in_use');
    expect((error.body.context_info as { conflicts: Array<{ id: string; type: string }> }).conflicts).toEqual([
      expect.objectContaining({ type: 'folder', id: cctvId, name: 'CCTV' }),
    ]);
  });

  it('gets a folder with its path and only the fields asked for', async () => {
    const lambeth = await box.folders.createFolder({ name: 'Lambeth', parent: { id: cctvId } });
    const full = await box.folders.getFolderById(lambeth.id);
    expect(full.pathCollection!.entries.map((e) => e.name)).toEqual(['All Files', 'CCTV']);
    const picked = await box.folders.getFolderById(lambeth.id, { queryParams: { fields: ['name', 'created_at'] } });
    expect(Object.keys(picked.rawData as object).sort()).toEqual(['created_at', 'etag', 'id', 'name', 'type']);
  });

  it('404s an unknown folder', async () => {
    const error = await apiError(box.folders.getFolderById('123'));
    expect(error).toMatchObject({ status: 404, code: 'not_found' });
  });

  it('lists items with offset paging and with marker paging, folders first, nothing repeated or skipped', async () => {
    const parent = await box.folders.createFolder({ name: 'Paging', parent: { id: cctvId } });
    for (const name of ['d-folder', 'b-folder']) await box.folders.createFolder({ name, parent: { id: parent.id } });
    for (const name of ['c.txt', 'a.txt', 'e.txt']) await upload(box, parent.id, name, Buffer.from(name));
    const expected = ['b-folder', 'd-folder', 'a.txt', 'c.txt', 'e.txt'];

    const byOffset: string[] = [];
    for (let offset = 0; offset < 5; offset += 2) {
      const page = await box.folders.getFolderItems(parent.id, { queryParams: { offset, limit: 2 } });
      expect(page.totalCount).toBe(5);
      byOffset.push(...page.entries!.map((e) => (e as { name?: string }).name!));
    }
    expect(byOffset).toEqual(expected);

    const byMarker: string[] = [];
    let marker: string | undefined;
    do {
      const page = await box.folders.getFolderItems(parent.id, { queryParams: { usemarker: true, marker, limit: 2 } });
      byMarker.push(...page.entries!.map((e) => (e as { name?: string }).name!));
      marker = page.nextMarker ?? undefined;
    } while (marker);
    expect(byMarker).toEqual(expected);
  });

  it('shows the root with the caller’s top-level items', async () => {
    const items = await box.folders.getFolderItems('0');
    expect(items.entries!.map((e) => (e as { name?: string }).name)).toContain('CCTV');
    const root = await box.folders.getFolderById('0');
    expect(root).toMatchObject({ id: '0', name: 'All Files' });
  });
});

describe('files', () => {
  let folderId: string;
  let fileId: string;
  const content = Buffer.from('not really an mp4, but bytes all the same');

  beforeAll(async () => {
    folderId = (await box.folders.createFolder({ name: 'Files', parent: { id: '0' } })).id;
    fileId = await upload(box, folderId, 'LAM-0105_20260311T0200Z_60min.mp4', content);
  });

  it('uploads with multipart and reports Box’s SHA-1 and size', async () => {
    const file = await box.files.getFileById(fileId);
    expect(file).toMatchObject({
      type: 'file',
      name: 'LAM-0105_20260311T0200Z_60min.mp4',
      size: content.length,
      sha1: sha1(content),
    });
    expect(file.parent!.id).toBe(folderId);
  });

  it('answers an upload under a taken name with 409 item_name_in_use and the existing file', async () => {
    const error = await apiError(upload(box, folderId, 'lam-0105_20260311t0200z_60min.MP4', Buffer.from('x')));
    expect(error.status).toBe(409);
    expect(error.code).toBe('item_name_in_use');
    expect(error.body.context_info).toEqual({ conflicts: expect.objectContaining({ type: 'file', id: fileId }) });
  });

  it('returns only the requested fields plus type, id and etag', async () => {
    const file = await box.files.getFileById(fileId, { queryParams: { fields: ['name', 'size', 'permissions'] } });
    expect(Object.keys(file.rawData as object).sort()).toEqual(['etag', 'id', 'name', 'permissions', 'size', 'type']);
    expect(file.permissions).toMatchObject({ canDownload: true, canPreview: true });
  });

  it('downloads the content (following the 302 to the download host) and exposes the download URL', async () => {
    expect(await readAll(await box.downloads.downloadFile(fileId))).toEqual(content);
    const url = await box.downloads.getDownloadFileUrl(fileId);
    expect(url).toMatch(new RegExp(`^${emulator.url}/d/1/`));
    const direct = await fetch(url, { headers: { range: 'bytes=4-9' } });
    expect(direct.status).toBe(206);
    expect(Buffer.from(await direct.arrayBuffer())).toEqual(content.subarray(4, 10));
  });

  it('serves PNG and JPEG thumbnails sized by min_width', async () => {
    const png = await readAll(
      await box.files.getFileThumbnailById(fileId, 'png', { queryParams: { minWidth: 100, minHeight: 100 } }),
    );
    expect(png.subarray(1, 4).toString()).toBe('PNG');
    expect(png.readUInt32BE(16)).toBe(128); // IHDR width
    const jpg = await readAll(await box.files.getFileThumbnailById(fileId, 'jpg', { queryParams: { minWidth: 150 } }));
    expect([...jpg.subarray(0, 2)]).toEqual([0xff, 0xd8]);
    const sof = jpg.indexOf(Buffer.from([0xff, 0xc0]));
    expect(jpg.readUInt16BE(sof + 7)).toBe(160); // SOF0 width
  });

  it('sets, changes and removes a shared link', async () => {
    const unsharedAt = new Date(Date.now() + 7 * 86_400_000).toISOString();
    const shared = await box.sharedLinksFiles.addShareLinkToFile(
      fileId,
      {
        sharedLink: {
          access: 'collaborators',
          unsharedAt: dateTimeFromString(unsharedAt),
          permissions: { canDownload: false },
        },
      },
      { fields: 'shared_link' },
    );
    expect(shared.sharedLink).toMatchObject({
      access: 'collaborators',
      effectiveAccess: 'collaborators',
      effectivePermission: 'can_preview',
      isPasswordEnabled: false,
    });
    expect(shared.sharedLink!.url).toMatch(new RegExp(`^${emulator.url}/s/[0-9a-f]{32}$`));
    expect(shared.sharedLink!.unsharedAt!.value.toISOString()).toBe(unsharedAt.replace(/\.\d+Z$/, '.000Z'));
    // The SDK appends `?fields=shared_link` after a `#add_shared_link` fragment, so the query never
    // reaches the server: Box (and the emulator) answer with the standard file representation.
    expect(shared.name).toBe('LAM-0105_20260311T0200Z_60min.mp4');
    const log = (await (await control('/_emulator/requests', { method: 'GET' })).json()) as {
      entries: Array<{ method: string; path: string }>;
    };
    expect(log.entries.filter((e) => e.method === 'PUT').pop()?.path).toBe(`/2.0/files/${fileId}`);

    const refused = await apiError(
      box.sharedLinksFiles.updateSharedLinkOnFile(
        fileId,
        { sharedLink: { access: 'collaborators', password: 'secret-password' } },
        { fields: 'shared_link' },
      ),
    );
    expect(refused.status).toBe(400);

    const removed = await box.sharedLinksFiles.removeSharedLinkFromFile(
      fileId,
      { sharedLink: null as never },
      { fields: 'shared_link' },
    );
    expect(removed.sharedLink).toBeUndefined();
    expect((removed.rawData as { shared_link: unknown }).shared_link).toBeNull();
  });
});

describe('chunked uploads', () => {
  let folderId: string;

  beforeAll(async () => {
    folderId = (await box.folders.createFolder({ name: 'Big', parent: { id: '0' } })).id;
  });

  it('uploads a multi-part file with uploadBigFile, verifying each part and the whole', async () => {
    const content = Buffer.alloc(5 * PART_SIZE + 1234);
    for (let i = 0; i < content.length; i++) content[i] = (i * 31 + 7) % 251;
    const file = await box.chunkedUploads.uploadBigFile(Readable.from([content]), 'big.mp4', content.length, folderId);
    expect(file).toMatchObject({ name: 'big.mp4', size: content.length, sha1: sha1(content) });
    // Compared by hash: jest's element-wise equality on a large Buffer takes seconds.
    expect(sha1(await readAll(await box.downloads.downloadFile(file.id)))).toBe(sha1(content));
  });

  it('refuses a part whose digest does not match (412) and a commit whose digest does not (412), then aborts', async () => {
    const size = 2 * PART_SIZE;
    const session = await box.chunkedUploads.createFileUploadSession({ folderId, fileSize: size, fileName: 'bad.mp4' });
    expect(session).toMatchObject({ partSize: PART_SIZE, totalParts: 2, numPartsProcessed: 0 });
    const part = Buffer.alloc(PART_SIZE, 1);
    const wrong = await apiError(
      box.chunkedUploads.uploadFilePartByUrl(session.sessionEndpoints!.uploadPart!, Readable.from([part]), {
        digest: `sha=${createHash('sha1').update('other').digest('base64')}`,
        contentRange: `bytes 0-${PART_SIZE - 1}/${size}`,
      }),
    );
    expect(wrong.status).toBe(412);
    const parts = [];
    for (let i = 0; i < 2; i++) {
      const uploaded = await box.chunkedUploads.uploadFilePartByUrl(
        session.sessionEndpoints!.uploadPart!,
        Readable.from([part]),
        {
          digest: `sha=${createHash('sha1').update(part).digest('base64')}`,
          contentRange: `bytes ${i * PART_SIZE}-${(i + 1) * PART_SIZE - 1}/${size}`,
        },
      );
      parts.push(uploaded.part!);
    }
    const listed = await box.chunkedUploads.getFileUploadSessionPartsByUrl(session.sessionEndpoints!.listParts!);
    expect(listed.totalCount).toBe(2);
    const badCommit = await apiError(
      box.chunkedUploads.createFileUploadSessionCommitByUrl(
        session.sessionEndpoints!.commit!,
        { parts },
        { digest: `sha=${createHash('sha1').update('x').digest('base64')}` },
      ),
    );
    expect(badCommit.status).toBe(412);
    await box.chunkedUploads.deleteFileUploadSessionByUrl(session.sessionEndpoints!.abort!);
    expect(
      (await apiError(box.chunkedUploads.getFileUploadSessionByUrl(session.sessionEndpoints!.status!))).status,
    ).toBe(404);
  });

  it('refuses sessions for files below the minimum size (400 file_size_too_small)', async () => {
    const error = await apiError(
      box.chunkedUploads.createFileUploadSession({ folderId, fileSize: 10, fileName: 'tiny.mp4' }),
    );
    expect(error).toMatchObject({ status: 400, code: 'file_size_too_small' });
  });
});

describe('metadata templates and instances', () => {
  let fileId: string;

  beforeAll(async () => {
    const folder = await box.folders.createFolder({ name: 'Metadata', parent: { id: '0' } });
    fileId = await upload(box, folder.id, 'clip.mp4', Buffer.from('clip'));
  });

  it('answers 404 for a template that does not exist yet, then creates it in scope enterprise_<id>', async () => {
    expect((await apiError(box.metadataTemplates.getMetadataTemplate('enterprise', 'cctvFootage'))).status).toBe(404);
    const created = await box.metadataTemplates.createMetadataTemplate(TEMPLATE);
    expect(created).toMatchObject({
      type: 'metadata_template',
      scope: 'enterprise_1',
      templateKey: 'cctvFootage',
      displayName: 'CCTV Footage',
    });
    expect(created.fields!.map((f) => f.key)).toEqual(['cameraId', 'latitude', 'recordedFrom', 'status', 'tags']);
    expect((await box.metadataTemplates.getMetadataTemplate('enterprise', 'cctvFootage')).id).toBe(created.id);
    const listed = await box.metadataTemplates.getEnterpriseMetadataTemplates();
    expect(listed.entries!.map((t) => t.templateKey)).toEqual(['cctvFootage']);
  });

  it('refuses a second template with the same key', async () => {
    expect((await apiError(box.metadataTemplates.createMetadataTemplate(TEMPLATE))).status).toBe(409);
  });

  it('creates an instance, and answers a second create with 409 tuple_already_exists', async () => {
    const values = {
      cameraId: 'LAM-0105',
      latitude: 51.46058,
      recordedFrom: '2026-03-11T02:00:00Z',
      status: 'reviewed',
      tags: ['night'],
    };
    const instance = await box.fileMetadata.createFileMetadataById(fileId, 'enterprise', 'cctvFootage', values);
    expect(instance).toMatchObject({
      template: 'cctvFootage',
      scope: 'enterprise_1',
      parent: `file_${fileId}`,
      version: 0,
    });
    expect(instance.extraData).toMatchObject({
      cameraId: 'LAM-0105',
      latitude: 51.46058,
      recordedFrom: '2026-03-11T02:00:00.000Z',
      status: 'reviewed',
      tags: ['night'],
    });
    const again = await apiError(box.fileMetadata.createFileMetadataById(fileId, 'enterprise', 'cctvFootage', values));
    expect(again).toMatchObject({ status: 409, code: 'tuple_already_exists' });
  });

  it.each([
    ['a string in a float field', { latitude: 'north' }],
    ['an option outside the enum', { status: 'lost' }],
    ['a date without a zone', { recordedFrom: '2026-03-11 02:00' }],
    ['a key the template does not have', { colour: 'red' }],
  ])('refuses %s with 400', async (_, values) => {
    const other = await upload(
      box,
      (await box.files.getFileById(fileId)).parent!.id,
      `bad-${Object.keys(values)[0]}.mp4`,
      Buffer.from('x'),
    );
    const error = await apiError(box.fileMetadata.createFileMetadataById(other, 'enterprise', 'cctvFootage', values));
    expect(error).toMatchObject({ status: 400, code: 'bad_request' });
  });

  it('updates with JSON Patch, refuses a failed test, and lists the file’s instances', async () => {
    const updated = await box.fileMetadata.updateFileMetadataById(fileId, 'enterprise', 'cctvFootage', [
      { op: 'test', path: '/cameraId', value: 'LAM-0105' },
      { op: 'replace', path: '/status', value: 'received' },
      { op: 'remove', path: '/tags' },
      { op: 'add', path: '/latitude', value: 51.5 },
    ]);
    expect(updated.version).toBe(1);
    expect(updated.extraData).toMatchObject({ status: 'received', latitude: 51.5 });
    expect(updated.extraData).not.toHaveProperty('tags');
    const failed = await apiError(
      box.fileMetadata.updateFileMetadataById(fileId, 'enterprise', 'cctvFootage', [
        { op: 'test', path: '/cameraId', value: 'X' },
        { op: 'replace', path: '/status', value: 'reviewed' },
      ]),
    );
    expect(failed.status).toBe(409);
    expect((await box.fileMetadata.getFileMetadataById(fileId, 'enterprise', 'cctvFootage')).extraData).toMatchObject({
      status: 'received',
    });
    const list = await box.fileMetadata.getFileMetadata(fileId);
    expect(list.entries).toHaveLength(1);
  });

  it('returns instances through fields=metadata.<scope>.<templateKey> on the file', async () => {
    const file = await box.files.getFileById(fileId, {
      queryParams: { fields: ['name', 'metadata.enterprise_1.cctvFootage'] },
    });
    const raw = file.rawData as { metadata: Record<string, Record<string, Record<string, unknown>>> };
    expect(raw.metadata.enterprise_1.cctvFootage).toMatchObject({ cameraId: 'LAM-0105', $template: 'cctvFootage' });
  });
});

describe('metadata queries', () => {
  let rootId: string;
  const ids: Record<string, string> = {};

  beforeAll(async () => {
    rootId = (await box.folders.createFolder({ name: 'Queries', parent: { id: '0' } })).id;
    const sub = (await box.folders.createFolder({ name: 'Sub', parent: { id: rootId } })).id;
    const outside = (await box.folders.createFolder({ name: 'Outside', parent: { id: '0' } })).id;
    const rows: Array<[string, string, string, number]> = [
      ['q1.mp4', rootId, '2026-03-01T10:00:00Z', 51.1],
      ['q2.mp4', sub, '2026-03-02T10:00:00Z', 51.2],
      ['q3.mp4', sub, '2026-03-03T10:00:00Z', 51.3],
      ['q4.mp4', rootId, '2026-03-04T10:00:00Z', 51.4],
      ['q5.mp4', outside, '2026-03-05T10:00:00Z', 51.5],
    ];
    for (const [name, folder, recordedFrom, latitude] of rows) {
      ids[name] = await upload(box, folder, name, Buffer.from(name));
      await box.fileMetadata.createFileMetadataById(ids[name], 'enterprise', 'cctvFootage', {
        cameraId: 'QRY-1',
        recordedFrom,
        latitude,
        status: 'received',
      });
    }
  });

  it('filters with bound parameters under the ancestor folder, orders, and pages with next_marker', async () => {
    const names: string[] = [];
    let marker: string | undefined;
    let pages = 0;
    do {
      const page = await box.search.searchByMetadataQuery({
        from: 'enterprise_1.cctvFootage',
        query: 'cameraId = :camera AND recordedFrom >= :from',
        queryParams: { camera: 'QRY-1', from: '2026-03-02T00:00:00Z' },
        ancestorFolderId: rootId,
        orderBy: [{ fieldKey: 'recordedFrom', direction: 'desc' }],
        limit: 2,
        marker,
        fields: [
          'name',
          'metadata.enterprise_1.cctvFootage.cameraId',
          'metadata.enterprise_1.cctvFootage.recordedFrom',
        ],
      });
      pages += 1;
      // Only the top-level object keeps rawData; entries are read from it.
      for (const raw of (
        page.rawData as {
          entries: Array<{ name: string; metadata: Record<string, Record<string, Record<string, unknown>>> }>;
        }
      ).entries) {
        expect(raw.metadata.enterprise_1.cctvFootage).toMatchObject({
          cameraId: 'QRY-1',
          $template: 'cctvFootage',
          $scope: 'enterprise_1',
        });
        expect(raw.metadata.enterprise_1.cctvFootage).not.toHaveProperty('latitude');
        names.push(raw.name);
      }
      marker = page.nextMarker ?? undefined;
    } while (marker);
    expect(names).toEqual(['q4.mp4', 'q3.mp4', 'q2.mp4']);
    expect(pages).toBe(2);
  });

  it('answers a malformed query with 400 and an unknown template with 404', async () => {
    const bad = await apiError(
      box.search.searchByMetadataQuery({
        from: 'enterprise_1.cctvFootage',
        query: 'cameraId = ',
        ancestorFolderId: rootId,
      }),
    );
    expect(bad).toMatchObject({ status: 400, code: 'bad_request' });
    const unknown = await apiError(
      box.search.searchByMetadataQuery({ from: 'enterprise_1.nothing', ancestorFolderId: rootId }),
    );
    expect(unknown.status).toBe(404);
  });
});

describe('as-user and permissions', () => {
  let officer: string;
  let fileId: string;
  let folderId: string;

  beforeAll(async () => {
    officer = (await box.users.createUser({ name: 'PC Dana Fox', login: 'dana.fox@police.example' })).id;
    folderId = (await box.folders.createFolder({ name: 'Evidence', parent: { id: '0' } })).id;
    fileId = await upload(box, folderId, 'evidence.mp4', Buffer.from('evidence'));
    await box.fileMetadata.createFileMetadataById(fileId, 'enterprise', 'cctvFootage', { cameraId: 'EVD-1' });
  });

  it('hides an item from a user who is neither owner nor collaborator (404)', async () => {
    const asOfficer = box.withAsUserHeader(officer);
    expect(await apiError(asOfficer.files.getFileById(fileId))).toMatchObject({ status: 404, code: 'not_found' });
    expect((await apiError(asOfficer.downloads.downloadFile(fileId))).status).toBe(404);
    expect((await apiError(asOfficer.folders.getFolderItems(folderId))).status).toBe(404);
    const search = await asOfficer.search.searchByMetadataQuery({
      from: 'enterprise_1.cctvFootage',
      query: 'cameraId = :c',
      queryParams: { c: 'EVD-1' },
      ancestorFolderId: '0',
    });
    expect(search.entries).toEqual([]);
  });

  it('grants preview with a previewer collaboration: visible, thumbnails and metadata, but no download (403)', async () => {
    const expiresAt = new Date(Date.now() + 86_400_000).toISOString();
    const collab = await box.userCollaborations.createCollaboration(
      {
        item: { type: 'file', id: fileId },
        accessibleBy: { type: 'user', login: 'dana.fox@police.example' },
        role: 'previewer',
        expiresAt: dateTimeFromString(expiresAt),
      },
      { queryParams: { notify: false } },
    );
    expect(collab).toMatchObject({
      type: 'collaboration',
      role: 'previewer',
      status: 'accepted',
      accessibleBy: { id: officer },
      item: { id: fileId },
    });
    expect(collab.expiresAt!.value.getTime()).toBe(Math.floor(Date.parse(expiresAt) / 1000) * 1000);

    const asOfficer = box.withAsUserHeader(officer);
    expect((await asOfficer.files.getFileById(fileId)).name).toBe('evidence.mp4');
    expect((await readAll(await asOfficer.files.getFileThumbnailById(fileId, 'png'))).length).toBeGreaterThan(0);
    expect(
      (await asOfficer.fileMetadata.getFileMetadataById(fileId, 'enterprise', 'cctvFootage')).extraData,
    ).toMatchObject({ cameraId: 'EVD-1' });
    // Binary calls leave the error body unread (responseInfo.body is empty), so the code is checked over plain HTTP.
    expect((await apiError(asOfficer.downloads.downloadFile(fileId))).status).toBe(403);
    const denied = await fetch(`${emulator.url}/2.0/files/${fileId}/content`, {
      headers: { authorization: `Bearer ${await enterpriseToken(emulator.url)}`, 'as-user': officer },
    });
    expect(denied.status).toBe(403);
    expect(await denied.json()).toMatchObject({
      type: 'error',
      status: 403,
      code: 'access_denied_insufficient_permissions',
    });
    expect(
      (
        await apiError(
          asOfficer.fileMetadata.updateFileMetadataById(fileId, 'enterprise', 'cctvFootage', [
            { op: 'add', path: '/cameraId', value: 'X' },
          ]),
        )
      ).status,
    ).toBe(403);
    const search = await asOfficer.search.searchByMetadataQuery({
      from: 'enterprise_1.cctvFootage',
      query: 'cameraId = :c',
      queryParams: { c: 'EVD-1' },
      ancestorFolderId: '0',
    });
    expect(search.entries!.map((e) => e.id)).toEqual([fileId]);

    const listed = await box.listCollaborations.getFileCollaborations(fileId);
    expect(listed.entries!.map((c) => c.id)).toEqual([collab.id]);
    expect((await box.userCollaborations.getCollaborationById(collab.id)).role).toBe('previewer');

    await box.userCollaborations.deleteCollaborationById(collab.id);
    expect((await apiError(asOfficer.files.getFileById(fileId))).status).toBe(404);
  });

  it('cascades a viewer collaboration on the folder to its files, which may then be downloaded', async () => {
    const collab = await box.userCollaborations.createCollaboration({
      item: { type: 'folder', id: folderId },
      accessibleBy: { type: 'user', id: officer },
      role: 'viewer',
    });
    const asOfficer = box.withAsUserHeader(officer);
    expect(await readAll(await asOfficer.downloads.downloadFile(fileId))).toEqual(Buffer.from('evidence'));
    const root = await asOfficer.folders.getFolderItems('0');
    expect(root.entries!.map((e) => e.id)).toEqual([folderId]);
    const file = await asOfficer.files.getFileById(fileId, { queryParams: { fields: ['path_collection'] } });
    expect(file.pathCollection!.entries.map((e) => e.name)).toEqual(['All Files', 'Evidence']);
    await box.userCollaborations.deleteCollaborationById(collab.id);
  });

  it('refuses bad collaborations as Box does', async () => {
    const item = { type: 'file' as const, id: fileId };
    const first = await box.userCollaborations.createCollaboration({
      item,
      accessibleBy: { type: 'user', id: officer },
      role: 'viewer',
    });
    expect(
      await apiError(
        box.userCollaborations.createCollaboration({
          item,
          accessibleBy: { type: 'user', id: officer },
          role: 'editor',
        }),
      ),
    ).toMatchObject({
      status: 400,
      code: 'user_already_collaborator',
    });
    expect(
      (
        await apiError(
          box.userCollaborations.createCollaboration({
            item,
            accessibleBy: { type: 'user', id: '42' },
            role: 'viewer',
          }),
        )
      ).status,
    ).toBe(404);
    const past = dateTimeFromString('2020-01-01T00:00:00Z');
    expect(
      (
        await apiError(
          box.userCollaborations.createCollaboration({
            item,
            accessibleBy: { type: 'user', login: 'alice.carter@police.example' },
            role: 'viewer',
            expiresAt: past,
          }),
        )
      ).status,
    ).toBe(400);
    // A viewer may not invite others.
    const asOfficer = box.withAsUserHeader(officer);
    expect(
      (
        await apiError(
          asOfficer.userCollaborations.createCollaboration({
            item,
            accessibleBy: { type: 'user', login: 'alice.carter@police.example' },
            role: 'viewer',
          }),
        )
      ).status,
    ).toBe(403);
    await box.userCollaborations.deleteCollaborationById(first.id);
  });
});

describe('fault injection', () => {
  it('fails the next call with 429 and a lower-case retry-after header', async () => {
    expect(
      (
        await control('/_emulator/faults', {
          method: 'POST',
          body: { status: 429, count: 1, retryAfter: 2, match: 'GET /2.0/users/me' },
        })
      ).status,
    ).toBe(201);
    const error = await apiError(sdkClient(emulator, { maxAttempts: 1 }).users.getUserMe());
    expect(error).toMatchObject({ status: 429, code: 'rate_limit_exceeded' });
    expect(error.headers['retry-after']).toBe('2');
  });

  it('shows that the SDK’s own retry strategy ignores retry-after (it looks for "Retry-After"; fetch lower-cases headers)', async () => {
    await control('/_emulator/requests', { method: 'DELETE' });
    await control('/_emulator/faults', {
      method: 'POST',
      body: { status: 429, count: 1, retryAfter: 3, match: 'GET /2.0/users/me' },
    });
    await sdkClient(emulator, { maxAttempts: 2, retryBaseInterval: 0.01 }).users.getUserMe();
    const log = (await (await control('/_emulator/requests', { method: 'GET' })).json()) as {
      entries: Array<{ path: string; status: number; startedAt: number }>;
    };
    const [limited, retried] = log.entries.filter((e) => e.path === '/2.0/users/me');
    expect([limited.status, retried.status]).toEqual([429, 200]);
    // A client honouring the header would have waited 3 s; the gateway must do that itself.
    expect(retried.startedAt - limited.startedAt).toBeLessThan(1000);
  });

  it('lets the SDK retry through a 500, as the request log shows', async () => {
    await control('/_emulator/requests', { method: 'DELETE' });
    await control('/_emulator/faults', { method: 'POST', body: { status: 500, count: 2, match: '/2.0/users/me' } });
    const me = await sdkClient(emulator, { maxAttempts: 3 }).users.getUserMe();
    expect(me.type).toBe('user');
    const log = (await (await control('/_emulator/requests', { method: 'GET' })).json()) as {
      entries: Array<{ path: string; status: number; fault: boolean }>;
    };
    expect(log.entries.filter((e) => e.path === '/2.0/users/me').map((e) => [e.status, e.fault])).toEqual([
      [500, true],
      [500, true],
      [200, false],
    ]);
  });

  it('delays calls by latencyMs and leaves the token route alone unless named', async () => {
    await control('/_emulator/faults', { method: 'POST', body: { latencyMs: 300, count: 1 } });
    const started = Date.now();
    await sdkClient(emulator).users.getUserMe(); // token call first (exempt), then the delayed API call
    expect(Date.now() - started).toBeGreaterThanOrEqual(300);
    const pending = (await (await control('/_emulator/faults', { method: 'GET' })).json()) as { entries: unknown[] };
    expect(pending.entries).toEqual([]);
  });

  it('refuses malformed fault rules with 400', async () => {
    expect((await control('/_emulator/faults', { method: 'POST', body: { status: 418 } })).status).toBe(400);
  });
});

describe('OpenAPI conformance', () => {
  it('recorded no request or response that the spec rejects', () => {
    expect(emulator.violations()).toEqual([]);
  });
});
