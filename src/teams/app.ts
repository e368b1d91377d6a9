import { ActivityTypes, type TurnContext } from 'botbuilder';
import { Application, TurnState, type TeamsAdapter } from '@microsoft/teams-ai';
import type { Person } from '../footage/people';
import { UpstreamUnavailableError } from '../footage/errors';
import { logger, withCorrelation } from '../log';
import { classifyText, MAX_COMMAND_CHARS } from './text-commands';
import { isInvoke, referenceOf, scopeOf, sendCard, sendInvokeResponse, answerActionWithCard, type AdaptiveCardJson, type ConversationScope } from './turn-helpers';
import { COMMANDS } from './commands';
import { handleFindText, registerFindRoutes, type FindRouteDeps } from './find-routes';
import { handleAccessText, isAccessCommand, registerAccessRoutes, type AccessRouteDeps } from './access';
import { PERSON_KEY, personOf } from './person';
import { register as registerFootageRequests, type FootageRequestRouteDeps } from './footage-requests';
import { register as registerChatUploads, type ChatUploadRouteDeps } from './chat-upload';
import { errorCard, helpCard, notRegisteredCard, unknownTextCard, welcomeCard } from '../cards';

/**
 * What the Teams layer needs from the rest of the bot. Everything behind it is plain domain code:
 * this module turns activities into calls on these and cards back into activities.
 */
export interface TeamsServices {
  /** The person behind a Teams user, from the server-side roster (never from the activity). */
  identify(aadObjectId: string): Promise<Person | null>;
  /** Remembers where to reach a person proactively; called on install and on every activity. */
  rememberConversation(input: { aadObjectId: string; person: Person | null; scope: ConversationScope; reference: unknown }): Promise<void>;
  supportContact: string;
  find: FindRouteDeps;
  /** Requests, approvals, grants. */
  access: AccessRouteDeps;
  /** Asking camera owners for footage. */
  footageRequests?: FootageRequestRouteDeps;
  /** Files attached in the personal chat. */
  chatUploads?: ChatUploadRouteDeps;
}


export function createTeamsApp(adapter: TeamsAdapter, botAppId: string | undefined, services: TeamsServices): Application<TurnState> {
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
    await services.rememberConversation({ aadObjectId, person, scope: scopeOf(context), reference: referenceOf(context) });
    if (person) {
      context.turnState.set(PERSON_KEY, person);
      return true;
    }
    if (isUserFacing(context)) {
      await answer(context, notRegisteredCard({ whomToAsk: services.supportContact }), `You're not registered to use CCTV Footage. Ask ${services.supportContact} to add you.`);
    }
    return false;
  });

  app.activity(ActivityTypes.InstallationUpdate, async (context) => {
    if (context.activity.action === 'add' || context.activity.action === 'add-upgrade') {
      await sendCard(context, welcomeCard(personOf(context)));
    }
  });

  app.conversationUpdate('membersAdded', async (context) => {
    const botAdded = (context.activity.membersAdded ?? []).some((m) => m.id === context.activity.recipient?.id);
    // Personal installs also send installationUpdate, which already welcomed the person.
    if (botAdded && scopeOf(context) !== 'personal') {
      await sendCard(context, welcomeCard(personOf(context)));
    }
  });

  // First: a message with only a file has no text for the other routes to read.
  if (services.chatUploads) registerChatUploads(app, services.chatUploads);
  registerFindRoutes(app, services.find);
  registerAccessRoutes(app, services.access);
  if (services.footageRequests) registerFootageRequests(app, services.footageRequests);

  app.message(/[\s\S]*/, async (context) => {
    const person = personOf(context);
    const command = classifyText(context.activity.text);
    if (isAccessCommand(command)) {
      await handleAccessText(context, services.access, command);
      return;
    }
    switch (command.kind) {
      case 'help':
        await sendCard(context, helpCard(COMMANDS, person.role));
        return;
      case 'find':
        await handleFindText(context, services.find, command.text);
        return;
      case 'empty':
        await sendCard(context, unknownTextCard(exampleLines()));
        return;
      case 'tooLong':
        await sendCard(context, errorCard({
          title: 'That message is too long',
          message: `It has ${command.length.toLocaleString('en-GB')} characters; I read requests of up to ${MAX_COMMAND_CHARS.toLocaleString('en-GB')}. Say what you need in a sentence, for example: ${exampleLines()[1]}`,
          retryable: false,
        }));
        return;
      default:
        await sendCard(context, unknownTextCard(exampleLines()));
    }
  });

  // Invokes no route knows (a card from an older version, a forged verb, another command id) would
  // otherwise get 501, which Teams shows as "something went wrong".
  app.activity(ActivityTypes.Invoke, async (context) => {
    logger.warn({ name: context.activity.name, verb: (context.activity.value as { action?: { verb?: unknown } } | undefined)?.action?.verb }, 'unhandled invoke');
    const view = { title: "I can't do that from here", message: 'This button or command is not one I know; the card may come from an older version. Type help to see what I can do.', retryable: false };
    await answer(context, errorCard(view), `${view.title}. ${view.message}`);
  });

  app.error(async (context, error) => {
    logger.error({ err: error, type: context.activity.type, name: context.activity.name }, 'turn failed');
    const view =
      error instanceof UpstreamUnavailableError
        ? { title: 'Box is not answering just now', message: 'The footage store did not respond, so nothing was searched or changed. Please try again in a minute.', retryable: true }
        : { title: 'Something went wrong on our side', message: 'Nothing was changed. Please try again in a minute; if it keeps happening, tell your CCTV administrator.', retryable: true };
    await answer(context, errorCard(view), `${view.title}. ${view.message}`).catch((sendError: unknown) => logger.error({ err: sendError }, 'could not send the error card'));
  });

  return app;
}

/** Runs a turn with a correlation id so that every log line of the turn can be found together. */
export function runTurn(app: Application<TurnState>, context: TurnContext): Promise<boolean> {
  return withCorrelation(() => {
    logger.debug({ type: context.activity.type, name: context.activity.name, activityId: context.activity.id }, 'turn');
    return app.run(context);
  });
}

function isUserFacing(context: TurnContext): boolean {
  const type = context.activity.type;
  return type === ActivityTypes.Message || type === ActivityTypes.Invoke || type === ActivityTypes.InstallationUpdate;
}

/**
 * Replies in the form the activity expects: a card message, the card as a Universal Action's
 * response, or `text` where only text fits (a message extension's answer).
 */
async function answer(context: TurnContext, card: AdaptiveCardJson, text: string): Promise<void> {
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

function exampleLines(): string[] {
  return COMMANDS.flatMap((c) => c.examples).slice(0, 5);
}
