/**
 * The one conversion between Bot Framework conversation references and the store's opaque
 * conversation addresses: the store keeps an address by its conversation id and never reads the
 * reference inside; the Teams layer turns it back into a reference to write to that conversation.
 */
import { TurnContext, type ConversationReference } from 'botbuilder';
import type { JsonObject } from '../audit';
import { InvalidInputError } from '../footage/errors';
import type { ConversationAddress } from '../footage/ports/store';

export type Reference = Partial<ConversationReference>;

export function toAddress(reference: Reference): ConversationAddress {
  const conversationId = reference.conversation?.id;
  if (!conversationId) throw new InvalidInputError('conversation reference has no conversation id');
  if (!reference.serviceUrl) throw new InvalidInputError('conversation reference has no serviceUrl');
  // Through JSON: the stored value is plain data, exactly what will be read back.
  return { conversationId, data: JSON.parse(JSON.stringify(reference)) as JsonObject };
}

export function toReference(address: ConversationAddress): Reference {
  return address.data as Reference;
}

/** Where this turn's activity came from. */
export function referenceOf(context: TurnContext): Reference {
  return TurnContext.getConversationReference(context.activity);
}

/** A channel's own id, without the thread suffix (`;messageid=`) of the message a reference was captured from. */
export function channelRoot(reference: Reference): string {
  const id = reference.conversation?.id ?? '';
  return reference.conversation?.conversationType === 'channel' ? id.split(';')[0] : id;
}

/** The reference of the channel itself (new messages start their own thread there). */
export function channelReference(reference: Reference): Reference {
  return {
    ...reference,
    conversation: { ...reference.conversation, id: channelRoot(reference) } as ConversationReference['conversation'],
  };
}
