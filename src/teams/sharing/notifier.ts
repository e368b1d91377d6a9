/**
 * Sharing's messages, delivered proactively: share and partner approval cards to supervisors (and
 * the approvals channel), download approvals to admins, and the sharer's cards as a share moves
 * on. A person the bot has no stored chat with is reached by opening one (as the access flow does);
 * one it cannot reach is reported as not reached, never as an error. Every approval card sent is
 * recorded, so routing never sends it twice and a decision redraws each copy in place.
 */
import { confirmationCard, errorCard, type AdaptiveCard } from '../../cards';
import { AccessRecords } from '../../footage/access';
import type { Person } from '../../footage/people';
import type { AccessRequest, ConversationAddress, Store } from '../../footage/ports/store';
import {
  partnerTarget,
  shareTarget,
  type PartnerNotifier,
  type PartnerShare,
  type ShareGroup,
  type ShareNotifier,
  type SharingStoreExtension,
} from '../../footage/sharing';
import { logger } from '../../log';
import { PersonalChats } from '../access/personal-chats';
import type { Proactive } from '../access/proactive';
import { channelReference, toAddress, toReference, type Reference } from '../conversation-address';
import type { SharingViews } from './views';

export class TeamsSharingNotifier implements ShareNotifier, PartnerNotifier {
  /** Redraws of one share's copies run one after another, so the last drawn state is the newest. */
  private readonly redraws = new Map<string, Promise<void>>();
  private readonly chats: PersonalChats;

  constructor(
    private readonly store: Store & SharingStoreExtension,
    private readonly proactive: Proactive,
    private readonly views: SharingViews,
  ) {
    this.chats = new PersonalChats(new AccessRecords(store), proactive);
  }

  askShareApprover(group: ShareGroup, approver: Person): Promise<boolean> {
    return this.toPerson(approver.aadObjectId, [group.sharerAadObjectId], () => this.shareCardFor(group, approver), {
      subject: shareTarget(group.id),
    });
  }

  askShareChannel(group: ShareGroup, channel: ConversationAddress): Promise<boolean> {
    return this.toChannel(channel, shareTarget(group.id), () => this.shareCardFor(group, null));
  }

  shareChanged(groupId: string): Promise<void> {
    return this.redraw(shareTarget(groupId), async (viewer) => {
      const group = await this.store.sharing.shareGroups.get(groupId);
      return group ? this.shareCardFor(group, viewer) : undefined;
    });
  }

  async shareRouted(group: ShareGroup): Promise<void> {
    await this.toPerson(group.sharerAadObjectId, [], async () =>
      confirmationCard({
        title: 'Your share has been sent for approval',
        message: `Your share for case ${group.caseReference} (share id ${group.id}) could not reach a supervisor at first; it has now been sent to one.`,
      }),
    );
  }

  async shareUnroutable(group: ShareGroup): Promise<void> {
    await this.toPerson(group.sharerAadObjectId, [], async () =>
      errorCard({
        title: 'No supervisor could be reached',
        message: `Your share for case ${group.caseReference} (share id ${group.id}) is stored, but after several tries no one who may decide it could be sent it. It waits until a supervisor or administrator types shares; you may want to tell your supervisor.`,
        retryable: false,
      }),
    );
  }

  askPartnerApprover(share: PartnerShare, approver: Person): Promise<boolean> {
    return this.toPerson(
      approver.aadObjectId,
      [share.sharerAadObjectId],
      () => this.views.partnerCard(share, approver),
      {
        subject: partnerTarget(share.id),
      },
    );
  }

  askPartnerChannel(share: PartnerShare, channel: ConversationAddress): Promise<boolean> {
    return this.toChannel(channel, partnerTarget(share.id), () => this.views.partnerCard(share, null));
  }

  askDownloadApprover(share: PartnerShare, admin: Person): Promise<boolean> {
    const via = [share.downloadRequestedBy, share.sharerAadObjectId];
    return this.toPerson(admin.aadObjectId, via, () => this.views.partnerCard(share, admin), {
      subject: partnerTarget(share.id),
    });
  }

  async partnerShareChanged(share: PartnerShare): Promise<void> {
    const sharer = await this.store.people.findByAadObjectId(share.sharerAadObjectId);
    await this.toPerson(share.sharerAadObjectId, [share.decidedBy], () =>
      this.views.partnerCard(share, sharer ?? null),
    );
    await this.partnerCardsChanged(share.id);
  }

  partnerCardsChanged(shareId: string): Promise<void> {
    return this.redraw(partnerTarget(shareId), async (viewer) => {
      const share = await this.store.sharing.partnerShares.get(shareId);
      return share ? this.views.partnerCard(share, viewer) : undefined;
    });
  }

  async partnerShareRouted(share: PartnerShare): Promise<void> {
    await this.toPerson(share.sharerAadObjectId, [], async () =>
      confirmationCard({
        title: 'Your partner share has been sent for approval',
        message: `Your share of ${share.fileName} with ${share.email} could not reach a supervisor at first; it has now been sent to one.`,
      }),
    );
  }

  async partnerShareUnroutable(share: PartnerShare): Promise<void> {
    await this.toPerson(share.sharerAadObjectId, [], async () =>
      errorCard({
        title: 'No supervisor could be reached',
        message: `Your share of ${share.fileName} with ${share.email} is stored, but after several tries no one who may decide it could be sent it. It waits until a supervisor or administrator types shares; you may want to tell your supervisor.`,
        retryable: false,
      }),
    );
  }

  private async shareCardFor(group: ShareGroup, viewer: Person | null): Promise<AdaptiveCard> {
    const current = (await this.store.sharing.shareGroups.get(group.id)) ?? group;
    const requests = await Promise.all(current.members.map((m) => this.store.requests.get(m.requestId)));
    return this.views.shareCard(
      current,
      requests.filter((r): r is AccessRequest => r !== undefined),
      viewer,
    );
  }

  /** Redraws every recorded copy about `subject` for its recipient, one subject's redraws in order. */
  private redraw(subject: string, draw: (viewer: Person | null) => Promise<AdaptiveCard | undefined>): Promise<void> {
    const previous = this.redraws.get(subject) ?? Promise.resolve();
    const settled = previous
      .then(() => this.redrawCopies(subject, draw))
      .catch((error: unknown) => logger.error({ err: error, subject }, 'could not update the cards of a share'));
    this.redraws.set(subject, settled);
    void settled.then(() => {
      if (this.redraws.get(subject) === settled) this.redraws.delete(subject);
    });
    return settled;
  }

  private async redrawCopies(
    subject: string,
    draw: (viewer: Person | null) => Promise<AdaptiveCard | undefined>,
  ): Promise<void> {
    for (const copy of await this.store.sharing.shareCards.list(subject)) {
      try {
        const viewer = copy.recipientAadObjectId
          ? ((await this.store.people.findByAadObjectId(copy.recipientAadObjectId)) ?? null)
          : null;
        const card = await draw(viewer);
        if (card) await this.proactive.update(toReference(copy.address), copy.messageId, card);
      } catch (error) {
        // One unreachable copy (deleted chat, removed app) must not keep the others stale.
        logger.warn(
          { err: error, subject, conversationId: copy.address.conversationId },
          'could not update a share card',
        );
      }
    }
  }

  private async toPerson(
    aadObjectId: string,
    via: ReadonlyArray<string | null>,
    draw: () => Promise<AdaptiveCard>,
    record?: { subject: string },
  ): Promise<boolean> {
    const reference = await this.chats.reach(aadObjectId, via);
    if (!reference) {
      logger.info({ to: aadObjectId }, 'no personal conversation to send a sharing card to');
      return false;
    }
    return this.deliver(reference, aadObjectId, draw, record);
  }

  private toChannel(
    channel: ConversationAddress,
    subject: string,
    draw: () => Promise<AdaptiveCard>,
  ): Promise<boolean> {
    return this.deliver(channelReference(toReference(channel)), null, draw, { subject });
  }

  private async deliver(
    reference: Reference,
    recipient: string | null,
    draw: () => Promise<AdaptiveCard>,
    record: { subject: string } | undefined,
  ): Promise<boolean> {
    try {
      const messageId = await this.proactive.send(reference, await draw());
      if (record && messageId) {
        await this.store.sharing.shareCards.record({
          subject: record.subject,
          recipientAadObjectId: recipient,
          messageId,
          address: toAddress(reference),
        });
      }
      return true;
    } catch (error) {
      logger.warn({ err: error, to: recipient ?? 'channel' }, 'could not deliver a sharing card');
      return false;
    }
  }
}
