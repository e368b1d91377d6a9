/**
 * Webhooks and events through box-node-sdk, checked against Box's OpenAPI document: webhook
 * management, signed v2 deliveries on uploads (through the API, an upload session and the public
 * file request page) that box-node-sdk's own validator accepts, retries on failure without
 * holding up the upload, and the user and enterprise event streams recording the uploads.
 */
import type { BoxClient } from 'box-node-sdk';
import { dateTimeFromString } from 'box-node-sdk/internal';
import { WebhooksManager } from 'box-node-sdk/managers';
import { createHash } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { BoxEmulator } from '../../src/emulator';
import { apiError, Readable, sdkClient, startTestEmulator } from './support';

/** A parsed JSON document, read loosely: tests assert on its shape with toMatchObject. */
type Loose = Record<string, unknown> & { source: Record<string, unknown>; created_by: Record<string, unknown> };

interface Delivery {
  headers: IncomingHttpHeaders;
  body: string;
  at: number;
}

/** A webhook receiver on a free port that answers each delivery with the next planned status (then 200). */
class Receiver {
  readonly deliveries: Delivery[] = [];
  plan: number[] = [];
  delayMs = 0;
  private server!: Server;
  url = '';

  async start(): Promise<void> {
    this.server = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => {
        this.deliveries.push({ headers: req.headers, body: Buffer.concat(chunks).toString('utf8'), at: Date.now() });
        const status = this.plan.shift() ?? 200;
        setTimeout(() => {
          res.statusCode = status;
          res.end();
        }, this.delayMs);
      });
    });
    await new Promise<void>((resolve) => this.server.listen(0, '127.0.0.1', resolve));
    this.url = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}/hooks`;
  }

  stop(): Promise<void> {
    this.server.closeAllConnections();
    return new Promise((resolve) => this.server.close(() => resolve()));
  }
}

const KEYS = { primary: 'primary-key-for-tests', secondary: 'secondary-key-for-tests' };
const PART = 64 * 1024;

let emulator: BoxEmulator;
let stop: () => Promise<void>;
let box: BoxClient;
const receiver = new Receiver();

beforeAll(async () => {
  await receiver.start();
  ({ emulator, stop } = await startTestEmulator({
    validateAgainstSpec: true,
    webhookPrimaryKey: KEYS.primary,
    webhookSecondaryKey: KEYS.secondary,
    webhookRetry: { maxAttempts: 3, baseDelayMs: 50, timeoutMs: 2000 },
    uploadPartSize: PART,
    minChunkedUploadSize: 2 * PART,
  }));
  box = sdkClient(emulator);
});

afterAll(async () => {
  await stop();
  await receiver.stop();
});

beforeEach(() => {
  receiver.deliveries.length = 0;
  receiver.plan = [];
  receiver.delayMs = 0;
});

async function folder(name: string, parent = '0'): Promise<string> {
  return (await box.folders.createFolder({ name, parent: { id: parent } })).id;
}

async function upload(folderId: string, name: string, content: Buffer): Promise<string> {
  return (
    await box.uploads.uploadFile({ attributes: { name, parent: { id: folderId } }, file: Readable.from([content]) })
  ).entries![0].id;
}

describe('webhook management', () => {
  it('creates, reads, lists, changes and deletes a webhook as its creator only', async () => {
    const target = await folder('Hooked');
    const hook = await box.webhooks.createWebhook({
      target: { id: target, type: 'folder' },
      address: receiver.url,
      triggers: ['FILE.UPLOADED'],
    });
    expect(hook).toMatchObject({
      type: 'webhook',
      address: receiver.url,
      triggers: ['FILE.UPLOADED'],
      target: { id: target, type: 'folder' },
    });
    expect((await box.webhooks.getWebhookById(hook.id!)).address).toBe(receiver.url);
    expect((await box.webhooks.getWebhooks()).entries?.map((e) => e.id)).toContain(hook.id);
    const changed = await box.webhooks.updateWebhookById(hook.id!, {
      requestBody: { triggers: ['FILE.UPLOADED', 'FILE.DELETED'] },
    });
    expect(changed.triggers).toEqual(['FILE.UPLOADED', 'FILE.DELETED']);
    const someone = await box.users.createUser({ name: 'Other', login: 'other.hooks@police.example' });
    expect(
      (await apiError(box.webhooks.getWebhookById(hook.id!, { headers: { extraHeaders: { 'as-user': someone.id } } })))
        .status,
    ).toBe(404);
    await box.webhooks.deleteWebhookById(hook.id!);
    expect((await apiError(box.webhooks.getWebhookById(hook.id!))).status).toBe(404);
  });

  it('refuses a duplicate (409), an unknown trigger, a non-https remote address (400) and a missing target (404)', async () => {
    const target = await folder('Hooked twice');
    await box.webhooks.createWebhook({
      target: { id: target, type: 'folder' },
      address: receiver.url,
      triggers: ['FILE.UPLOADED'],
    });
    const duplicate = await apiError(
      box.webhooks.createWebhook({
        target: { id: target, type: 'folder' },
        address: receiver.url,
        triggers: ['FILE.UPLOADED'],
      }),
    );
    expect(duplicate.status).toBe(409);
    const plain = await apiError(
      box.webhooks.createWebhook({
        target: { id: target, type: 'folder' },
        address: 'http://example.com/hook',
        triggers: ['FILE.UPLOADED'],
      }),
    );
    expect(plain).toMatchObject({ status: 400, code: 'bad_request' });
    const missing = await apiError(
      box.webhooks.createWebhook({
        target: { id: '987654', type: 'folder' },
        address: receiver.url,
        triggers: ['FILE.UPLOADED'],
      }),
    );
    expect(missing.status).toBe(404);
  });
});

describe('deliveries', () => {
  let intake: string;

  beforeAll(async () => {
    intake = await folder('Intake root');
    await box.webhooks.createWebhook({
      target: { id: intake, type: 'folder' },
      address: receiver.url,
      triggers: ['FILE.UPLOADED'],
    });
  });

  async function delivered(count: number): Promise<Delivery[]> {
    await emulator.webhooksIdle();
    expect(receiver.deliveries).toHaveLength(count);
    return receiver.deliveries;
  }

  it('POSTs a signed FILE.UPLOADED event for an upload into a folder beneath the target, which box-node-sdk validates', async () => {
    const sub = await folder('Request 7', intake);
    const fileId = await upload(sub, 'cam.mp4', Buffer.from('footage'));
    const [delivery] = await delivered(1);
    expect(delivery.headers).toMatchObject({
      'box-signature-version': '1',
      'box-signature-algorithm': 'HmacSHA256',
      'content-type': expect.stringContaining('application/json'),
    });
    expect(delivery.headers['box-delivery-id']).toEqual(expect.any(String));
    const body = JSON.parse(delivery.body) as Loose;
    expect(body).toMatchObject({
      type: 'webhook_event',
      trigger: 'FILE.UPLOADED',
      webhook: { type: 'webhook' },
      source: { type: 'file', id: fileId, name: 'cam.mp4', parent: { id: sub } },
      additional_info: [],
    });
    expect(body.created_by).toMatchObject({ type: 'user', id: (await box.users.getUserMe()).id });
    const headers = delivery.headers as Record<string, string>;
    expect(await WebhooksManager.validateMessage(delivery.body, headers, KEYS.primary)).toBe(true);
    expect(
      await WebhooksManager.validateMessage(delivery.body, headers, 'wrong', { secondaryKey: KEYS.secondary }),
    ).toBe(true);
    expect(await WebhooksManager.validateMessage(delivery.body, headers, 'wrong', { secondaryKey: 'also wrong' })).toBe(
      false,
    );
    expect(
      await WebhooksManager.validateMessage(delivery.body.replace('cam.mp4', 'cam.mov'), headers, KEYS.primary),
    ).toBe(false);
    expect(emulator.webhookSignatureKeys).toEqual(KEYS);
  });

  it('does not deliver for uploads outside the target', async () => {
    await upload(await folder('Elsewhere'), 'x.mp4', Buffer.from('x'));
    await delivered(0);
  });

  it('retries with backoff while the receiver fails, keeping the delivery id, then stops', async () => {
    receiver.plan = [500, 503];
    await upload(intake, 'retry.mp4', Buffer.from('retry'));
    const deliveries = await delivered(3);
    expect(new Set(deliveries.map((d) => d.headers['box-delivery-id'])).size).toBe(1);
    // Backoff of 50 ms then 100 ms: lower bounds only, since a loaded machine adds to each gap.
    expect(deliveries[1].at - deliveries[0].at).toBeGreaterThanOrEqual(45);
    expect(deliveries[2].at - deliveries[1].at).toBeGreaterThanOrEqual(95);
    for (const d of deliveries)
      expect(await WebhooksManager.validateMessage(d.body, d.headers as Record<string, string>, KEYS.primary)).toBe(
        true,
      );
    receiver.deliveries.length = 0;
    receiver.plan = [500, 500, 500, 500];
    await upload(intake, 'gives-up.mp4', Buffer.from('gives up'));
    await delivered(3);
    const attempts = emulator
      .webhookDeliveries()
      .filter((a) => a.deliveryId === receiver.deliveries[0].headers['box-delivery-id']);
    expect(attempts.map((a) => a.status)).toEqual([500, 500, 500]);
  });

  it('answers the upload before the receiver has answered', async () => {
    receiver.delayMs = 1000;
    const started = Date.now();
    await upload(intake, 'slow.mp4', Buffer.from('slow receiver'));
    // The receiver answers only after 1,000 ms.
    expect(Date.now() - started).toBeLessThan(950);
    await delivered(1);
  });

  it('delivers for a file sent through the public file request page, by the anonymous uploader', async () => {
    const sub = await folder('Request 8', intake);
    const copy = await box.fileRequests.createFileRequestCopy(emulator.fileRequestTemplateId, {
      folder: { id: sub, type: 'folder' },
    });
    const form = new FormData();
    form.append('email', 'owner@shop.example');
    form.append('file', new Blob([Buffer.from('from the owner')]), 'owner.mp4');
    expect((await fetch(`${emulator.appUrl}${copy.url}`, { method: 'POST', body: form })).status).toBe(200);
    const [delivery] = await delivered(1);
    const body = JSON.parse(delivery.body) as Loose;
    expect(body.source).toMatchObject({ type: 'file', name: 'owner.mp4', parent: { id: sub } });
    expect(body.created_by).toMatchObject({ id: '2', login: 'owner@shop.example' });
  });

  it('delivers for a file committed through an upload session', async () => {
    const content = Buffer.alloc(3 * PART + 10, 3);
    const file = await box.chunkedUploads.uploadBigFile(Readable.from([content]), 'big.mp4', content.length, intake);
    const [delivery] = await delivered(1);
    expect(JSON.parse(delivery.body)).toMatchObject({
      source: { id: file.id, sha1: createHash('sha1').update(content).digest('hex') },
    });
  });
});

describe('events', () => {
  it('records uploads in the user stream (ITEM_UPLOAD) from a stream position', async () => {
    const now = await box.events.getEvents({ streamPosition: 'now' });
    expect(now.entries).toEqual([]);
    const target = await folder('Evented');
    const fileId = await upload(target, 'ev.mp4', Buffer.from('event'));
    const page = await box.events.getEvents({ streamPosition: String(now.nextStreamPosition) });
    expect(page.entries?.map((e) => e.eventType)).toEqual(['ITEM_UPLOAD']);
    expect((page.entries![0].source as { id?: string }).id).toBe(fileId);
    const after = await box.events.getEvents({ streamPosition: String(page.nextStreamPosition) });
    expect(after.entries).toEqual([]);
  });

  it('records uploads in the enterprise admin log (UPLOAD), filterable by type and time, for administrators only', async () => {
    const start = new Date(Date.now() - 1000).toISOString().slice(0, 19) + '+00:00';
    const target = await folder('Audited');
    const fileId = await upload(target, 'audit.mp4', Buffer.from('audit'));
    const log = await box.events.getEvents({
      streamType: 'admin_logs',
      eventType: ['UPLOAD'],
      createdAfter: dateTimeFromString(start),
      limit: 500,
    });
    // The SDK reshapes `source` by guessing among the schema's oneOf members; the wire form is Box's EventSource.
    const raw = (page: { rawData?: unknown }): Loose[] => (page.rawData as { entries: Loose[] }).entries;
    const mine = raw(log).filter((e) => e.source.item_id === fileId);
    expect(mine).toHaveLength(1);
    expect(mine[0]).toMatchObject({
      event_type: 'UPLOAD',
      source: { item_type: 'file', item_name: 'audit.mp4', parent: { id: target } },
    });
    const other = await box.events.getEvents({ streamType: 'admin_logs', eventType: ['DOWNLOAD'] });
    expect(raw(other).some((e) => e.source.item_id === fileId)).toBe(false);
    const future = await box.events.getEvents({
      streamType: 'admin_logs',
      createdAfter: dateTimeFromString('2999-01-01T00:00:00+00:00'),
    });
    expect(future.entries).toEqual([]);
    const user = await box.users.createUser({ name: 'Not admin', login: 'not.admin@police.example' });
    const refused = await apiError(
      box.events.getEvents({ streamType: 'admin_logs' }, { extraHeaders: { 'as-user': user.id } }),
    );
    expect(refused.status).toBe(403);
  });

  it('left no OpenAPI violations', () => {
    expect(
      emulator.violations().map((v) => ({ op: `${v.direction} ${v.operation}`, errors: v.errors.slice(0, 3) })),
    ).toEqual([]);
  });
});

describe('a delivery not yet acknowledged when the emulator stops', () => {
  it('is delivered after a restart, with the same delivery id and a fresh signature', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'box-emulator-outbox-'));
    const options = {
      dataDir,
      webhookPrimaryKey: KEYS.primary,
      webhookSecondaryKey: KEYS.secondary,
      // The retry is due long after the stop, so only the restarted emulator can make it.
      webhookRetry: { maxAttempts: 3, baseDelayMs: 1500, timeoutMs: 2000 },
    };
    const hooks = new Receiver();
    await hooks.start();
    try {
      const first = await startTestEmulator(options);
      const client = sdkClient(first.emulator);
      const target = (await client.folders.createFolder({ name: 'Outbox', parent: { id: '0' } })).id;
      await client.webhooks.createWebhook({
        target: { id: target, type: 'folder' },
        address: hooks.url,
        triggers: ['FILE.UPLOADED'],
      });
      hooks.plan = [503];
      await client.uploads.uploadFile({
        attributes: { name: 'restart.mp4', parent: { id: target } },
        file: Readable.from([Buffer.from('before the restart')]),
      });
      // Stopped once the failed first attempt is recorded and its retry scheduled.
      const deadline = Date.now() + 5000;
      while (!first.emulator.webhookDeliveries().some((a) => a.status === 503) && Date.now() < deadline)
        await new Promise((r) => setTimeout(r, 20));
      expect(hooks.deliveries).toHaveLength(1);
      await first.stop();
      expect(hooks.deliveries).toHaveLength(1);

      const second = await startTestEmulator(options);
      try {
        await second.emulator.webhooksIdle();
        expect(hooks.deliveries).toHaveLength(2);
        const [failed, retried] = hooks.deliveries;
        expect(retried.headers['box-delivery-id']).toBe(failed.headers['box-delivery-id']);
        expect(retried.body).toBe(failed.body);
        expect(retried.at - failed.at).toBeGreaterThanOrEqual(1400);
        expect(
          await WebhooksManager.validateMessage(retried.body, retried.headers as Record<string, string>, KEYS.primary),
        ).toBe(true);
        // Acknowledged now: a further restart delivers nothing more.
        await second.stop();
        const third = await startTestEmulator(options);
        await third.emulator.webhooksIdle();
        await third.stop();
        expect(hooks.deliveries).toHaveLength(2);
      } finally {
        await second.stop().catch(() => undefined);
      }
    } finally {
      await hooks.stop();
      rmSync(dataDir, { recursive: true, force: true });
    }
  }, 20_000);
});
