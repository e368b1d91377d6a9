/**
 * What the audit log records: every step of a request's life, and every refused action.
 * Kept as a closed list so that a typo cannot create a new kind of entry nobody reports on.
 */
import { SHARING_AUDIT_ACTIONS } from './sharing-actions';

export const AUDIT_ACTIONS = [
  /** An officer submitted a request (target: the request). */
  'requested',
  /** The approval card went to an approver or the approvals channel. */
  'routed',
  /** No approver could be reached; the request waits in the queue. */
  'unroutable',
  'approved',
  'rejected',
  /** Access to one recording was granted in Box (details: boxFileId, collaborationId, ...). */
  'granted',
  'grant_failed',
  'expired',
  'revoked',
  'revoke_failed',
  /** A revocation that Box had refused was carried out by a later sweep. */
  'revoke_completed',
  /** An action was refused on the server (self-approval, wrong role, not pending, forged invoke). */
  'refused',
  /** An admin chose the channel that receives approval cards. */
  'approvals_channel_set',
  /** The roster was (re)loaded: who may approve changed. */
  'roster_replaced',
  // Footage requests to camera owners (target: footage-request:<id> or box-file:<id>).
  /** An officer asked a camera owner for footage. */
  'footage_requested',
  /** A camera's intake folder and Box upload link were made. */
  'link_created',
  /**
   * An upload link was closed outside a cancel or expiry (details: the file request and the reason:
   * 'submitted' once the owner's submission settled, else made while its request was ending).
   */
  'link_closed',
  /** Every camera's link closed after a submission: the request is complete before its expiry. */
  'completed',
  /** The upload link was kept open longer. */
  'extended',
  /** The upload link was closed before its time. */
  'cancelled',
  /** A signed Box webhook delivery was stored (details: the delivery id). */
  'delivery_received',
  /** A file for a footage request was picked up for processing (after a delivery, or found by polling). */
  'file_arrived',
  /** Its content was hashed (details: sha256, size, content type, duplicate). */
  'hashed',
  /** Its metadata was written and it was moved into the camera's folder. */
  'catalogued',
  /** The officer and the supervisors were told. */
  'arrival_announced',
  /** It could not be processed after the retries and stays in the intake folder. */
  'arrival_failed',
  ...SHARING_AUDIT_ACTIONS,
  // Files attached in the chat (target: chat-upload:<id>).
  /** An officer attached a file in the personal chat; copying it into staging began. */
  'chat_upload_received',
  /** Its bytes are in the staging folder in Box (details: sha256, size, upload method). */
  'chat_upload_staged',
  /** Nothing was kept (expired link, empty, too large, download stopped, Box refused). */
  'chat_upload_failed',
  /** Its content was already in Box: the staged copy was removed. */
  'chat_upload_duplicate',
  /** The officer described it and it was handed to the arrival path. */
  'chat_upload_described',
  /** The officer chose not to keep a file that is not footage. */
  'chat_upload_discarded',
  /** The officer was reminded of a staged file never described. */
  'chat_upload_reminded',
] as const;

export type AuditAction = (typeof AUDIT_ACTIONS)[number];

export function isAuditAction(value: unknown): value is AuditAction {
  return typeof value === 'string' && (AUDIT_ACTIONS as readonly string[]).includes(value);
}
