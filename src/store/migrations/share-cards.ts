/**
 * Where the bot put each approval card of a colleague or partner share, so that routing sends a
 * card once (a retried routing job skips whoever has one) and every copy is redrawn in place once
 * the share is decided. Access requests keep theirs in request_cards; shares are not requests.
 */
import type { Migration } from './schema';

export const shareCardsSchema: Migration = {
  version: 6,
  name: 'share approval cards',
  up: (dialect) => {
    const { timestamp: ts, json } = dialect.types;
    return [
      `CREATE TABLE share_cards (
        subject TEXT NOT NULL,
        conversation_id TEXT NOT NULL,
        activity_id TEXT NOT NULL,
        recipient_aad_object_id TEXT,
        reference ${json} NOT NULL,
        created_at ${ts} NOT NULL,
        PRIMARY KEY (subject, conversation_id, activity_id)
      )`,
    ];
  },
};
