/**
 * Composition of the chat upload flow, kept out of bot.ts: its own Box clients on the same
 * configuration (streamed uploads; the intake side for the staging folders and the hash lookup),
 * with the chunked-upload threshold and parallelism from the configuration.
 */
import type { BoxGatewayConfig } from './box';
import { createChatUploadGateway } from './box/chat-upload';
import { createIntakeGateway } from './box/intake';
import type { AppConfig } from './config';
import type { Store } from './footage/ports/store';
import type { Gazetteer } from './footage/query';
import type { ContinuingAdapter } from './teams/access/proactive';
import { createChatUploadFeature, type ChatUploadFeature } from './teams/chat-upload';

export interface ChatUploadWiring {
  config: AppConfig;
  store: Store;
  adapter: ContinuingAdapter;
  gazetteer: Gazetteer;
  gateway: BoxGatewayConfig;
}

export function startChatUploads(wiring: ChatUploadWiring): ChatUploadFeature {
  const { config } = wiring;
  const settings = config.chatUploads;
  return createChatUploadFeature({
    store: wiring.store,
    box: createChatUploadGateway(wiring.gateway, {
      directMaxBytes: settings.directMaxBytes,
      parallelParts: settings.parallelParts,
    }),
    // Staging folders sit beside the owners' intake folders; file request pages are not used here.
    intake: createIntakeGateway({ ...wiring.gateway, appBaseUrl: 'https://app.box.com' }),
    adapter: wiring.adapter,
    botAppId: config.bot.mode === 'authenticated' ? config.bot.appId : '',
    registry: wiring.gazetteer,
    settings,
    jobs: { maxAttempts: config.jobs.maxAttempts, retryBaseMs: config.jobs.retryBaseMs },
  });
}
