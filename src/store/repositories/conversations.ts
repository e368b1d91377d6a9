/** Where to reach each person again, per scope: the latest address seen, upserted on every activity. */
import { InvalidInputError } from '../../footage/errors';
import type {
  ConversationAddress,
  ConversationRepository,
  ConversationScope,
  PersonConversations,
  StoredAddress,
} from '../../footage/ports/store';
import type { Executor, Row } from '../sql/executor';
import { readJson, readString, readTime, timeParam, type Clock } from '../sql/values';

/** The store relies on the key only; the address's data is kept as given. */
export function assertAddress(address: ConversationAddress): void {
  if (typeof address?.conversationId !== 'string' || address.conversationId === '') {
    throw new InvalidInputError('conversation address has no conversation id');
  }
  if (typeof address.data !== 'object' || address.data === null || Array.isArray(address.data)) {
    throw new InvalidInputError('conversation address has no data');
  }
}

/** An address from its two columns: the key and the data as stored. */
export function readAddress(conversationId: unknown, data: unknown): ConversationAddress {
  const value = readJson(data);
  if (typeof value !== 'object' || value === null || Array.isArray(value))
    throw new Error('stored conversation address is not an object');
  return { conversationId: readString(conversationId), data: value };
}

function toStored(row: Row): StoredAddress {
  return { address: readAddress(row.conversation_id, row.reference), updatedAt: readTime(row.updated_at) };
}

export class SqlConversationRepository implements ConversationRepository {
  constructor(
    private readonly db: Executor,
    private readonly clock: Clock,
  ) {}

  async save(aadObjectId: string, scope: ConversationScope, address: ConversationAddress): Promise<void> {
    assertAddress(address);
    await this.db.run(
      `INSERT INTO conversation_refs (aad_object_id, scope, conversation_id, reference, updated_at)
       VALUES (?, ?, ?, ?, ?)
       ON CONFLICT (aad_object_id, scope) DO UPDATE SET
         conversation_id = excluded.conversation_id, reference = excluded.reference, updated_at = excluded.updated_at`,
      [aadObjectId, scope, address.conversationId, JSON.stringify(address.data), timeParam(this.clock())],
    );
  }

  async get(aadObjectId: string): Promise<PersonConversations> {
    const rows = await this.db.query('SELECT * FROM conversation_refs WHERE aad_object_id = ?', [aadObjectId]);
    const byScope = new Map(rows.map((row) => [readString(row.scope), toStored(row)]));
    return { personal: byScope.get('personal'), channel: byScope.get('channel') };
  }
}
