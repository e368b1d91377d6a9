/**
 * What sharing with people needs from the emulator, through box-node-sdk and checked against Box's
 * OpenAPI document: watermarks, collaborations with people outside the enterprise invited by email
 * (who can then be acted as, to prove what a previewer cannot do), and the events Box records for
 * previews, downloads, shares and shared-link visits, filterable in the admin log.
 */
import { BoxClient, BoxDeveloperTokenAuth } from 'box-node-sdk';
import { BaseUrls, NetworkSession } from 'box-node-sdk/networking';
import type { BoxEmulator } from '../../src/emulator';
import { apiError, enterpriseToken, Readable, readAll, sdkClient, startTestEmulator } from './support';

let emulator: BoxEmulator;
let stop: () => Promise<void>;
let box: BoxClient;
let folderId: string;
let fileId: string;

beforeAll(async () => {
  ({ emulator, stop } = await startTestEmulator({ validateAgainstSpec: true }));
  box = sdkClient(emulator);
  folderId = (await box.folders.createFolder({ name: 'Case 9', parent: { id: '0' } })).id;
  fileId = (
    await box.uploads.uploadFile({
      attributes: { name: 'cam.mp4', parent: { id: folderId } },
      file: Readable.from([Buffer.from('footage')]),
    })
  ).entries![0].id;
});

afterAll(async () => {
  await stop();
});

/** A client signed in as someone outside the enterprise, through the emulator's control route. */
async function externalClient(login: string): Promise<BoxClient> {
  const response = await fetch(`${emulator.url}/_emulator/external-users/token`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ login }),
  });
  expect(response.status).toBe(201);
  const { access_token: token } = (await response.json()) as { access_token: string };
  return new BoxClient({
    auth: new BoxDeveloperTokenAuth({ token }),
    networkSession: new NetworkSession({ baseUrls: new BaseUrls(emulator.baseUrls) }),
  });
}

type Raw = Record<string, unknown> & {
  source: Record<string, unknown>;
  created_by: Record<string, unknown>;
  additional_details?: Record<string, unknown>;
};

async function adminLog(types: string[]): Promise<Raw[]> {
  const page = await box.events.getEvents({ streamType: 'admin_logs', eventType: types as never, limit: 500 });
  return (page.rawData as { entries: Raw[] }).entries;
}

describe('watermarks', () => {
  it('is absent (404), set (201, then 200), read, shown in watermark_info, and removed (204, then 404)', async () => {
    expect((await apiError(box.fileWatermarks.getFileWatermark(fileId))).status).toBe(404);
    const created = await box.fileWatermarks.updateFileWatermark(fileId, { watermark: { imprint: 'default' } });
    expect(created.watermark?.createdAt).toBeDefined();
    await box.fileWatermarks.updateFileWatermark(fileId, { watermark: { imprint: 'default' } });
    expect((await box.fileWatermarks.getFileWatermark(fileId)).watermark?.modifiedAt).toBeDefined();
    const file = await box.files.getFileById(fileId, { queryParams: { fields: ['watermark_info'] } });
    expect(file.watermarkInfo?.isWatermarked).toBe(true);
    await box.fileWatermarks.deleteFileWatermark(fileId);
    expect((await apiError(box.fileWatermarks.deleteFileWatermark(fileId))).status).toBe(404);
    expect(
      (await box.files.getFileById(fileId, { queryParams: { fields: ['watermark_info'] } })).watermarkInfo
        ?.isWatermarked,
    ).toBe(false);
  });

  it('answers 201 the first time and 200 after, and refuses an editor (403)', async () => {
    const other = (
      await box.uploads.uploadFile({
        attributes: { name: 'wm.mp4', parent: { id: folderId } },
        file: Readable.from([Buffer.from('wm')]),
      })
    ).entries![0].id;
    const token = await enterpriseToken(emulator.url);
    const put = (): Promise<Response> =>
      fetch(`${emulator.url}/2.0/files/${other}/watermark`, {
        method: 'PUT',
        headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
        body: JSON.stringify({ watermark: { imprint: 'default' } }),
      });
    expect((await put()).status).toBe(201);
    expect((await put()).status).toBe(200);
    const editor = await box.users.createUser({ name: 'Editor', login: 'editor.wm@police.example' });
    await box.userCollaborations.createCollaboration({
      item: { type: 'folder', id: folderId },
      accessibleBy: { type: 'user', id: editor.id },
      role: 'editor',
    });
    const refused = await apiError(
      box.fileWatermarks.deleteFileWatermark(other, { headers: { extraHeaders: { 'as-user': editor.id } } }),
    );
    expect(refused.status).toBe(403);
  });
});

describe('people outside the enterprise', () => {
  const partner = 'analyst@partner-agency.example';

  it('invites an unknown email as an external previewer, kept out of the enterprise user list', async () => {
    await box.fileWatermarks.updateFileWatermark(fileId, { watermark: { imprint: 'default' } });
    const collaboration = await box.userCollaborations.createCollaboration({
      item: { type: 'file', id: fileId },
      accessibleBy: { type: 'user', login: partner },
      role: 'previewer',
    });
    expect(collaboration.role).toBe('previewer');
    expect((collaboration.accessibleBy as { login?: string }).login).toBe(partner);
    expect((await box.users.getUsers()).entries?.map((u) => u.login)).not.toContain(partner);
    expect((await box.users.getUsers({ userType: 'external' })).entries?.map((u) => u.login)).toEqual([partner]);
    const invalid = await apiError(
      box.userCollaborations.createCollaboration({
        item: { type: 'file', id: fileId },
        accessibleBy: { type: 'user', login: 'not-an-email' },
        role: 'previewer',
      }),
    );
    expect(invalid.status).toBe(400);
  });

  it('lets the external previewer see and preview the file but not download it', async () => {
    const them = await externalClient(partner);
    const file = await them.files.getFileById(fileId, {
      queryParams: { fields: ['name', 'permissions', 'expiring_embed_link'] },
    });
    expect(file.name).toBe('cam.mp4');
    expect(file.permissions).toMatchObject({ canPreview: true, canDownload: false });
    const refused = await apiError(them.downloads.downloadFile(fileId));
    expect(refused.status).toBe(403);
    const embed = file.expiringEmbedLink?.url;
    expect(embed).toMatch(/\/preview\//);
    const page = await fetch(embed!);
    expect(page.status).toBe(200);
    expect(await page.text()).toContain(partner); // the watermark names the viewer
    const previews = (await adminLog(['PREVIEW'])).filter(
      (e) => e.source.item_id === fileId && e.created_by.login === partner,
    );
    expect(previews).toHaveLength(1);
    expect((await apiError(them.folders.getFolderById(folderId))).status).toBe(404);
  });

  it('refuses a token for someone who was never invited (404)', async () => {
    const response = await fetch(`${emulator.url}/_emulator/external-users/token`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ login: 'nobody@nowhere.example' }),
    });
    expect(response.status).toBe(404);
  });
});

describe('events for sharing', () => {
  it('records downloads, shares and shared-link visits in the admin log, filterable by type', async () => {
    expect((await readAll(await box.downloads.downloadFile(fileId))).toString()).toBe('footage');
    const shared = await box.sharedLinksFiles.addShareLinkToFile(
      fileId,
      { sharedLink: { access: 'open' } },
      { fields: 'shared_link' },
    );
    const visit = await fetch(shared.sharedLink!.url);
    expect(visit.status).toBe(200);

    const downloads = (await adminLog(['DOWNLOAD'])).filter((e) => e.source.item_id === fileId);
    expect(downloads.map((e) => e.created_by.id)).toEqual([(await box.users.getUserMe()).id]);
    const shares = (await adminLog(['SHARE'])).filter((e) => e.source.item_id === fileId);
    expect(shares).toHaveLength(1);
    const linkViews = (await adminLog(['PREVIEW'])).filter(
      (e) => e.source.item_id === fileId && e.additional_details?.shared_link_id !== undefined,
    );
    expect(linkViews).toHaveLength(1);
    expect(linkViews[0].created_by.id).toBe('2');
    const both = await adminLog(['PREVIEW', 'DOWNLOAD']);
    expect(new Set(both.map((e) => e.event_type))).toEqual(new Set(['PREVIEW', 'DOWNLOAD']));
    const invites = (await adminLog(['COLLABORATION_INVITE'])).filter((e) => e.source.item_id === fileId);
    expect(invites.map((e) => e.additional_details?.invitee_login)).toContain('analyst@partner-agency.example');
  });

  it('records the owner’s own download in their user stream (ITEM_DOWNLOAD)', async () => {
    const position = (await box.events.getEvents({ streamPosition: 'now' })).nextStreamPosition;
    await readAll(await box.downloads.downloadFile(fileId));
    const page = await box.events.getEvents({ streamPosition: String(position) });
    expect(page.entries?.map((e) => e.eventType)).toEqual(['ITEM_DOWNLOAD']);
  });

  it('left no OpenAPI violations', () => {
    expect(
      emulator.violations().map((v) => ({ op: `${v.direction} ${v.operation}`, errors: v.errors.slice(0, 3) })),
    ).toEqual([]);
  });
});
