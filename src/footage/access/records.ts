/**
 * What the Teams layer reads and records about people, requests, card copies and conversations,
 * as calls on the domain: the adapters above it never hold the store. A small read model beside
 * the AccessService, which keeps the decisions.
 */
import type { Person } from '../people';
import type {
  AccessRequest,
  ConversationAddress,
  ConversationScope,
  NewRequestCard,
  RequestCard,
  Store,
} from '../ports/store';
import { activeGrantsFor, type ActiveGrant } from './active-grants';
import { wasRouted } from './service';

export class AccessRecords {
  constructor(private readonly store: Pick<Store, 'people' | 'requests' | 'conversations'>) {}

  /** The person behind an Entra ID object id, from the roster; undefined for anyone not on it. */
  async person(aadObjectId: string | null | undefined): Promise<Person | undefined> {
    return aadObjectId ? this.store.people.findByAadObjectId(aadObjectId.toLowerCase()) : undefined;
  }

  people(): Promise<Person[]> {
    return this.store.people.list();
  }

  /** Teams ids are learnt from the person's own activities: refresh lists name people by them. */
  async learnTeamsId(person: Person, teamsId: string | undefined): Promise<void> {
    if (teamsId && !person.teamsId) await this.store.people.setTeamsId(person.aadObjectId, teamsId);
  }

  request(id: string): Promise<AccessRequest | undefined> {
    return this.store.requests.get(id);
  }

  wasRouted(requestId: string): Promise<boolean> {
    return wasRouted(this.store, requestId);
  }

  /** Every card the bot sent about a request, so a change redraws each copy. */
  cardsOf(requestId: string): Promise<RequestCard[]> {
    return this.store.requests.listCards(requestId);
  }

  recordCard(card: NewRequestCard): Promise<void> {
    return this.store.requests.recordCard(card);
  }

  /** Where to reach a person in their personal chat, if they ever wrote or were reached. */
  async personalAddress(aadObjectId: string): Promise<ConversationAddress | undefined> {
    return (await this.store.conversations.get(aadObjectId)).personal?.address;
  }

  /** Remembers where a person on the roster can be reached; people not on it are never written to. */
  async rememberConversation(
    person: Person | null,
    scope: ConversationScope,
    address: ConversationAddress,
  ): Promise<void> {
    if (!person) return;
    await this.saveConversation(person.aadObjectId, scope, address);
  }

  saveConversation(aadObjectId: string, scope: ConversationScope, address: ConversationAddress): Promise<void> {
    return this.store.conversations.save(aadObjectId, scope, address);
  }

  /** What the person may open now, by Box file id, from the bot's own records (no Box call). */
  activeGrants(person: Person, now: Date): Promise<Map<string, ActiveGrant>> {
    return activeGrantsFor(this.store, person.aadObjectId, now);
  }
}
