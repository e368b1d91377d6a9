/**
 * Messages the bot starts itself, through stored conversation references: approval cards to
 * supervisors, share links and notices to officers, and updates (PUT) of cards it sent earlier.
 */
import {
  CardFactory,
  MessageFactory,
  TurnContext,
  type ConversationParameters,
  type ConversationReference,
} from 'botbuilder';
import { AuthenticationConstants } from 'botframework-connector';
import type { AdaptiveCard } from '../../cards';
import { channelReference, type Reference } from '../conversation-address';

export interface ContinuingAdapter {
  continueConversationAsync(
    botAppId: string,
    reference: Partial<ConversationReference>,
    logic: (context: TurnContext) => Promise<void>,
  ): Promise<void>;
  createConversationAsync(
    botAppId: string,
    channelId: string,
    serviceUrl: string,
    audience: string,
    conversationParameters: ConversationParameters,
    logic: (context: TurnContext) => Promise<void>,
  ): Promise<void>;
}

export class Proactive {
  constructor(
    private readonly adapter: ContinuingAdapter,
    private readonly botAppId: string,
  ) {}

  /** Posts a card as a new message; returns the id the connector gave it. */
  async send(reference: Reference, card: AdaptiveCard): Promise<string | undefined> {
    let id: string | undefined;
    await this.adapter.continueConversationAsync(this.botAppId, newMessageReference(reference), async (context) => {
      const response = await context.sendActivity(MessageFactory.attachment(CardFactory.adaptiveCard(card)));
      id = response?.id;
    });
    return id;
  }

  /**
   * Opens the personal chat with a Teams user the bot has no reference for, through the connector
   * another conversation of the same tenant uses. Teams allows it only where the app is installed
   * for that user (e.g. installed for everyone by an admin); otherwise the connector refuses and
   * this throws.
   */
  async openPersonalChat(teamsUserId: string, via: Reference): Promise<Reference> {
    const tenantId = via.conversation?.tenantId;
    let opened: Reference | undefined;
    await this.adapter.createConversationAsync(
      this.botAppId,
      via.channelId ?? 'msteams',
      via.serviceUrl ?? '',
      AuthenticationConstants.ToChannelFromBotOAuthScope,
      {
        isGroup: false,
        bot: via.bot!,
        members: [{ id: teamsUserId, name: '' }],
        tenantId,
        channelData: { tenant: { id: tenantId } },
      } as ConversationParameters,
      async (context) => {
        const reference = TurnContext.getConversationReference(context.activity);
        opened = {
          ...reference,
          conversation: {
            ...reference.conversation,
            conversationType: 'personal',
            tenantId,
          } as ConversationReference['conversation'],
        };
      },
    );
    if (!opened) throw new Error('the connector opened no conversation');
    return opened;
  }

  /** Replaces the card of a message the bot sent before. */
  async update(reference: Reference, activityId: string, card: AdaptiveCard): Promise<void> {
    await this.adapter.continueConversationAsync(this.botAppId, newMessageReference(reference), async (context) => {
      const activity = MessageFactory.attachment(CardFactory.adaptiveCard(card));
      activity.id = activityId;
      await context.updateActivity(activity);
    });
  }
}

/**
 * A stored reference points at the message it was captured from: without its activity id the
 * message is a new one rather than a reply, and in a channel the thread suffix (`;messageid=`) is
 * dropped so the message starts its own thread.
 */
function newMessageReference(reference: Reference): Reference {
  return { ...channelReference(reference), activityId: undefined };
}
