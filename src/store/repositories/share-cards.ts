/** The approval cards the bot sent about shares: one row per copy, so each can be redrawn in place. */
import type { NewShareCard, ShareCard, ShareCardRepository } from '../../footage/sharing/ports';
import type { Executor, Row } from '../sql/executor';
import { readOptionalString, readString, readTime, timeParam, type Clock } from '../sql/values';
import { assertAddress, readAddress } from './conversations';

function toCard(row: Row): ShareCard {
  return {
    subject: readString(row.subject),
    recipientAadObjectId: readOptionalString(row.recipient_aad_object_id),
    address: readAddress(row.conversation_id, row.reference),
    messageId: readString(row.activity_id),
    createdAt: readTime(row.created_at),
  };
}

export class SqlShareCardRepository implements ShareCardRepository {
  constructor(
    private readonly db: Executor,
    private readonly clock: Clock,
  ) {}

  async record(card: NewShareCard): Promise<void> {
    assertAddress(card.address);
    await this.db.run(
      `INSERT INTO share_cards (subject, conversation_id, activity_id, recipient_aad_object_id, reference, created_at)
       VALUES (?, ?, ?, ?, ?, ?)
       ON CONFLICT (subject, conversation_id, activity_id) DO NOTHING`,
      [
        card.subject,
        card.address.conversationId,
        card.messageId,
        card.recipientAadObjectId,
        JSON.stringify(card.address.data),
        timeParam(this.clock()),
      ],
    );
  }

  async list(subject: string): Promise<ShareCard[]> {
    const rows = await this.db.query(
      'SELECT * FROM share_cards WHERE subject = ? ORDER BY created_at, conversation_id, activity_id',
      [subject],
    );
    return rows.map(toCard);
  }
}
