/**
 * Emulator behaviour beyond the main contract: JWT grant, expiry (collaborations and shared links)
 * against a controllable clock, public shared-link URLs, odd requests, and that spec violations
 * are in fact detected and reported.
 */
import { BoxClient, BoxJwtAuth, JwtConfig } from 'box-node-sdk';
import { dateTimeFromString } from 'box-node-sdk/internal';
import { BaseUrls, NetworkSession } from 'box-node-sdk/networking';
import { generateKeyPairSync } from 'node:crypto';
import type { BoxEmulator } from '../../src/emulator';
import { apiError, enterpriseToken, Readable, sdkClient, startTestEmulator } from './support';

async function upload(box: BoxClient, folderId: string, name: string): Promise<string> {
  return (
    await box.uploads.uploadFile({
      attributes: { name, parent: { id: folderId } },
      file: Readable.from([Buffer.from(name)]),
    })
  ).entries![0].id;
}

describe('JWT bearer grant', () => {
  const { publicKey, privateKey } = generateKeyPairSync('rsa', {
    modulusLength: 2048,
    publicKeyEncoding: { type: 'spki', format: 'pem' },
    privateKeyEncoding: { type: 'pkcs8', format: 'pem', cipher: 'aes-256-cbc', passphrase: 'test-passphrase' },
  });

  function jwtClient(emulator: BoxEmulator, key: string): BoxClient {
    const config = new JwtConfig({
      clientId: 'emulator-client',
      clientSecret: 'emulator-secret',
      jwtKeyId: 'k1',
      privateKey: key,
      privateKeyPassphrase: 'test-passphrase',
      enterpriseId: '1',
    });
    return new BoxClient({
      auth: new BoxJwtAuth({ config }),
      networkSession: new NetworkSession({ baseUrls: new BaseUrls(emulator.baseUrls) }),
    });
  }

  it('accepts an assertion signed with the app key and refuses one signed with another', async () => {
    const { emulator, stop } = await startTestEmulator({ jwtPublicKey: publicKey });
    try {
      expect((await jwtClient(emulator, privateKey).users.getUserMe()).login).toMatch(/^AutomationUser_/);
      const other = generateKeyPairSync('rsa', {
        modulusLength: 2048,
        privateKeyEncoding: { type: 'pkcs8', format: 'pem', cipher: 'aes-256-cbc', passphrase: 'test-passphrase' },
        publicKeyEncoding: { type: 'spki', format: 'pem' },
      });
      const error = await apiError(jwtClient(emulator, other.privateKey).users.getUserMe());
      expect(error.status).toBe(400);
      expect(error.body.error).toBe('invalid_grant');
    } finally {
      await stop();
    }
  });
});

describe('expiry against the clock', () => {
  let clock = Date.parse('2026-03-01T12:00:00Z');
  const now = (): number => clock;

  async function setUp(
    enforce: boolean,
  ): Promise<{ box: BoxClient; officer: string; fileId: string; stop: () => Promise<void> }> {
    const { emulator, stop } = await startTestEmulator({ now, enforceCollaborationExpiry: enforce });
    const box = sdkClient(emulator);
    const officer = (await box.users.createUser({ name: 'PC Alice Carter', login: 'alice.carter@police.example' })).id;
    const folder = (await box.folders.createFolder({ name: 'CCTV', parent: { id: '0' } })).id;
    const fileId = await upload(box, folder, 'clip.mp4');
    await box.userCollaborations.createCollaboration({
      item: { type: 'file', id: fileId },
      accessibleBy: { type: 'user', id: officer },
      role: 'viewer',
      expiresAt: dateTimeFromString(new Date(clock + 3600_000).toISOString()),
    });
    return { box, officer, fileId, stop };
  }

  it('keeps an expired collaboration working by default, as Box does without the enterprise setting', async () => {
    clock = Date.parse('2026-03-01T12:00:00Z');
    const { box, officer, fileId, stop } = await setUp(false);
    try {
      clock += 2 * 3600_000;
      expect((await box.withAsUserHeader(officer).files.getFileById(fileId)).id).toBe(fileId);
    } finally {
      await stop();
    }
  });

  it('removes access at expires_at when enforceCollaborationExpiry is on', async () => {
    clock = Date.parse('2026-03-01T12:00:00Z');
    const { box, officer, fileId, stop } = await setUp(true);
    try {
      expect((await box.withAsUserHeader(officer).files.getFileById(fileId)).id).toBe(fileId);
      clock += 2 * 3600_000;
      expect((await apiError(box.withAsUserHeader(officer).files.getFileById(fileId))).status).toBe(404);
      expect((await box.listCollaborations.getFileCollaborations(fileId)).entries).toEqual([]);
    } finally {
      await stop();
    }
  });

  it('drops a shared link once its unshared_at has passed', async () => {
    clock = Date.parse('2026-03-01T12:00:00Z');
    const { box, fileId, stop } = await setUp(false);
    try {
      const unsharedAt = dateTimeFromString(new Date(clock + 60_000).toISOString());
      await box.sharedLinksFiles.addShareLinkToFile(
        fileId,
        { sharedLink: { access: 'collaborators', unsharedAt } },
        { fields: 'shared_link' },
      );
      expect((await box.files.getFileById(fileId)).sharedLink).toBeDefined();
      clock += 120_000;
      expect((await box.files.getFileById(fileId)).sharedLink).toBeUndefined();
    } finally {
      await stop();
    }
  });
});

describe('public and odd routes', () => {
  let emulator: BoxEmulator;
  let stop: () => Promise<void>;
  let box: BoxClient;
  let folderId: string;

  beforeAll(async () => {
    ({ emulator, stop } = await startTestEmulator({ validateAgainstSpec: true }));
    box = sdkClient(emulator);
    folderId = (await box.folders.createFolder({ name: 'Public', parent: { id: '0' } })).id;
  });

  afterAll(() => stop());

  it('serves open shared links without a token, and refuses content behind a collaborators-only link', async () => {
    const open = await upload(box, folderId, 'open.mp4');
    const link = (
      await box.sharedLinksFiles.addShareLinkToFile(open, { sharedLink: { access: 'open' } }, { fields: 'shared_link' })
    ).sharedLink!;
    expect((await fetch(link.url)).status).toBe(200);
    const bytes = await fetch(link.downloadUrl!);
    expect(bytes.status).toBe(200);
    expect(Buffer.from(await bytes.arrayBuffer()).toString()).toBe('open.mp4');

    const closed = await upload(box, folderId, 'closed.mp4');
    const closedLink = (
      await box.sharedLinksFiles.addShareLinkToFile(
        closed,
        { sharedLink: { access: 'collaborators' } },
        { fields: 'shared_link' },
      )
    ).sharedLink!;
    expect((await fetch(closedLink.downloadUrl!)).status).toBe(403);
  });

  it('lists folder collaborations, global templates, and deletes metadata instances', async () => {
    const user = (await box.users.createUser({ name: 'DC Ben Okafor', login: 'ben.okafor@police.example' })).id;
    await box.userCollaborations.createCollaboration({
      item: { type: 'folder', id: folderId },
      accessibleBy: { type: 'user', id: user },
      role: 'editor',
    });
    expect(
      (await box.listCollaborations.getFolderCollaborations(folderId)).entries!.map((c) => c.accessibleBy?.id),
    ).toEqual([user]);
    expect((await box.metadataTemplates.getGlobalMetadataTemplates()).entries).toEqual([]);
    await box.metadataTemplates.createMetadataTemplate({
      scope: 'enterprise',
      displayName: 'Case File',
      fields: [{ type: 'string', key: 'ref', displayName: 'Ref' }],
    });
    const template = await box.metadataTemplates.getMetadataTemplate('enterprise', 'caseFile');
    expect(template.templateKey).toBe('caseFile');
    const fileId = await upload(box, folderId, 'case.mp4');
    await box.fileMetadata.createFileMetadataById(fileId, 'enterprise', 'caseFile', { ref: '5212345/26' });
    await box.fileMetadata.deleteFileMetadataById(fileId, 'enterprise', 'caseFile');
    expect((await apiError(box.fileMetadata.getFileMetadataById(fileId, 'enterprise', 'caseFile'))).status).toBe(404);
  });

  it('renames a file, refusing a name already taken in its folder', async () => {
    const first = await upload(box, folderId, 'first.mp4');
    await upload(box, folderId, 'second.mp4');
    expect(
      (await box.files.updateFileById(first, { requestBody: { name: 'renamed.mp4', description: 'exhibit' } })).name,
    ).toBe('renamed.mp4');
    expect((await box.files.getFileById(first, { queryParams: { fields: ['description'] } })).description).toBe(
      'exhibit',
    );
    expect(await apiError(box.files.updateFileById(first, { requestBody: { name: 'Second.mp4' } }))).toMatchObject({
      status: 409,
      code: 'item_name_in_use',
    });
  });

  it('answers an unknown path with 404 and a wrong method with 405, in Box’s error shape', async () => {
    const unknown = await fetch(`${emulator.url}/2.0/nothing-here`);
    expect(unknown.status).toBe(404);
    expect(await unknown.json()).toMatchObject({
      type: 'error',
      status: 404,
      code: 'not_found',
      request_id: expect.any(String),
      help_url: expect.any(String),
    });
    const wrong = await fetch(`${emulator.url}/2.0/users/me`, { method: 'DELETE' });
    expect(wrong.status).toBe(405);
  });

  it('records requests the spec rejects, with the operation and the ajv errors', async () => {
    const accessToken = await enterpriseToken(emulator.url);
    // So far only the deliberately unknown path above (DELETE /users/me fits the spec's DELETE /users/{user_id}).
    expect(emulator.violations().map((v) => `${v.direction} ${v.operation}`)).toEqual([
      'request GET /2.0/nothing-here',
    ]);
    const before = emulator.violations().length;
    await fetch(`${emulator.url}/2.0/folders/0/items?limit=abc&colour=red`, {
      headers: { authorization: `Bearer ${accessToken}` },
    });
    const added = emulator.violations().slice(before);
    expect(added).toEqual([
      expect.objectContaining({
        operation: 'GET /folders/{folder_id}/items',
        operationId: 'get_folders_id_items',
        direction: 'request',
        errors: expect.arrayContaining([
          expect.objectContaining({ location: 'query.colour' }),
          expect.objectContaining({ location: 'query.limit', keyword: 'type' }),
        ]),
      }),
    ]);
    const listed = (await (await fetch(`${emulator.url}/_emulator/violations`)).json()) as { entries: unknown[] };
    expect(listed.entries).toHaveLength(emulator.violations().length);
  });
});
