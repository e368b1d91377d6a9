/** Small adapters between botbuilder's turn objects and the bot's plain cards and references. */
import { ActivityTypes, CardFactory, MessageFactory, type TurnContext } from 'botbuilder';
import type { AdaptiveCard } from '../cards';

export type AdaptiveCardJson = AdaptiveCard;

export type ConversationScope = 'personal' | 'channel' | 'groupChat';

export async function sendCard(context: TurnContext, card: AdaptiveCardJson): Promise<string | undefined> {
  const response = await context.sendActivity(MessageFactory.attachment(CardFactory.adaptiveCard(card)));
  return response?.id;
}

export function scopeOf(context: TurnContext): ConversationScope {
  const type = context.activity.conversation?.conversationType;
  if (type === 'channel') return 'channel';
  if (type === 'groupChat') return 'groupChat';
  return 'personal';
}

export function isInvoke(context: TurnContext): boolean {
  return context.activity.type === ActivityTypes.Invoke;
}

/** Answers an invoke directly (Teams waits for this body; without it Teams shows an error). */
export async function sendInvokeResponse(context: TurnContext, status: number, body: unknown): Promise<void> {
  await context.sendActivity({ type: ActivityTypes.InvokeResponse, value: { status, body } });
}

/** The Universal Actions response that replaces the card for the person who clicked. */
export async function answerActionWithCard(context: TurnContext, card: AdaptiveCardJson): Promise<void> {
  await sendInvokeResponse(context, 200, {
    statusCode: 200,
    type: 'application/vnd.microsoft.card.adaptive',
    value: card,
  });
}

export async function answerActionWithMessage(context: TurnContext, message: string): Promise<void> {
  await sendInvokeResponse(context, 200, {
    statusCode: 200,
    type: 'application/vnd.microsoft.activity.message',
    value: message,
  });
}

/** When the person sent the activity, as Teams stamps it (the server's time when it does not). */
export function sentAt(context: TurnContext): Date {
  const stamped = context.activity.timestamp ? new Date(context.activity.timestamp) : undefined;
  return stamped && !Number.isNaN(stamped.getTime()) ? stamped : new Date();
}
