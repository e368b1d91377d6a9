/**
 * The baseline for the bot's own overhead: the same stack (restify, botbuilder's CloudAdapter via
 * teams-ai's TeamsAdapter, a teams-ai Application) answering every message with one static Adaptive
 * Card, and nothing else. The difference between it and the real bot is the bot's own work.
 */
import { Application, TeamsAdapter } from '@microsoft/teams-ai';
import { ActivityTypes, CardFactory, ConfigurationServiceClientCredentialFactory, MemoryStorage } from 'botbuilder';
import restify from 'restify';
import type { AddressInfo } from 'node:net';

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
  close(): Promise<void>;
}

export async function startEchoBot(): Promise<EchoBot> {
  const adapter = new TeamsAdapter({}, new ConfigurationServiceClientCredentialFactory({}));
  const app = new Application({ adapter, storage: new MemoryStorage() });
  app.activity(ActivityTypes.Message, async (context) => {
    await context.sendActivity({ attachments: [CardFactory.adaptiveCard(STATIC_CARD)] });
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
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
