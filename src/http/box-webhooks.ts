/**
 * POST /api/box/webhooks: Box webhook v2 deliveries. Handled before restify's body parser (a `pre`
 * handler), because the signature is computed over the body's exact bytes and must be checked before
 * anything else, even before the body is read as JSON:
 *
 *   signature (primary or secondary key) and age (at most 10 minutes) → 401 and nothing stored;
 *   a delivery id seen before → 200, ignored; otherwise stored with its job → 200.
 *
 * The work happens later in the durable job, so Box gets its answer in well under a second.
 */
import type { IncomingHttpHeaders } from 'node:http';
import type { Next, Request, Response, Server } from 'restify';
import { logger } from '../log';

export const BOX_WEBHOOK_PATH = '/api/box/webhooks';
/** Box's payloads are a few kilobytes; anything far bigger is not Box. */
const MAX_WEBHOOK_BODY_BYTES = 256 * 1024;

export type WebhookAcceptance = 'accepted' | 'replayed' | 'unreadable';

export interface BoxWebhookReceiver {
  verify(body: string, headers: Readonly<Record<string, string | undefined>>): Promise<boolean>;
  accept(input: { deliveryId: string; body: string; receivedAt: Date }): Promise<WebhookAcceptance>;
  /** After an accepted delivery: start on its job now rather than at the next poll. */
  accepted?(): void;
}

/** `receiver` is undefined until the bot is ready: Box is then told to retry later (503). */
export function registerBoxWebhooks(server: Server, receiver: () => BoxWebhookReceiver | undefined): void {
  server.pre((req: Request, res: Response, next: Next) => {
    if (req.method !== 'POST' || pathOf(req.url) !== BOX_WEBHOOK_PATH) return next();
    handle(req, res, receiver()).then(
      () => next(false),
      (error: unknown) => {
        logger.error({ err: error }, 'box webhook delivery could not be handled');
        if (!res.headersSent)
          reply(res, 500, { error: 'internal', message: 'The delivery could not be stored; Box will retry.' });
        next(false);
      },
    );
    return undefined;
  });
}

async function handle(req: Request, res: Response, receiver: BoxWebhookReceiver | undefined): Promise<void> {
  const body = await readBody(req, MAX_WEBHOOK_BODY_BYTES);
  if (body === undefined) {
    reply(res, 413, { error: 'too_large', message: 'The delivery is too large.' });
    return;
  }
  if (!receiver) {
    res.setHeader('retry-after', '5');
    reply(res, 503, { error: 'starting', message: 'The bot is still starting.' });
    return;
  }
  const headers = headerValues(req.headers);
  const deliveryId = headers['box-delivery-id'];
  if (!(await receiver.verify(body.toString('utf8'), headers))) {
    logger.warn(
      {
        deliveryId: safeId(deliveryId),
        timestamp: headers['box-delivery-timestamp']?.slice(0, 40),
        bytes: body.length,
      },
      'box webhook delivery refused: bad, missing or stale signature',
    );
    reply(res, 401, {
      error: 'invalid_signature',
      message: 'The delivery is not signed with a current key, or is too old.',
    });
    return;
  }
  if (!deliveryId || !safeId(deliveryId)) {
    logger.warn('signed box webhook delivery without a usable delivery id; ignored');
    reply(res, 400, { error: 'no_delivery_id', message: 'The box-delivery-id header is missing.' });
    return;
  }
  const outcome = await receiver.accept({ deliveryId, body: body.toString('utf8'), receivedAt: new Date() });
  if (outcome === 'replayed') logger.warn({ deliveryId }, 'box webhook delivery replayed; acknowledged and ignored');
  if (outcome === 'unreadable')
    logger.warn({ deliveryId }, 'signed box webhook delivery with an unreadable body; ignored');
  if (outcome === 'accepted') receiver.accepted?.();
  reply(res, 200, { status: outcome });
}

function readBody(req: Request, limit: number): Promise<Buffer | undefined> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    let tooLarge = false;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > limit) tooLarge = true;
      else chunks.push(chunk);
    });
    req.on('end', () => resolve(tooLarge ? undefined : Buffer.concat(chunks)));
    req.on('error', reject);
  });
}

function headerValues(headers: IncomingHttpHeaders): Record<string, string | undefined> {
  const values: Record<string, string | undefined> = {};
  for (const [name, value] of Object.entries(headers))
    values[name.toLowerCase()] = Array.isArray(value) ? value[0] : value;
  return values;
}

/** Delivery ids are UUIDs; anything else is not logged or stored as given. */
function safeId(value: string | undefined): string | undefined {
  return value && /^[A-Za-z0-9-]{1,100}$/.test(value) ? value : undefined;
}

function pathOf(url: string | undefined): string {
  return (url ?? '').split('?')[0];
}

function reply(res: Response, status: number, body: Record<string, string>): void {
  res.writeHead(status, { 'content-type': 'application/json' });
  res.end(JSON.stringify(body));
}
