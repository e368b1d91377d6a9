/**
 * The baseline for the bot's own overhead: the same stack (restify, botbuilder's CloudAdapter via
 * teams-ai's TeamsAdapter in the same anonymous mode, a teams-ai Application with the bot's options)
 * answering every message with one static Adaptive Card, and nothing else. The card is whatever the
 * benchmark hands it (the bot's own answer to the same text, captured once), so both send the same
 * bytes to the connector and the difference between them is the bot's own work.
 */
import { Application, TeamsAdapter } from '@microsoft/teams-ai';
import { ActivityTypes, CardFactory, ConfigurationServiceClientCredentialFactory } from 'botbuilder';
import type { AddressInfo } from 'node:net';
import restify from 'restify';

const STATIC_CARD = {
  type: 'AdaptiveCard',
  $schema: 'http://adaptivecards.io/schemas/adaptive-card.json',
  version: '1.5',
  body: [
    { type: 'TextBlock', text: 'Echo', weight: 'bolder', size: 'medium', wrap: true },
    { type: 'TextBlock', text: 'A static card, the same for every message.', wrap: true },
  ],
};

export interface EchoBot {
  url: string;
  /** From now on every message is answered with this card. */
  answerWith(card: Record<string, unknown>): void;
  close(): Promise<void>;
}

export async function startEchoBot(): Promise<EchoBot> {
  const adapter = new TeamsAdapter({}, new ConfigurationServiceClientCredentialFactory({}));
  // The bot's own Application options: no typing indicator (another connector call), no state storage.
  const app = new Application({
    adapter,
    removeRecipientMention: true,
    startTypingTimer: false,
    longRunningMessages: false,
  });
  let card: Record<string, unknown> = STATIC_CARD;
  app.activity(ActivityTypes.Message, async (context) => {
    await context.sendActivity({ attachments: [CardFactory.adaptiveCard(card)] });
  });
  const server = restify.createServer({ name: 'echo-bot', handleUncaughtExceptions: false });
  server.use(restify.plugins.bodyParser({ mapParams: false }));
  server.post('/api/messages', async (req, res) => {
    await adapter.process(req, res, async (context) => {
      await app.run(context);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    answerWith: (next) => {
      card = next;
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
