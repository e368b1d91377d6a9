/**
 * State lives on disk: closing the emulator and starting another on the same data directory keeps
 * users, folders, file contents, metadata, collaborations, shared links, issued tokens, file
 * requests, webhooks, events and the generated webhook keys, and new ids continue from where the
 * first run stopped.
 */
import { createHash } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startBoxEmulator } from '../../src/emulator';
import { enterpriseToken, Readable, readAll, sdkClient } from './support';

const dataDir = mkdtempSync(join(tmpdir(), 'box-emulator-persist-'));

afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

it('keeps everything across close() and a new start on the same data directory', async () => {
  const content = Buffer.from('recorded footage bytes');
  const first = await startBoxEmulator({ dataDir, port: 0 });
  const box1 = sdkClient(first);
  const serviceAccount = (await box1.users.getUserMe()).id;
  const officer = (await box1.users.createUser({ name: 'PC Alice Carter', login: 'alice.carter@police.example' })).id;
  await box1.metadataTemplates.createMetadataTemplate({
    scope: 'enterprise',
    templateKey: 'cctvFootage',
    displayName: 'CCTV Footage',
    fields: [{ type: 'string', key: 'cameraId', displayName: 'Camera' }],
  });
  const folder = (await box1.folders.createFolder({ name: 'CCTV', parent: { id: '0' } })).id;
  const file = (
    await box1.uploads.uploadFile({
      attributes: { name: 'clip.mp4', parent: { id: folder } },
      file: Readable.from([content]),
    })
  ).entries![0].id;
  await box1.fileMetadata.createFileMetadataById(file, 'enterprise', 'cctvFootage', { cameraId: 'LAM-0105' });
  const collab = (
    await box1.userCollaborations.createCollaboration({
      item: { type: 'file', id: file },
      accessibleBy: { type: 'user', id: officer },
      role: 'viewer',
    })
  ).id;
  const link = (
    await box1.sharedLinksFiles.addShareLinkToFile(
      file,
      { sharedLink: { access: 'collaborators' } },
      { fields: 'shared_link' },
    )
  ).sharedLink!.url;
  const token = await enterpriseToken(first.url);
  await first.close();

  const second = await startBoxEmulator({ dataDir, port: 0 });
  try {
    const box2 = sdkClient(second);
    expect((await box2.users.getUserMe()).id).toBe(serviceAccount);
    expect((await box2.users.getUsers({ filterTerm: 'alice' })).entries!.map((u) => u.id)).toEqual([officer]);
    expect((await box2.folders.getFolderItems(folder)).entries!.map((e) => e.id)).toEqual([file]);
    const download = await readAll(await box2.withAsUserHeader(officer).downloads.downloadFile(file));
    expect(createHash('sha1').update(download).digest('hex')).toBe(createHash('sha1').update(content).digest('hex'));
    expect((await box2.fileMetadata.getFileMetadataById(file, 'enterprise', 'cctvFootage')).extraData).toMatchObject({
      cameraId: 'LAM-0105',
    });
    expect((await box2.userCollaborations.getCollaborationById(collab)).role).toBe('viewer');
    expect(
      (await box2.files.getFileById(file, { queryParams: { fields: ['shared_link'] } })).sharedLink!.url.replace(
        second.url,
        '',
      ),
    ).toBe(link.replace(first.url, ''));
    // A token issued before the restart still works, as it would against Box.
    const me = await fetch(`${second.url}/2.0/users/me`, { headers: { authorization: `Bearer ${token}` } });
    expect(me.status).toBe(200);
    // New ids continue after the old ones, and the name is still taken.
    const another = (await box2.folders.createFolder({ name: 'Cases', parent: { id: '0' } })).id;
    expect(Number(another)).toBeGreaterThan(Number(file));
    await expect(box2.folders.createFolder({ name: 'CCTV', parent: { id: '0' } })).rejects.toMatchObject({
      responseInfo: { statusCode: 409 },
    });
  } finally {
    await second.close();
  }
});

it('keeps the file request template, copies, webhooks, events and the generated signature keys across a restart', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'box-emulator-persist-intake-'));
  try {
    const first = await startBoxEmulator({ dataDir: dir, port: 0 });
    const box1 = sdkClient(first);
    const folder = (await box1.folders.createFolder({ name: 'Intake', parent: { id: '0' } })).id;
    const request = await box1.fileRequests.createFileRequestCopy(first.fileRequestTemplateId, {
      folder: { id: folder, type: 'folder' },
      title: 'Kept',
    });
    const hook = await box1.webhooks.createWebhook({
      target: { id: folder, type: 'folder' },
      address: 'https://bot.example/api/box/webhooks',
      triggers: ['FILE.UPLOADED'],
    });
    await box1.uploads.uploadFile({
      attributes: { name: 'a.mp4', parent: { id: folder } },
      file: Readable.from([Buffer.from('a')]),
    });
    const keys = first.webhookSignatureKeys;
    const template = first.fileRequestTemplateId;
    await first.close();

    const second = await startBoxEmulator({ dataDir: dir, port: 0 });
    try {
      const box2 = sdkClient(second);
      expect(second.fileRequestTemplateId).toBe(template);
      expect(second.webhookSignatureKeys).toEqual(keys);
      expect((await box2.fileRequests.getFileRequestById(request.id)).title).toBe('Kept');
      expect((await box2.webhooks.getWebhookById(hook.id!)).address).toBe('https://bot.example/api/box/webhooks');
      const log = await box2.events.getEvents({ streamType: 'admin_logs', eventType: ['UPLOAD'] });
      expect(log.entries).toHaveLength(1);
      // The upload page still answers at the same path.
      expect((await fetch(`${second.appUrl}${request.url}`)).status).toBe(200);
    } finally {
      await second.close();
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
