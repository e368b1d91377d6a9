/**
 * Webhook v2 deliveries as Box sends them: a JSON POST signed with HMAC-SHA256 over the body bytes
 * followed by the delivery timestamp, once with the primary and once with the secondary key, and
 * retried with exponential backoff while the receiver answers anything but 2xx (or nothing). A
 * retry keeps its delivery id and body; the timestamp and signatures are fresh, so a receiver's
 * age check still passes. Deliveries run beside the request that caused them, never inside it,
 * and wait in the emulator's database until acknowledged, so a restart resumes them (`resume`).
 */

import { createHmac, randomUUID } from 'node:crypto';
import { logger } from '../log';
import type { PendingDelivery, WebhookOutbox } from './state/webhook-outbox';
import { boxDateTime } from './time';

const log = logger.child({ component: 'box-emulator' });

export interface WebhookKeys {
  primary: string;
  secondary: string;
}

export interface WebhookRetryPolicy {
  /** Attempts in all, the first included. */
  maxAttempts: number;
  /** Wait before the first retry; doubled for each further one. */
  baseDelayMs: number;
  /** An attempt with no answer within this long counts as failed. */
  timeoutMs: number;
}

/** Box retries for hours; tests pass short delays. */
export const BOX_RETRY_POLICY: WebhookRetryPolicy = { maxAttempts: 10, baseDelayMs: 60_000, timeoutMs: 30_000 };

export interface DeliveryAttempt {
  deliveryId: string;
  webhookId: string;
  trigger: string;
  address: string;
  attempt: number;
  /** The receiver's status; null when it did not answer or the address was refused. */
  status: number | null;
  error?: string;
  at: string;
}

const LOOPBACK_HOSTS = new Set(['localhost', '127.0.0.1', '[::1]']);
const MAX_ATTEMPT_LOG = 1000;

export function signatureHeaders(body: string, timestamp: string, keys: WebhookKeys): Record<string, string> {
  const sign = (key: string): string => createHmac('sha256', key).update(body).update(timestamp).digest('base64');
  return {
    'box-delivery-timestamp': timestamp,
    'box-signature-primary': sign(keys.primary),
    'box-signature-secondary': sign(keys.secondary),
    'box-signature-version': '1',
    'box-signature-algorithm': 'HmacSHA256',
  };
}

export class WebhookDispatcher {
  private readonly log: DeliveryAttempt[] = [];
  private readonly pending = new Set<Promise<void>>();
  private readonly waits = new Map<NodeJS.Timeout, () => void>();
  private closed = false;

  constructor(
    private readonly keys: WebhookKeys,
    private readonly policy: WebhookRetryPolicy,
    private readonly now: () => number,
    private readonly outbox: WebhookOutbox,
  ) {}

  /**
   * Starts delivering and returns at once; the caller's response does not wait for the receiver.
   * The delivery is stored first, so it survives a restart before it is acknowledged.
   */
  deliver(webhookId: string, trigger: string, address: string, payload: Record<string, unknown>): void {
    const delivery: PendingDelivery = {
      deliveryId: randomUUID(),
      webhookId,
      trigger,
      address,
      body: JSON.stringify(payload),
      attempt: 1,
      dueAt: this.now(),
    };
    this.outbox.add(delivery);
    this.start(delivery, 0);
  }

  /** Picks up the deliveries a previous run left unacknowledged, each at the time its attempt is due. */
  resume(): number {
    const waiting = this.outbox.pending();
    for (const delivery of waiting) this.start(delivery, Math.max(0, delivery.dueAt - this.now()));
    return waiting.length;
  }

  private start(delivery: PendingDelivery, delayMs: number): void {
    const run = this.wait(delayMs)
      .then(() => this.attempt(delivery))
      .finally(() => this.pending.delete(run));
    this.pending.add(run);
  }

  attempts(): DeliveryAttempt[] {
    return [...this.log];
  }

  /** Resolves once no delivery is in flight or waiting for a retry (for tests and shutdown). */
  async idle(): Promise<void> {
    while (this.pending.size > 0) await Promise.allSettled([...this.pending]);
  }

  close(): void {
    this.closed = true;
    for (const [timer, wake] of this.waits) {
      clearTimeout(timer);
      wake();
    }
    this.waits.clear();
  }

  private record(entry: DeliveryAttempt): void {
    if (this.log.length >= MAX_ATTEMPT_LOG) this.log.shift();
    this.log.push(entry);
  }

  private async attempt(delivery: PendingDelivery): Promise<void> {
    if (this.closed) return;
    const { deliveryId, webhookId, trigger, address, body, attempt } = delivery;
    const entry: DeliveryAttempt = {
      deliveryId,
      webhookId,
      trigger,
      address,
      attempt,
      status: null,
      at: boxDateTime(this.now()),
    };
    let url: URL | undefined;
    try {
      url = new URL(address);
    } catch {
      url = undefined;
    }
    // The emulator runs offline: it never sends anything off this machine.
    if (!url || !LOOPBACK_HOSTS.has(url.hostname)) {
      this.record({ ...entry, error: 'not delivered: the emulator delivers only to loopback addresses' });
      this.outbox.remove(deliveryId);
      return;
    }
    try {
      const response = await fetch(url, {
        method: 'POST',
        headers: {
          'content-type': 'application/json; charset=utf-8',
          'box-delivery-id': deliveryId,
          ...signatureHeaders(body, boxDateTime(this.now()), this.keys),
        },
        body,
        signal: AbortSignal.timeout(this.policy.timeoutMs),
      });
      await response.arrayBuffer().catch(() => undefined);
      entry.status = response.status;
    } catch (error) {
      entry.error = error instanceof Error ? error.message : String(error);
    }
    this.record(entry);
    if (entry.status !== null && entry.status >= 200 && entry.status < 300) {
      this.outbox.remove(deliveryId);
      return;
    }
    if (attempt >= this.policy.maxAttempts) {
      this.outbox.remove(deliveryId);
      log.warn({ webhookId, deliveryId, attempts: attempt }, 'Box emulator gave up delivering a webhook');
      return;
    }
    const delay = this.policy.baseDelayMs * 2 ** (attempt - 1);
    const next = { ...delivery, attempt: attempt + 1, dueAt: this.now() + delay };
    this.outbox.reschedule(deliveryId, next.attempt, next.dueAt);
    // Closed meanwhile: the stored delivery is the next run's to make.
    if (this.closed) return;
    await this.wait(delay);
    await this.attempt(next);
  }

  /** A wait that closing cuts short (the attempt after it then does nothing). */
  private wait(ms: number): Promise<void> {
    if (ms <= 0) return Promise.resolve();
    return new Promise<void>((resolve) => {
      const timer = setTimeout(() => {
        this.waits.delete(timer);
        resolve();
      }, ms);
      timer.unref();
      this.waits.set(timer, resolve);
    });
  }
}
