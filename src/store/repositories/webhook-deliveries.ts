/**
 * Box webhook deliveries as received. The delivery id is the primary key: a replayed delivery meets
 * the unique index and is recognised, whichever instance it reaches.
 */
import type { WebhookDelivery } from '../../footage/footage-requests/types';
import type { WebhookDeliveryRepository } from '../../footage/ports/intake-store';
import type { Executor } from '../sql/executor';
import { readOptionalString, readString, readTime, timeParam, type Clock } from '../sql/values';

export class SqlWebhookDeliveryRepository implements WebhookDeliveryRepository {
  constructor(
    private readonly db: Executor,
    private readonly clock: Clock,
  ) {}

  async record(delivery: WebhookDelivery & { body: string }): Promise<{ created: boolean }> {
    const rows = await this.db.query(
      `INSERT INTO box_webhook_deliveries (delivery_id, trigger_name, source_type, source_id, parent_folder_id, body, received_at)
       VALUES (?, ?, ?, ?, ?, ?, ?)
       ON CONFLICT (delivery_id) DO NOTHING RETURNING delivery_id`,
      [
        delivery.deliveryId,
        delivery.trigger,
        delivery.sourceType,
        delivery.sourceId,
        delivery.parentFolderId,
        delivery.body,
        timeParam(delivery.receivedAt ?? this.clock()),
      ],
    );
    return { created: rows.length > 0 };
  }

  async get(deliveryId: string): Promise<(WebhookDelivery & { body: string }) | undefined> {
    const [row] = await this.db.query('SELECT * FROM box_webhook_deliveries WHERE delivery_id = ?', [deliveryId]);
    if (!row) return undefined;
    return {
      deliveryId: readString(row.delivery_id),
      trigger: readString(row.trigger_name),
      sourceType: readOptionalString(row.source_type),
      sourceId: readOptionalString(row.source_id),
      parentFolderId: readOptionalString(row.parent_folder_id),
      body: readString(row.body),
      receivedAt: readTime(row.received_at),
    };
  }
}
