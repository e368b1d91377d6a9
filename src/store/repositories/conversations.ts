import { InvalidInputError } from '../../footage/errors';
import type {
  ConversationReferenceData, ConversationRepository, ConversationScope, PersonConversations, StoredConversationReference,
} from '../../footage/ports/store';
import type { Executor, Row } from '../sql/executor';
import { readJson, readString, readTime, timeParam, type Clock } from '../sql/values';

/** Checks the fields the store relies on; everything else in the reference is kept as given. */
export function assertConversationReference(reference: ConversationReferenceData): void {
  if (typeof reference?.conversation?.id !== 'string' || reference.conversation.id === '') {
    throw new InvalidInputError('conversation reference has no conversation id');
  }
  if (typeof reference.serviceUrl !== 'string' || reference.serviceUrl === '') {
    throw new InvalidInputError('conversation reference has no serviceUrl');
  }
}

export function referenceParam(reference: ConversationReferenceData): string {
  return JSON.stringify(reference);
}

/** JSON of a reference, typed back: it was validated on the way in. */
export function readReference(value: unknown): ConversationReferenceData {
  return readJson(value) as unknown as ConversationReferenceData;
}

function toStored(row: Row): StoredConversationReference {
  return { reference: readReference(row.reference), updatedAt: readTime(row.updated_at) };
}

export class SqlConversationRepository implements ConversationRepository {
  constructor(private readonly db: Executor, private readonly clock: Clock) {}

  async save(aadObjectId: string, scope: ConversationScope, reference: ConversationReferenceData): Promise<void> {
    assertConversationReference(reference);
    await this.db.run(
      `INSERT INTO conversation_refs (aad_object_id, scope, conversation_id, reference, updated_at)
       VALUES (?, ?, ?, ?, ?)
       ON CONFLICT (aad_object_id, scope) DO UPDATE SET
         conversation_id = excluded.conversation_id, reference = excluded.reference, updated_at = excluded.updated_at`,
      [aadObjectId, scope, reference.conversation.id, referenceParam(reference), timeParam(this.clock())],
    );
  }

  async get(aadObjectId: string): Promise<PersonConversations> {
    const rows = await this.db.query('SELECT * FROM conversation_refs WHERE aad_object_id = ?', [aadObjectId]);
    const byScope = new Map(rows.map((row) => [readString(row.scope), toStored(row)]));
    return { personal: byScope.get('personal'), channel: byScope.get('channel') };
  }
}
