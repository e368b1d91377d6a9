/**
 * What the Teams layer needs from the rest of the bot, built once by the composition root
 * (src/bot.ts). Everything behind it is plain domain code: the routes turn activities into calls on
 * these and cards back into activities.
 */
import type { Application, TurnState } from '@microsoft/teams-ai';
import type { TurnContext } from 'botbuilder';
import type { Person } from '../footage/people';
import type { ConversationAddress } from '../footage/ports/store';
import type { AccessRouteDeps } from './access/deps';
import type { ChatUploadRouteDeps } from './chat-upload/routes';
import type { FindRouteDeps } from './find/deps';
import type { FootageRequestRouteDeps } from './footage-requests/deps';
import type { LateAnswers } from './late-answers';
import type { ConversationScope } from './turn-helpers';

export interface TeamsServices {
  /** The person behind a Teams user, from the server-side roster (never from the activity). */
  identify(aadObjectId: string): Promise<Person | null>;
  /** Remembers where to reach a person proactively; called on install and on every activity. */
  rememberConversation(input: {
    person: Person | null;
    scope: ConversationScope;
    address: ConversationAddress;
  }): Promise<void>;
  /** Whom an unregistered person should ask, e.g. "your CCTV single point of contact". */
  supportContact: string;
  /** A line shown at the top of the welcome and help cards (the demo clock says so there); none by default. */
  notice?: () => string | undefined;
  find: FindRouteDeps;
  /** Requests, approvals, grants. */
  access: AccessRouteDeps;
  /** Asking camera owners for footage; absent when Box has no file request template to copy. */
  footageRequests?: FootageRequestRouteDeps;
  /** Files attached in the personal chat, streamed into Box. */
  chatUploads?: ChatUploadRouteDeps;
  /** Sharing onward and the chain of custody: its card actions and people search, and its typed commands. */
  sharing?: { register(app: Application<TurnState>): void; handleText(context: TurnContext): Promise<boolean> };
  /** Answers for card actions that outlast what Teams waits; without it every turn simply waits. */
  lateAnswers?: LateAnswers;
}
