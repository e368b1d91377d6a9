/**
 * Accepting a Box webhook delivery whose signature has already been verified: it is stored under its
 * delivery id and a job is queued for it, in one transaction, so that once Box has its 200 the
 * delivery survives a crash; a delivery id seen before is acknowledged and ignored.
 */
import { SYSTEM_ACTOR } from '../../audit';
import type { Store } from '../ports/store';
import { FOOTAGE_JOB_KINDS, deliveryJobKey, readDeliveryBody } from './jobs';

export type DeliveryAcceptance = 'accepted' | 'replayed' | 'unreadable';

export function deliveryTarget(deliveryId: string): string {
  return `box-delivery:${deliveryId}`;
}

export async function acceptDelivery(
  store: Store,
  input: { deliveryId: string; body: string; receivedAt: Date },
): Promise<DeliveryAcceptance> {
  let parsed: unknown;
  try {
    parsed = JSON.parse(input.body);
  } catch {
    return 'unreadable';
  }
  const facts = readDeliveryBody(parsed);
  if (!facts) return 'unreadable';
  return store.transaction(async (tx) => {
    const { created } = await tx.intake.webhookDeliveries.record({
      deliveryId: input.deliveryId,
      receivedAt: input.receivedAt,
      body: input.body,
      ...facts,
    });
    if (!created) return 'replayed';
    await tx.jobs.enqueue({
      kind: FOOTAGE_JOB_KINDS.delivery,
      uniqueKey: deliveryJobKey(input.deliveryId),
      payload: { deliveryId: input.deliveryId },
    });
    await tx.audit.append({
      actor: SYSTEM_ACTOR,
      action: 'delivery_received',
      target: deliveryTarget(input.deliveryId),
      details: {
        deliveryId: input.deliveryId,
        trigger: facts.trigger,
        boxFileId: facts.sourceId,
        folderId: facts.parentFolderId,
      },
    });
    return 'accepted';
  });
}
