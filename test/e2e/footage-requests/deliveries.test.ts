/**
 * POST /api/box/webhooks judged from outside, with deliveries signed as Box signs them: unsigned,
 * tampered, stale and future-dated deliveries get 401 and nothing is stored or processed; a delivery
 * signed with the secondary key only is accepted (key rotation); a replayed delivery id is
 * acknowledged and ignored, so the file is processed once; the answer comes within a second.
 */
import { createHmac, randomUUID } from 'node:crypto';
import type { Harness } from '../../support/harness';
import { alice, backends, personalConversation, postedCards, useAccessBot, waitUntil } from '../access/support';
import {
  askForFootage,
  footageRequest,
  requestIdOf,
  sendForm,
  uploadAsOwner,
  uploadUrlOf,
  videoBytes,
  waitForCatalogued,
} from './support';

interface Delivery {
  body: string;
  headers: Record<string, string>;
}

function boxTimestamp(at: Date): string {
  return at.toISOString().replace(/\.\d{3}Z$/, '+00:00');
}

function signed(
  body: string,
  keys: { primary: string; secondary: string },
  options: { at?: Date; deliveryId?: string } = {},
): Delivery {
  const timestamp = boxTimestamp(options.at ?? new Date());
  const sign = (key: string) => createHmac('sha256', key).update(body).update(timestamp).digest('base64');
  return {
    body,
    headers: {
      'content-type': 'application/json; charset=utf-8',
      'box-delivery-id': options.deliveryId ?? randomUUID(),
      'box-delivery-timestamp': timestamp,
      'box-signature-primary': sign(keys.primary),
      'box-signature-secondary': sign(keys.secondary),
      'box-signature-version': '1',
      'box-signature-algorithm': 'HmacSHA256',
    },
  };
}

async function post(
  h: Harness,
  delivery: Delivery,
): Promise<{ status: number; body: Record<string, string>; ms: number }> {
  const started = Date.now();
  const response = await fetch(`${h.bot.url}/api/box/webhooks`, {
    method: 'POST',
    headers: delivery.headers,
    body: delivery.body,
  });
  return { status: response.status, body: (await response.json()) as Record<string, string>, ms: Date.now() - started };
}

function uploadedBody(fileId: string, folderId: string): string {
  return JSON.stringify({
    type: 'webhook_event',
    id: randomUUID(),
    created_at: boxTimestamp(new Date()),
    trigger: 'FILE.UPLOADED',
    webhook: { id: '1', type: 'webhook' },
    created_by: { type: 'user', id: '2', name: 'Anonymous', login: '' },
    source: { id: fileId, type: 'file', name: 'upload.mp4', parent: { type: 'folder', id: folderId } },
  });
}

describe.each(backends())('box webhook deliveries on %s', (backend) => {
  // PUBLIC_URL: no polling; no webhook registered: only the deliveries this test sends arrive.
  const ctx = useAccessBot(backend, { install: [alice], env: { PUBLIC_URL: 'https://bot.example.org' } });

  it('refuses what is not signed with a current key and fresh, and processes a replayed delivery once', async () => {
    const { h, store } = ctx.bot;
    const keys = h.bot.emulator!.webhookSignatureKeys;
    const linkCard = await sendForm(h, alice, await askForFootage(h, alice));
    const requestId = requestIdOf(linkCard);
    expect(
      (await uploadAsOwner(uploadUrlOf(linkCard), [{ name: 'upload.mp4', bytes: videoBytes(`deliveries-${backend}`) }]))
        .status,
    ).toBe(200);
    const request = await footageRequest(store, requestId);
    const folderId = request.cameras[0].intakeFolderId!;
    const probeFiles = await h.bot.box!.listFolder(folderId);
    expect(probeFiles).toHaveLength(1);
    const fileId = probeFiles[0].id;
    const body = uploadedBody(fileId, folderId);

    const good = signed(body, keys);
    const refusedCases: Array<[string, Delivery]> = [
      [
        'unsigned',
        {
          body,
          headers: {
            'content-type': 'application/json',
            'box-delivery-id': randomUUID(),
            'box-delivery-timestamp': boxTimestamp(new Date()),
          },
        },
      ],
      [
        'tampered body',
        { body: body.replace(fileId, '999999'), headers: { ...good.headers, 'box-delivery-id': randomUUID() } },
      ],
      ['signed with other keys', signed(body, { primary: 'not-the-key', secondary: 'nor-this' })],
      ['eleven minutes old', signed(body, keys, { at: new Date(Date.now() - 11 * 60_000) })],
      ['from the future', signed(body, keys, { at: new Date(Date.now() + 5 * 60_000) })],
      ['not even JSON', { body: '{{{', headers: { ...good.headers, 'box-delivery-id': randomUUID() } }],
    ];
    for (const [what, delivery] of refusedCases) {
      const answer = await post(h, delivery);
      expect([what, answer.status, answer.body.error]).toEqual([what, 401, 'invalid_signature']);
      expect(await store.intake.webhookDeliveries.get(delivery.headers['box-delivery-id'])).toBeUndefined();
    }
    expect(await store.jobs.list({ kind: 'intake.delivery' })).toEqual([]);

    // Rotation: only the secondary key is current on Box's side.
    const secondaryOnly = signed(body, { primary: 'retired-key', secondary: keys.secondary });
    const first = await post(h, secondaryOnly);
    expect(first).toMatchObject({ status: 200, body: { status: 'accepted' } });
    expect(first.ms).toBeLessThan(1000);
    // Box retries a delivery it thinks failed: same id, fresh timestamp and signatures.
    const replay = await post(h, signed(body, keys, { deliveryId: secondaryOnly.headers['box-delivery-id'] }));
    expect(replay).toMatchObject({ status: 200, body: { status: 'replayed' } });

    await waitForCatalogued(store, requestId, 1);
    // The owner's link closes once the submission settles (15 minutes by default): that job waits.
    await waitUntil(
      async () =>
        (await store.jobs.list()).every(
          (j) => j.status === 'done' || j.kind.endsWith('expirySweep') || j.kind === 'footageRequests.closeLink',
        ) || undefined,
      'jobs to finish',
    );
    const closes = await store.jobs.list({ kind: 'footageRequests.closeLink' });
    expect(closes).toHaveLength(1);
    expect(closes[0]).toMatchObject({ status: 'queued', uniqueKey: expect.stringContaining(requestId) });
    expect(closes[0].runAt.getTime()).toBeGreaterThan(Date.now() + 10 * 60_000);
    expect(await store.jobs.list({ kind: 'intake.delivery' })).toHaveLength(1);
    expect(await store.jobs.list({ kind: 'intake.arrival' })).toHaveLength(1);
    const hashed = (await store.audit.list({ limit: 5000 })).filter(
      (e) => e.action === 'hashed' && e.target === `box-file:${fileId}`,
    );
    expect(hashed).toHaveLength(1);
    const arrivalCards = postedCards(h.connector, personalConversation(alice)).filter((p) =>
      JSON.stringify(p.card).includes('Footage arrived'),
    );
    expect(arrivalCards).toHaveLength(1);
  }, 60_000);
});
