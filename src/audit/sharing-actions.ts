/**
 * Audit actions of sharing footage onward and of its chain of custody, listed apart from the
 * access flow's so that the two lists can grow without touching each other.
 */
export const SHARING_AUDIT_ACTIONS = [
  /** An officer asked to share recordings with colleagues (target: the share group). */
  'share_requested',
  /** A supervisor or admin shared on their own authority, without an approval (target: the share group). */
  'shared_directly',
  /** A partner share was asked for, decided, set up in Box, ended (target: the partner share). */
  'partner_share_requested',
  'partner_share_approved',
  'partner_share_rejected',
  'partner_share_granted',
  'partner_share_failed',
  'partner_share_revoked',
  'partner_share_expired',
  'partner_download_requested',
  'partner_download_approved',
  'partner_download_rejected',
  /** Box's watermark went on (first partner) or came off (last partner gone); target: the file. */
  'watermark_applied',
  'watermark_removed',
  /** A recording's history was shown, exported, or its content checked against the recorded hash. */
  'history_viewed',
  'history_exported',
  'file_verified',
  /** An admin walked the audit chain. */
  'audit_verified',
] as const;
