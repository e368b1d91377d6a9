/**
 * Where to reach a person in their personal chat: the reference stored from their own activities,
 * or else a chat the bot opens through the connector of someone related it can already reach (the
 * requester, the decider, the sharer). Teams allows that only where the app is installed for the
 * person (e.g. for everyone by an admin). Access and sharing notifications both reach people so.
 */
import type { AccessRecords } from '../../footage/access';
import { logger } from '../../log';
import { toAddress, toReference, type Reference } from '../conversation-address';
import type { Proactive } from './proactive';

export class PersonalChats {
  constructor(
    private readonly records: Pick<AccessRecords, 'person' | 'personalAddress' | 'rememberConversation'>,
    private readonly proactive: Proactive,
  ) {}

  /** Undefined when the person has no stored chat and none could be opened for them. */
  async reach(aadObjectId: string, via: ReadonlyArray<string | null | undefined>): Promise<Reference | undefined> {
    const stored = await this.records.personalAddress(aadObjectId);
    if (stored) return toReference(stored);
    const person = await this.records.person(aadObjectId);
    if (!person?.teamsId) return undefined;
    for (const other of via) {
      const through = other && other !== aadObjectId ? await this.records.personalAddress(other) : undefined;
      if (!through) continue;
      try {
        const reference = await this.proactive.openPersonalChat(person.teamsId, toReference(through));
        // Stored like a reference captured from an activity: the next message goes straight there.
        await this.records.rememberConversation(person, 'personal', toAddress(reference));
        return reference;
      } catch (error) {
        logger.info({ err: error }, 'Teams would not open a chat (the app is not installed for them)');
        return undefined;
      }
    }
    return undefined;
  }
}
