/**
 * Webhook deliveries not yet acknowledged, kept in the emulator's database like everything else it
 * holds: Box keeps retrying a delivery for hours whatever happens to its own servers, so an emulator
 * restarted between two attempts must pick the delivery up again, with the same id and body.
 */

import { sql, type Db } from './db';

export interface PendingDelivery {
  deliveryId: string;
  webhookId: string;
  trigger: string;
  address: string;
  body: string;
  /** The attempt to make next, 1 for the first. */
  attempt: number;
  /** When that attempt is due, in the emulator's clock (ms since the epoch). */
  dueAt: number;
}

interface OutboxRow {
  delivery_id: string;
  webhook_id: string;
  trigger_name: string;
  address: string;
  body: string;
  attempt: number;
  due_at: number;
}

export class WebhookOutbox {
  constructor(private readonly db: Db) {
    db.exec(`CREATE TABLE IF NOT EXISTS webhook_outbox (
      delivery_id TEXT PRIMARY KEY,
      webhook_id TEXT NOT NULL,
      trigger_name TEXT NOT NULL,
      address TEXT NOT NULL,
      body TEXT NOT NULL,
      attempt INTEGER NOT NULL,
      due_at INTEGER NOT NULL
    )`);
  }

  add(delivery: PendingDelivery): void {
    if (!this.db.open) return;
    sql(
      this.db,
      `INSERT OR REPLACE INTO webhook_outbox (delivery_id, webhook_id, trigger_name, address, body, attempt, due_at)
       VALUES (?, ?, ?, ?, ?, ?, ?)`,
    ).run(
      delivery.deliveryId,
      delivery.webhookId,
      delivery.trigger,
      delivery.address,
      delivery.body,
      delivery.attempt,
      delivery.dueAt,
    );
  }

  /**
   * An attempt can end after the emulator closed its database (a receiver answering late): what it
   * learnt is then lost and the delivery is made again as stored, never an error.
   */
  reschedule(deliveryId: string, attempt: number, dueAt: number): void {
    if (!this.db.open) return;
    sql(this.db, 'UPDATE webhook_outbox SET attempt = ?, due_at = ? WHERE delivery_id = ?').run(
      attempt,
      dueAt,
      deliveryId,
    );
  }

  /** Delivered, or given up on. */
  remove(deliveryId: string): void {
    if (!this.db.open) return;
    sql(this.db, 'DELETE FROM webhook_outbox WHERE delivery_id = ?').run(deliveryId);
  }

  pending(): PendingDelivery[] {
    const rows = sql(this.db, 'SELECT * FROM webhook_outbox ORDER BY due_at, delivery_id').all() as OutboxRow[];
    return rows.map((row) => ({
      deliveryId: row.delivery_id,
      webhookId: row.webhook_id,
      trigger: row.trigger_name,
      address: row.address,
      body: row.body,
      attempt: row.attempt,
      dueAt: row.due_at,
    }));
  }
}
