/**
 * The webhook that tells the bot about uploads, and the check of what arrives on it. The signature
 * is Box's v2 scheme (HMAC-SHA256 over the body and the delivery timestamp, with a primary and a
 * secondary key so they can be rotated), verified by the SDK's own WebhooksManager.validateMessage,
 * which also refuses deliveries older than ten minutes or stamped in the future.
 */
import { WebhooksManager } from 'box-node-sdk/managers';
import type { Ensured } from '../../footage/ports/box';
import type { BoxContext } from '../context';
import { boxStep } from '../errors';

/** Box's limit: deliveries older than this are refused (replays of captured traffic). */
export const MAX_DELIVERY_AGE_SECONDS = 600;

export interface WebhookKeys {
  primary?: string;
  secondary?: string;
}

/** True when the body and headers carry a valid signature made with either key, and are fresh. */
export async function verifyWebhookSignature(
  body: string,
  headers: Readonly<Record<string, string | undefined>>,
  keys: WebhookKeys,
): Promise<boolean> {
  if (!keys.primary && !keys.secondary) return false;
  const timestamp = headers['box-delivery-timestamp'];
  // The SDK throws on an unparsable timestamp; that is just another bad delivery.
  if (!timestamp || Number.isNaN(Date.parse(timestamp))) return false;
  const wanted: Record<string, string> = {};
  for (const name of [
    'box-delivery-timestamp',
    'box-signature-primary',
    'box-signature-secondary',
    'box-signature-version',
    'box-signature-algorithm',
  ]) {
    const value = headers[name];
    if (typeof value === 'string') wanted[name] = value;
  }
  try {
    return await WebhooksManager.validateMessage(body, wanted, keys.primary ?? '', {
      secondaryKey: keys.secondary,
      maxAge: MAX_DELIVERY_AGE_SECONDS,
    });
  } catch {
    return false;
  }
}

/** FILE.UPLOADED on the folder to `address`; a webhook already there for that address is kept. */
export async function ensureUploadWebhook(ctx: BoxContext, folderId: string, address: string): Promise<Ensured> {
  let marker: string | undefined;
  do {
    const page = await boxStep('Listing Box webhooks', () =>
      ctx.client.webhooks.getWebhooks({ limit: 100, ...(marker ? { marker } : {}) }),
    );
    for (const mini of page.entries ?? []) {
      if (mini.target?.id !== folderId || mini.target?.type !== 'folder') continue;
      const webhook = await boxStep('Reading a Box webhook', () => ctx.client.webhooks.getWebhookById(mini.id ?? ''));
      if (webhook.address === address) return { id: webhook.id ?? '', created: false };
    }
    marker = page.nextMarker ?? undefined;
  } while (marker);
  const created = await boxStep('Registering the upload webhook in Box', () =>
    ctx.client.webhooks.createWebhook({
      target: { id: folderId, type: 'folder' },
      address,
      triggers: ['FILE.UPLOADED'],
    }),
  );
  return { id: created.id ?? '', created: true };
}
