/**
 * Sharing's messages, delivered proactively through the personal-chat reference stored for each
 * person (and the approvals channel): share and partner approval cards to supervisors, download
 * approvals to admins, and the sharer's card when a partner share moves on. A person the bot has
 * no reference for is reported as not reached, never as an error.
 */
import type { AdaptiveCard } from '../../cards';
import type { Person } from '../../footage/people';
import type { AccessRequest, ConversationAddress, Store } from '../../footage/ports/store';
import type {
  PartnerNotifier,
  PartnerShare,
  ShareGroup,
  ShareNotifier,
  SharingStoreExtension,
} from '../../footage/sharing';
import { logger } from '../../log';
import type { Proactive } from '../access/proactive';
import { channelReference, toReference } from '../conversation-address';
import type { SharingViews } from './views';

export class TeamsSharingNotifier implements ShareNotifier, PartnerNotifier {
  constructor(
    private readonly store: Store & SharingStoreExtension,
    private readonly proactive: Proactive,
    private readonly views: SharingViews,
  ) {}

  async askShareApprover(group: ShareGroup, approver: Person): Promise<boolean> {
    return this.toPerson(approver.aadObjectId, async () => this.shareCardFor(group, approver));
  }

  async askShareChannel(group: ShareGroup, channel: ConversationAddress): Promise<boolean> {
    return this.toChannel(channel, () => this.shareCardFor(group, null));
  }

  async askPartnerApprover(share: PartnerShare, approver: Person): Promise<boolean> {
    return this.toPerson(approver.aadObjectId, () => this.views.partnerCard(share, approver));
  }

  async askPartnerChannel(share: PartnerShare, channel: ConversationAddress): Promise<boolean> {
    return this.toChannel(channel, () => this.views.partnerCard(share, null));
  }

  async askDownloadApprover(share: PartnerShare, admin: Person): Promise<boolean> {
    return this.toPerson(admin.aadObjectId, () => this.views.partnerCard(share, admin));
  }

  async partnerShareChanged(share: PartnerShare): Promise<void> {
    const sharer = await this.store.people.findByAadObjectId(share.sharerAadObjectId);
    await this.toPerson(share.sharerAadObjectId, () => this.views.partnerCard(share, sharer ?? null));
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

  private async toPerson(aadObjectId: string, draw: () => Promise<AdaptiveCard>): Promise<boolean> {
    const stored = (await this.store.conversations.get(aadObjectId)).personal?.address;
    const reference = stored ? toReference(stored) : undefined;
    if (!reference) return false;
    try {
      await this.proactive.send(reference, await draw());
      return true;
    } catch (error) {
      logger.warn({ err: error, to: aadObjectId }, 'could not deliver a sharing card');
      return false;
    }
  }

  private async toChannel(channel: ConversationAddress, draw: () => Promise<AdaptiveCard>): Promise<boolean> {
    try {
      await this.proactive.send(channelReference(toReference(channel)), await draw());
      return true;
    } catch (error) {
      logger.warn({ err: error }, 'could not post a sharing card in the approvals channel');
      return false;
    }
  }
}
