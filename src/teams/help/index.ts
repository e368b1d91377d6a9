/**
 * Greeting people: the welcome card when the app is installed for someone or added to a team or
 * chat. The `help` command itself is an entry of the command table.
 */
import type { Application, TurnState } from '@microsoft/teams-ai';
import { ActivityTypes, type TurnContext } from 'botbuilder';
import { COMMANDS } from '../commands/table';
import type { TeamsServices } from '../deps';
import { personOf } from '../person';
import { scopeOf, sendCard } from '../turn-helpers';
import { welcomeCardFor } from './views';

export function register(app: Application<TurnState>, services: TeamsServices): void {
  const welcome = (context: TurnContext) =>
    sendCard(context, welcomeCardFor(COMMANDS, personOf(context), services.notice?.()));

  app.activity(ActivityTypes.InstallationUpdate, async (context) => {
    if (context.activity.action === 'add' || context.activity.action === 'add-upgrade') await welcome(context);
  });

  app.conversationUpdate('membersAdded', async (context) => {
    const botAdded = (context.activity.membersAdded ?? []).some((m) => m.id === context.activity.recipient?.id);
    // Personal installs also send installationUpdate, which already welcomed the person.
    if (botAdded && scopeOf(context) !== 'personal') await welcome(context);
  });
}
