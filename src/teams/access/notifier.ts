/**
 * The access flow's messages, delivered in Teams: proactively through the conversation reference
 * stored for each person (captured on install and on every activity), and by updating (PUT) every
 * copy of a card the bot sent about a request. A person with no stored personal reference is reached
 * by opening the chat (PersonalChats), which Teams allows only where the app is installed for them;
 * otherwise the send reports false.
 */
import { errorCard, expiryNotice, rejectionNotice, revocationNotice, type AdaptiveCard } from '../../cards';
import type { AccessNotifier, AccessRecords, AccessRequest, CardKind, ConversationAddress } from '../../footage/access';
import type { Person } from '../../footage/people';
import { logger } from '../../log';
import { channelReference, toAddress, toReference, type Reference } from '../conversation-address';
import { PersonalChats } from './personal-chats';
import type { Proactive } from './proactive';
import type { RequestViews } from './views';

export class TeamsAccessNotifier implements AccessNotifier {
  /** Updates of one request's copies run one after another, so the last drawn state is the newest. */
  private readonly redraws = new Map<string, Promise<void>>();
  private readonly chats: PersonalChats;

  constructor(
    private readonly records: AccessRecords,
    private readonly proactive: Proactive,
    private readonly views: RequestViews,
    /** Other cards that show the request (a colleague share's), redrawn after its own. */
    private readonly alsoChanged?: (requestId: string) => Promise<void>,
  ) {
    this.chats = new PersonalChats(records, proactive);
  }

  async askApprover(request: AccessRequest, approver: Person): Promise<boolean> {
    return this.sendToPerson(request, approver.aadObjectId, 'approval', () => this.views.cardFor(request, 'approver'));
  }

  async askChannel(request: AccessRequest, channel: ConversationAddress): Promise<boolean> {
    return this.deliver(request.id, channelReference(toReference(channel)), null, 'approval', () =>
      this.views.channelCard(request),
    );
  }

  requestChanged(requestId: string): Promise<void> {
    const previous = this.redraws.get(requestId) ?? Promise.resolve();
    const next = previous.then(() => this.redrawCopies(requestId)).then(() => this.alsoChanged?.(requestId));
    const settled = next.catch((error: unknown) =>
      logger.error({ err: error, requestId }, 'could not update the cards of a request'),
    );
    this.redraws.set(requestId, settled);
    void settled.then(() => {
      if (this.redraws.get(requestId) === settled) this.redraws.delete(requestId);
    });
    return settled;
  }

  async accessGranted(request: AccessRequest): Promise<boolean> {
    return this.sendToPerson(request, request.requesterAadObjectId, 'share', () => this.views.shareCard(request));
  }

  async grantFailed(request: AccessRequest, reason: string): Promise<void> {
    const requester = await this.records.person(request.requesterAadObjectId);
    const outcome =
      request.status === 'partially_failed'
        ? 'Some access created before the failure could not be removed yet; it ends when the approval expires.'
        : 'Nothing was left granted.';
    const card = errorCard({
      title: 'Access could not be set up in Box',
      message: `The approved request for case ${request.caseReference}${requester ? ` (${requester.name})` : ''} could not be granted: ${reason} ${outcome} Request access again once the problem is fixed.`,
      retryable: false,
    });
    await this.tellOfficer(request, card);
    if (request.decidedBy) await this.sendToPerson(request, request.decidedBy, undefined, async () => card);
  }

  async requestUnroutable(request: AccessRequest): Promise<void> {
    await this.tellOfficer(
      request,
      errorCard({
        title: 'No supervisor could be reached',
        message: `Your request for case ${request.caseReference} is stored, but after several tries no one who may decide it could be sent it. It waits until a supervisor or administrator types approvals; you may want to tell your supervisor.`,
        retryable: false,
      }),
    );
  }

  async requestRejected(request: AccessRequest): Promise<void> {
    await this.tellOfficer(
      request,
      rejectionNotice({
        recordings: await this.views.recordings(request),
        caseReference: request.caseReference,
        rejectedBy: await this.nameOf(request.decidedBy),
        rejectedAt: request.decidedAt ?? request.updatedAt,
        reason: request.decisionComment ?? '',
      }),
    );
  }

  async accessEnded(request: AccessRequest, how: 'expired' | 'revoked'): Promise<void> {
    const recordings = await this.views.recordings(request);
    const caseReference = request.caseReference;
    await this.tellOfficer(
      request,
      how === 'expired'
        ? expiryNotice({ recordings, caseReference, expiredAt: request.expiresAt ?? request.updatedAt })
        : revocationNotice({
            recordings,
            caseReference,
            revokedBy: await this.nameOf(request.revokedBy),
            revokedAt: request.revokedAt ?? request.updatedAt,
          }),
    );
  }

  private async tellOfficer(request: AccessRequest, card: AdaptiveCard): Promise<boolean> {
    return this.sendToPerson(request, request.requesterAadObjectId, undefined, async () => card);
  }

  private async nameOf(aadObjectId: string | null): Promise<string> {
    const person = await this.records.person(aadObjectId);
    return person?.name ?? 'A supervisor';
  }

  private async redrawCopies(requestId: string): Promise<void> {
    const request = await this.records.request(requestId);
    if (!request) return;
    const copies = await this.records.cardsOf(requestId);
    for (const copy of copies) {
      try {
        const recipient = await this.records.person(copy.recipientAadObjectId);
        await this.proactive.update(
          toReference(copy.address),
          copy.messageId,
          await this.views.copyCard(request, copy, recipient),
        );
      } catch (error) {
        // One unreachable copy (deleted chat, removed app) must not keep the others stale.
        logger.warn(
          { err: error, requestId, conversationId: copy.address.conversationId },
          'could not update a card copy',
        );
      }
    }
  }

  /**
   * Into the person's personal chat; false when there is no reference or the connector refused. A
   * person who never wrote to the bot is reached through a chat opened via the requester's or the
   * decider's connector (a colleague given access by a share may never have written to the bot).
   */
  private async sendToPerson(
    request: AccessRequest,
    aadObjectId: string,
    kind: CardKind | undefined,
    draw: () => Promise<AdaptiveCard>,
  ): Promise<boolean> {
    const reference = await this.chats.reach(aadObjectId, [request.requesterAadObjectId, request.decidedBy]);
    if (!reference) {
      logger.info({ requestId: request.id, kind }, 'no personal conversation to send to');
      return false;
    }
    return this.deliver(request.id, reference, aadObjectId, kind, draw);
  }

  private async deliver(
    requestId: string,
    reference: Reference,
    recipient: string | null,
    kind: CardKind | undefined,
    draw: () => Promise<AdaptiveCard>,
  ): Promise<boolean> {
    try {
      const messageId = await this.proactive.send(reference, await draw());
      if (kind && messageId) {
        await this.records.recordCard({
          requestId,
          kind,
          recipientAadObjectId: recipient,
          messageId,
          address: toAddress(reference),
        });
      }
      return true;
    } catch (error) {
      logger.warn({ err: error, requestId, kind }, 'proactive message not delivered');
      return false;
    }
  }
}
