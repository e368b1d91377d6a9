/**
 * End to end through the Teams protocol and the emulator's HTTP API: an officer asks a camera owner
 * for footage, gets the link card, the owner uploads on the public page as a browser posts it, Box
 * sends a signed webhook, and the officer gets the arrival card whose SHA-256 is the uploaded bytes';
 * the file is in the camera's folder with its metadata, found by search, and shared with the officer.
 */
import { BoxProbe } from '../access/box-probe';
import { alice, backends, cardText, dana, personalConversation, useAccessBot, waitForPosted } from '../access/support';
import {
  askForFootage,
  footageRequest,
  inputValues,
  registerWebhook,
  requestIdOf,
  sendForm,
  sha256,
  uploadAsOwner,
  uploadUrlOf,
  videoBytes,
  waitForCatalogued,
} from './support';

describe.each(backends())('footage request by webhook on %s', (backend) => {
  // A PUBLIC_URL means Box can reach the bot: no polling, so only the webhook can bring the file in.
  const ctx = useAccessBot(backend, { install: [alice, dana], env: { PUBLIC_URL: 'https://bot.example.org' } });

  it('asks the owner, receives the upload by webhook, catalogues it and tells the officer', async () => {
    const { h, store } = ctx.bot;
    await registerWebhook(h);
    const form = await askForFootage(h, alice);
    expect(inputValues(form.card)).toMatchObject({
      footageCameraIds: 'LAM-0105',
      footageDate: '2026-03-03',
      footageFrom: '14:00',
      footageTo: '16:00',
      caseReference: '5274265/26',
      ownerEmail: 'manager.supermarket.brixton-station@example.com',
      linkDays: '7',
    });

    const linkCard = await sendForm(h, alice, form);
    const requestId = requestIdOf(linkCard);
    const url = uploadUrlOf(linkCard);
    expect(url.startsWith(`${h.bot.emulator!.url}/f/`)).toBe(true);
    expect(cardText(linkCard)).toMatch(/Message for the owner/);
    expect(cardText(linkCard)).toMatch(/Extend by 7 days/);
    const request = await footageRequest(store, requestId);
    expect(request).toMatchObject({
      status: 'waiting',
      caseReference: '5274265/26',
      windowStart: new Date('2026-03-03T14:00:00Z'),
      windowEnd: new Date('2026-03-03T16:00:00Z'),
    });

    // Box: the intake folder under CCTV/_incoming and an active file request copied from the template.
    const probe = new BoxProbe(h.bot.emulator!.url);
    const fileRequest = (await probe.json(`/2.0/file_requests/${request.cameras[0].fileRequestId}`)) as Record<
      string,
      unknown
    >;
    expect(fileRequest).toMatchObject({
      status: 'active',
      is_email_required: true,
      folder: { id: request.cameras[0].intakeFolderId },
    });
    expect(String(fileRequest.title)).toContain('5274265/26');
    expect(String(fileRequest.description)).toContain('LAM-0105');

    const bytes = videoBytes(`webhook-${backend}`);
    const upload = await uploadAsOwner(url, [{ name: 'LAM-0105 export 03-03-2026.mp4', bytes }]);
    expect(upload.status).toBe(200);

    const [file] = await waitForCatalogued(store, requestId, 1);
    expect(file).toMatchObject({
      sha256: sha256(bytes),
      sizeBytes: bytes.length,
      contentType: 'video/mp4',
      isVideo: true,
      uploadedBy: 'manager.supermarket.brixton-station@example.com',
      source: 'file_request',
    });

    // The arrival card: full hash of the uploaded bytes, the short form, size, from whom, which request.
    const arrival = await waitForPosted(h.connector, personalConversation(alice), /Footage arrived/);
    const text = cardText(arrival.card);
    expect(text).toContain(sha256(bytes));
    expect(text).toContain(`SHA-256 ${sha256(bytes).slice(0, 12)}`);
    expect(text).toContain('LAM-0105 export 03-03-2026.mp4');
    expect(text).toContain('manager.supermarket.brixton-station@example.com');
    expect(text).toContain(requestId);
    // The borough's supervisor is told in short.
    await waitForPosted(h.connector, personalConversation(dana), /Footage arrived\*\* for PC Alice Carter/);

    // Box: moved into CCTV/Lambeth/LAM-0105 with the cctvFootage metadata.
    const boxFile = (await probe.json(`/2.0/files/${file.boxFileId}?fields=name,path_collection,parent`)) as {
      path_collection: { entries: Array<{ name: string }> };
      parent: { name: string };
    };
    expect(boxFile.path_collection.entries.map((e) => e.name).slice(-3)).toEqual(['CCTV', 'Lambeth', 'LAM-0105']);
    const metadata = (await probe.json(`/2.0/files/${file.boxFileId}/metadata/enterprise/cctvFootage`)) as Record<
      string,
      unknown
    >;
    expect(metadata).toMatchObject({
      cameraId: 'LAM-0105',
      borough: 'Lambeth',
      caseReference: '5274265/26',
      status: 'received',
      requestId,
      sha256: sha256(bytes),
      uploadedBy: 'manager.supermarket.brixton-station@example.com',
      source: 'owner upload',
      contentType: 'video/mp4',
      sizeBytes: bytes.length,
    });
    expect(Date.parse(String(metadata.recordedFrom))).toBe(Date.parse('2026-03-03T14:00:00Z'));

    // Access as for an approved request: a share-link card for the officer, audited as granted on arrival.
    await waitForPosted(h.connector, personalConversation(alice), /Access granted/);
    const aliceBoxId = await probe.userId(alice.email);
    expect(await probe.fileStatusAs(file.boxFileId, aliceBoxId)).toBe(200);

    // Found by the find command straight away.
    await h.teams.say(alice, 'find footage for case 5274265/26');
    await waitForPosted(h.connector, personalConversation(alice), /LAM-0105 export 03-03-2026\.mp4/);

    // Every step in the hash-chained audit log.
    const actions = (await store.audit.list({ limit: 5000 })).map((e) => e.action);
    for (const action of [
      'footage_requested',
      'link_created',
      'delivery_received',
      'file_arrived',
      'hashed',
      'catalogued',
      'approved',
      'granted',
      'arrival_announced',
    ]) {
      expect(actions).toContain(action);
    }
    const approvals = (await store.audit.list({ limit: 5000 })).filter(
      (e) => e.action === 'approved' && (e.details as Record<string, unknown>).onArrival === true,
    );
    expect(approvals).toHaveLength(1);
    expect(approvals[0].details).toMatchObject({ footageRequestId: requestId, boxFileId: file.boxFileId });
    expect(await footageRequest(store, requestId)).toMatchObject({ status: 'receiving', filesReceived: 1 });
  }, 90_000);
});
