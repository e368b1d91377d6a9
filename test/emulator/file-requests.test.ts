/**
 * File requests and the item changes the intake flow needs, through box-node-sdk with every
 * request and response checked against Box's OpenAPI document: moving and deleting items, copying
 * the template file request onto a folder, changing and deleting it, and its public upload page
 * driven as a browser drives it (a GET for the form, a multipart POST).
 */
import type { BoxClient } from 'box-node-sdk';
import { dateTimeFromString } from 'box-node-sdk/internal';
import { createHash } from 'node:crypto';
import type { BoxEmulator } from '../../src/emulator';
import { apiError, enterpriseToken, Readable, sdkClient, startTestEmulator } from './support';

let emulator: BoxEmulator;
let stop: () => Promise<void>;
let box: BoxClient;

beforeAll(async () => {
  ({ emulator, stop } = await startTestEmulator({ validateAgainstSpec: true }));
  box = sdkClient(emulator);
});

afterAll(async () => {
  await stop();
});

async function upload(folderId: string, name: string, content: Buffer): Promise<string> {
  const files = await box.uploads.uploadFile({
    attributes: { name, parent: { id: folderId } },
    file: Readable.from([content]),
  });
  return files.entries![0].id;
}

async function folder(name: string, parent = '0'): Promise<string> {
  return (await box.folders.createFolder({ name, parent: { id: parent } })).id;
}

/** Posts the upload form as a browser would: multipart with an email field and file parts. */
async function postForm(
  url: string,
  fields: Record<string, string>,
  files: Array<{ name: string; content: Buffer }>,
): Promise<Response> {
  const form = new FormData();
  for (const [key, value] of Object.entries(fields)) form.append(key, value);
  for (const file of files) form.append('file', new Blob([file.content]), file.name);
  return fetch(url, { method: 'POST', body: form });
}

describe('moving, reading and deleting items', () => {
  it('moves a file with parent.id, and refuses a move onto a taken name with 409 item_name_in_use', async () => {
    const intake = await folder('Intake');
    const archive = await folder('Archive');
    const fileId = await upload(intake, 'clip.mp4', Buffer.from('clip'));
    const moved = await box.files.updateFileById(fileId, { requestBody: { parent: { id: archive } } });
    expect(moved.parent?.id).toBe(archive);
    expect((await box.folders.getFolderItems(intake)).totalCount).toBe(0);
    const again = await upload(intake, 'CLIP.mp4', Buffer.from('other'));
    const clash = await apiError(box.files.updateFileById(again, { requestBody: { parent: { id: archive } } }));
    expect(clash.status).toBe(409);
    expect(clash.code).toBe('item_name_in_use');
    expect((await box.files.getFileById(again)).parent?.id).toBe(intake);
  });

  it('answers fields=sha1,size,path_collection with the path from All Files', async () => {
    const top = await folder('Paths');
    const sub = await folder('Sub', top);
    const content = Buffer.from('path test');
    const fileId = await upload(sub, 'p.mp4', content);
    const file = await box.files.getFileById(fileId, { queryParams: { fields: ['sha1', 'size', 'path_collection'] } });
    expect(file.sha1).toBe(createHash('sha1').update(content).digest('hex'));
    expect(file.size).toBe(content.length);
    expect(file.pathCollection?.entries.map((e) => e.name)).toEqual(['All Files', 'Paths', 'Sub']);
  });

  it('deletes a file (then 404) and a folder only with recursive=true when it is not empty', async () => {
    const top = await folder('Doomed');
    const fileId = await upload(top, 'd.mp4', Buffer.from('d'));
    const keep = await upload(top, 'e.mp4', Buffer.from('e'));
    await box.files.deleteFileById(fileId);
    expect((await apiError(box.files.getFileById(fileId))).status).toBe(404);
    expect((await apiError(box.folders.deleteFolderById(top))).status).toBe(400);
    const notEmpty = await fetch(`${emulator.url}/2.0/folders/${top}`, {
      method: 'DELETE',
      headers: { authorization: `Bearer ${await enterpriseToken(emulator.url)}` },
    });
    expect(await notEmpty.json()).toMatchObject({ type: 'error', status: 400, code: 'folder_not_empty' });
    await box.folders.deleteFolderById(top, { queryParams: { recursive: true } });
    expect((await apiError(box.folders.getFolderById(top))).status).toBe(404);
    expect((await apiError(box.files.getFileById(keep))).status).toBe(404);
  });

  it('refuses a delete by a previewer with 403 and a stale if-match with 412', async () => {
    const top = await folder('Guarded');
    const fileId = await upload(top, 'g.mp4', Buffer.from('g'));
    const viewer = await box.users.createUser({ name: 'Previewer', login: 'previewer.delete@police.example' });
    await box.userCollaborations.createCollaboration({
      item: { type: 'folder', id: top },
      accessibleBy: { type: 'user', id: viewer.id },
      role: 'previewer',
    });
    const asViewer = await apiError(
      box.files.deleteFileById(fileId, { headers: { extraHeaders: { 'as-user': viewer.id } } }),
    );
    expect(asViewer.status).toBe(403);
    const stale = await apiError(box.files.deleteFileById(fileId, { headers: { ifMatch: '999' } }));
    expect(stale.status).toBe(412);
    expect((await box.files.getFileById(fileId)).id).toBe(fileId);
  });
});

describe('file requests', () => {
  it('has a template from the start, copied onto a folder with the settings asked for', async () => {
    const template = await box.fileRequests.getFileRequestById(emulator.fileRequestTemplateId);
    expect(template.type).toBe('file_request');
    const target = await folder('Request 1');
    const expires = '2099-01-01T00:00:00+00:00';
    const copy = await box.fileRequests.createFileRequestCopy(emulator.fileRequestTemplateId, {
      folder: { id: target, type: 'folder' },
      title: 'CCTV footage for case 42',
      description: 'Please upload the recordings',
      status: 'active',
      isEmailRequired: true,
      isDescriptionRequired: false,
      expiresAt: dateTimeFromString(expires),
    });
    expect(copy).toMatchObject({
      type: 'file_request',
      title: 'CCTV footage for case 42',
      description: 'Please upload the recordings',
      status: 'active',
      isEmailRequired: true,
      isDescriptionRequired: false,
    });
    expect(copy.id).not.toBe(emulator.fileRequestTemplateId);
    expect(copy.folder.id).toBe(target);
    expect(copy.url).toMatch(/^\/f\/[0-9a-f]{32}$/);
    expect((copy.rawData as { expires_at: string }).expires_at).toBe(expires);
    expect((await box.fileRequests.getFileRequestById(copy.id)).title).toBe('CCTV footage for case 42');
  });

  it('changes a request (etag checked with if-match), and deletes it', async () => {
    const target = await folder('Request 2');
    const copy = await box.fileRequests.createFileRequestCopy(emulator.fileRequestTemplateId, {
      folder: { id: target, type: 'folder' },
    });
    const updated = await box.fileRequests.updateFileRequestById(
      copy.id,
      { status: 'inactive', title: 'Closed' },
      { headers: { ifMatch: copy.etag! } },
    );
    expect(updated).toMatchObject({ status: 'inactive', title: 'Closed' });
    const stale = await apiError(
      box.fileRequests.updateFileRequestById(copy.id, { status: 'active' }, { headers: { ifMatch: copy.etag! } }),
    );
    expect(stale.status).toBe(412);
    await box.fileRequests.deleteFileRequestById(copy.id);
    const gone = await apiError(box.fileRequests.getFileRequestById(copy.id));
    expect(gone).toMatchObject({ status: 404, code: 'not_found' });
  });

  it('refuses a copy onto a folder that does not exist, and a bad status, with Box errors', async () => {
    const missing = await apiError(
      box.fileRequests.createFileRequestCopy(emulator.fileRequestTemplateId, {
        folder: { id: '999999', type: 'folder' },
      }),
    );
    expect(missing.status).toBe(404);
    const target = await folder('Request 3');
    const response = await fetch(`${emulator.url}/2.0/file_requests/${emulator.fileRequestTemplateId}/copy`, {
      method: 'POST',
      headers: { authorization: `Bearer ${await enterpriseToken(emulator.url)}`, 'content-type': 'application/json' },
      body: JSON.stringify({ folder: { id: target, type: 'folder' }, status: 'paused' }),
    });
    expect(response.status).toBe(400);
    expect(await response.json()).toMatchObject({ type: 'error', code: 'bad_request' });
  });

  it('is hidden (404) from a user who cannot see its folder', async () => {
    const target = await folder('Private request');
    const copy = await box.fileRequests.createFileRequestCopy(emulator.fileRequestTemplateId, {
      folder: { id: target, type: 'folder' },
    });
    const stranger = await box.users.createUser({ name: 'Stranger', login: 'stranger.fr@police.example' });
    const error = await apiError(
      box.fileRequests.getFileRequestById(copy.id, { headers: { extraHeaders: { 'as-user': stranger.id } } }),
    );
    expect(error.status).toBe(404);
  });
});

describe('the public upload page', () => {
  async function openRequest(
    name: string,
    settings: { isEmailRequired?: boolean; isDescriptionRequired?: boolean } = {},
  ): Promise<{ folderId: string; id: string; url: string }> {
    const folderId = await folder(name);
    const copy = await box.fileRequests.createFileRequestCopy(emulator.fileRequestTemplateId, {
      folder: { id: folderId, type: 'folder' },
      isEmailRequired: true,
      ...settings,
    });
    return { folderId, id: copy.id, url: `${emulator.appUrl}${copy.url}` };
  }

  it('serves a plain HTML form with an email field and a file input', async () => {
    const { url } = await openRequest('Page form');
    const response = await fetch(url);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toContain('text/html');
    const page = await response.text();
    expect(page).toContain('<form method="post" enctype="multipart/form-data">');
    expect(page).toMatch(/<input id="email" name="email" type="email" required>/);
    expect(page).toMatch(/<input id="file" name="file" type="file" multiple required>/);
  });

  it('stores posted files in the folder, uploaded by the anonymous user with the email given', async () => {
    const { folderId, url } = await openRequest('Page upload');
    const first = Buffer.from('first recording');
    const second = Buffer.from('second recording');
    const response = await postForm(url, { email: 'owner@shop.example' }, [
      { name: 'cam1.mp4', content: first },
      { name: 'cam2.mp4', content: second },
    ]);
    expect(response.status).toBe(200);
    expect(await response.text()).toContain('Upload complete');
    const items = await box.folders.getFolderItems(folderId);
    expect(items.entries?.map((e) => (e as { name?: string }).name).sort()).toEqual(['cam1.mp4', 'cam2.mp4']);
    const cam1 = items.entries!.find((e) => (e as { name?: string }).name === 'cam1.mp4')!;
    const file = await box.files.getFileById(cam1.id, {
      queryParams: { fields: ['sha1', 'size', 'created_by', 'uploader_display_name', 'owned_by'] },
    });
    expect(file.sha1).toBe(createHash('sha1').update(first).digest('hex'));
    expect(file.size).toBe(first.length);
    expect(file.uploaderDisplayName).toBe('owner@shop.example');
    expect(file.createdBy).toMatchObject({ id: '2', login: 'owner@shop.example' });
    expect(file.ownedBy?.id).toBe((await box.users.getUserMe()).id);
  });

  it('keeps both files when a name is taken, as Box does', async () => {
    const { folderId, url } = await openRequest('Page clash');
    await postForm(url, { email: 'a@shop.example' }, [{ name: 'same.mp4', content: Buffer.from('1') }]);
    const response = await postForm(url, { email: 'a@shop.example' }, [
      { name: 'same.mp4', content: Buffer.from('2') },
    ]);
    expect(response.status).toBe(200);
    const names = (await box.folders.getFolderItems(folderId))
      .entries!.map((e) => (e as { name?: string }).name)
      .sort();
    expect(names).toEqual(['same (1).mp4', 'same.mp4']);
  });

  it('requires the email when the request says so, and a valid one always', async () => {
    const { folderId, url } = await openRequest('Page email');
    const without = await postForm(url, {}, [{ name: 'x.mp4', content: Buffer.from('x') }]);
    expect(without.status).toBe(400);
    expect(await without.text()).toContain('Please give your email address.');
    const invalid = await postForm(url, { email: 'not an email' }, [{ name: 'x.mp4', content: Buffer.from('x') }]);
    expect(invalid.status).toBe(400);
    expect((await box.folders.getFolderItems(folderId)).totalCount).toBe(0);
    const optional = await openRequest('Page no email', { isEmailRequired: false });
    const anonymous = await postForm(optional.url, {}, [{ name: 'y.mp4', content: Buffer.from('y') }]);
    expect(anonymous.status).toBe(200);
    const entry = (await box.folders.getFolderItems(optional.folderId)).entries![0];
    expect(
      (await box.files.getFileById(entry.id, { queryParams: { fields: ['uploader_display_name'] } }))
        .uploaderDisplayName,
    ).toBe('File Request');
  });

  it('refuses uploads with a page that says why once the request is inactive, expired or deleted', async () => {
    const inactive = await openRequest('Page inactive');
    await box.fileRequests.updateFileRequestById(inactive.id, { status: 'inactive' });
    const closed = await postForm(inactive.url, { email: 'a@shop.example' }, [
      { name: 'x.mp4', content: Buffer.from('x') },
    ]);
    expect(closed.status).toBe(410);
    expect(await closed.text()).toContain('no longer accepting files');
    expect((await fetch(inactive.url)).status).toBe(410);
    expect((await box.folders.getFolderItems(inactive.folderId)).totalCount).toBe(0);

    const expired = await openRequest('Page expired');
    await box.fileRequests.updateFileRequestById(expired.id, {
      expiresAt: dateTimeFromString('2020-01-01T00:00:00+00:00'),
    });
    expect((await box.fileRequests.getFileRequestById(expired.id)).status).toBe('inactive');
    const late = await postForm(expired.url, { email: 'a@shop.example' }, [
      { name: 'x.mp4', content: Buffer.from('x') },
    ]);
    expect(late.status).toBe(410);
    expect(await late.text()).toContain('expired');

    const deleted = await openRequest('Page deleted');
    await box.fileRequests.deleteFileRequestById(deleted.id);
    const none = await postForm(deleted.url, { email: 'a@shop.example' }, [
      { name: 'x.mp4', content: Buffer.from('x') },
    ]);
    expect(none.status).toBe(404);
    expect(await none.text()).toContain('does not exist');
  });

  it('streams a large upload to disk instead of holding it in memory', async () => {
    const { folderId, url } = await openRequest('Page large');
    const size = 96 * 1024 * 1024;
    const chunk = Buffer.alloc(1024 * 1024, 7);
    const boundary = 'emulatorboundary';
    const head = Buffer.from(
      `--${boundary}\r\ncontent-disposition: form-data; name="email"\r\n\r\nbig@shop.example\r\n--${boundary}\r\ncontent-disposition: form-data; name="file"; filename="big.bin"\r\ncontent-type: application/octet-stream\r\n\r\n`,
    );
    const tail = Buffer.from(`\r\n--${boundary}--\r\n`);
    async function* body(): AsyncGenerator<Buffer> {
      yield head;
      for (let sent = 0; sent < size; sent += chunk.length) yield chunk;
      yield tail;
    }
    global.gc?.();
    const before = process.memoryUsage();
    let peak = 0;
    const sampler = setInterval(() => {
      const now = process.memoryUsage();
      peak = Math.max(peak, now.arrayBuffers - before.arrayBuffers + (now.heapUsed - before.heapUsed));
    }, 20);
    const response = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': `multipart/form-data; boundary=${boundary}` },
      body: Readable.toWeb(Readable.from(body())) as ReadableStream,
      duplex: 'half',
    } as RequestInit);
    clearInterval(sampler);
    expect(response.status).toBe(200);
    const entry = (await box.folders.getFolderItems(folderId)).entries![0];
    expect((await box.files.getFileById(entry.id)).size).toBe(size);
    // Buffering the body would cost at least its 96 MiB; streaming stays within a few buffers.
    expect(peak).toBeLessThan(48 * 1024 * 1024);
  }, 60_000);

  it('left no OpenAPI violations but the bad status sent on purpose', () => {
    expect(
      emulator.violations().map((v) => `${v.direction} ${v.operation} ${v.errors.map((e) => e.instancePath).join()}`),
    ).toEqual(['request POST /file_requests/{file_request_id}/copy /status']);
  });
});
