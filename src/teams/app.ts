/**
 * The Teams application: who is speaking (every turn), then each feature's routes, the text
 * dispatcher, and the answers for what no route knows and for failures. Turns activities into calls
 * on TeamsServices and cards back into activities.
 */
import { Application, TurnState, type TeamsAdapter } from '@microsoft/teams-ai';
import { ActivityTypes, type TurnContext } from 'botbuilder';
import { boxUnavailableCard, errorCard, notRegisteredCard, type AdaptiveCard } from '../cards';
import { UpstreamUnavailableError } from '../footage/errors';
import { MESSAGES } from '../footage/messages';
import { logger, withCorrelation } from '../log';
import * as access from './access';
import * as chatUploads from './chat-upload';
import { dispatchText } from './commands';
import { referenceOf, toAddress } from './conversation-address';
import type { TeamsServices } from './deps';
import * as find from './find';
import * as footageRequests from './footage-requests';
import * as help from './help';
import { LATE_ANSWERS_KEY } from './late-answers';
import { PERSON_KEY } from './person';
import * as sharing from './sharing/register';
import { answerActionWithCard, isInvoke, scopeOf, sendCard, sendInvokeResponse } from './turn-helpers';

/** Each feature registers its own routes; a new feature adds itself here. */
const FEATURES = [chatUploads, help, find, access, footageRequests, sharing];

export function createTeamsApp(
  adapter: TeamsAdapter | undefined,
  botAppId: string | undefined,
  services: TeamsServices,
): Application<TurnState> {
  const app = new Application<TurnState>({
    adapter,
    botAppId,
    removeRecipientMention: true,
    startTypingTimer: false,
    longRunningMessages: false,
  });
  // Every turn: remember the conversation, resolve the person, and stop unknown people here.
  app.turn('beforeTurn', async (context) => {
    const aadObjectId = context.activity.from?.aadObjectId;
    if (!aadObjectId) {
      logger.warn({ type: context.activity.type }, 'activity without aadObjectId ignored');
      return false;
    }
    const person = await services.identify(aadObjectId);
    await services.rememberConversation({ person, scope: scopeOf(context), address: toAddress(referenceOf(context)) });
    if (services.lateAnswers) context.turnState.set(LATE_ANSWERS_KEY, services.lateAnswers);
    if (person) {
      context.turnState.set(PERSON_KEY, person);
      return true;
    }
    if (isUserFacing(context)) {
      await answer(
        context,
        notRegisteredCard({ whomToAsk: services.supportContact }),
        `${MESSAGES.notRegistered} Ask ${services.supportContact} to add you.`,
      );
    }
    return false;
  });

  for (const feature of FEATURES) feature.register(app, services);

  app.message(/[\s\S]*/, (context) => dispatchText(context, services));

  // Invokes no route knows (a card from an older version, a forged verb, another command id) would
  // otherwise get 501, which Teams shows as "something went wrong".
  app.activity(ActivityTypes.Invoke, async (context) => {
    logger.warn(
      {
        name: context.activity.name,
        verb: (context.activity.value as { action?: { verb?: unknown } } | undefined)?.action?.verb,
      },
      'unhandled invoke',
    );
    const view = {
      title: "I can't do that from here",
      message:
        'This button or command is not one I know; the card may come from an older version. Type help to see what I can do.',
      retryable: false,
    };
    await answer(context, errorCard(view), `${view.title}. ${view.message}`);
  });

  return app;
}

/**
 * Runs a turn with a correlation id so that every log line of the turn can be found together. A
 * failure is answered here, whatever adapter carries the turn, so nobody meets Teams' own
 * "something went wrong".
 */
export function runTurn(app: Application<TurnState>, context: TurnContext): Promise<boolean> {
  return withCorrelation(async () => {
    logger.debug({ type: context.activity.type, name: context.activity.name, activityId: context.activity.id }, 'turn');
    try {
      return await app.run(context);
    } catch (error) {
      await answerFailure(context, error);
      return true;
    }
  });
}

async function answerFailure(context: TurnContext, error: unknown): Promise<void> {
  logger.error({ err: error, type: context.activity.type, name: context.activity.name }, 'turn failed');
  const [card, text] =
    error instanceof UpstreamUnavailableError
      ? [
          boxUnavailableCard(MESSAGES.boxUnavailableDuringTurn),
          `${MESSAGES.boxUnavailableTitle}. ${MESSAGES.boxUnavailableDuringTurn}`,
        ]
      : [
          errorCard({
            title: 'Something went wrong on our side',
            message:
              'Nothing was changed. Please try again in a minute; if it keeps happening, tell your CCTV administrator.',
            retryable: true,
          }),
          'Something went wrong on our side. Nothing was changed. Please try again in a minute.',
        ];
  await answer(context, card, text).catch((sendError: unknown) =>
    logger.error({ err: sendError }, 'could not send the error card'),
  );
}

function isUserFacing(context: TurnContext): boolean {
  const type = context.activity.type;
  return type === ActivityTypes.Message || type === ActivityTypes.Invoke || type === ActivityTypes.InstallationUpdate;
}

/**
 * Replies in the form the activity expects: a card message, the card as a Universal Action's
 * response, or `text` where only text fits (a message extension's answer).
 */
async function answer(context: TurnContext, card: AdaptiveCard, text: string): Promise<void> {
  if (!isInvoke(context)) {
    await sendCard(context, card);
    return;
  }
  if (context.activity.name === 'adaptiveCard/action') {
    await answerActionWithCard(context, card);
    return;
  }
  if (context.activity.name === 'composeExtension/query') {
    await sendInvokeResponse(context, 200, { composeExtension: { type: 'message', text } });
    return;
  }
  await sendInvokeResponse(context, 200, {});
}
