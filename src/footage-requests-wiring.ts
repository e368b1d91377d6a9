/**
 * Composition of the footage-request flow, kept out of bot.ts: the intake gateway on the same Box
 * configuration, the template file request and webhook keys (the emulator's own when Box is the
 * emulator and nothing else is configured), and polling when Box cannot reach the bot.
 */
import type { BoxGatewayConfig } from './box';
import { DEFAULT_FOOTAGE_ROOT } from './box/config';
import { createIntakeGateway, verifyWebhookSignature } from './box/intake';
import type { AppConfig } from './config';
import type { BoxEmulator } from './emulator';
import { relativeNow } from './footage/clock';
import type { BoxPort } from './footage/ports/box';
import type { Store } from './footage/ports/store';
import type { Gazetteer } from './footage/query';
import { logger } from './log';
import type { ContinuingAdapter } from './teams/access/proactive';
import { createFootageRequestFeature, type FootageRequestFeature } from './teams/footage-requests';
import { sentAt } from './teams/turn-helpers';

export interface FootageRequestWiring {
  config: AppConfig;
  store: Store;
  box: BoxPort;
  adapter: ContinuingAdapter;
  gazetteer: Gazetteer;
  emulator: BoxEmulator | undefined;
  gateway: BoxGatewayConfig;
}

export function startFootageRequests(wiring: FootageRequestWiring): FootageRequestFeature {
  const { config, emulator } = wiring;
  const settings = config.footageRequests;
  const templateId = settings.templateId ?? emulator?.fileRequestTemplateId;
  const keys =
    settings.webhookKeys.primary || settings.webhookKeys.secondary
      ? settings.webhookKeys
      : (emulator?.webhookSignatureKeys ?? {});
  const intake = createIntakeGateway({
    ...wiring.gateway,
    appBaseUrl: emulator && !settings.templateId ? emulator.url : settings.boxAppUrl,
  });
  if (!templateId)
    logger.warn(
      'BOX_FILE_REQUEST_TEMPLATE_ID is not set: footage requests to camera owners are off (npm run box:setup says how to make one)',
    );
  logger.info(
    { arrivals: settings.publicUrl ? 'webhooks' : `polling every ${settings.pollMs} ms` },
    'footage requests ready',
  );
  return createFootageRequestFeature({
    store: wiring.store,
    box: wiring.box,
    intake,
    adapter: wiring.adapter,
    botAppId: config.bot.mode === 'authenticated' ? config.bot.appId : '',
    gazetteer: wiring.gazetteer,
    templateId,
    defaultLinkDays: settings.defaultLinkDays,
    force: { name: settings.forceName },
    footageRoot: wiring.gateway.footageRoot ?? DEFAULT_FOOTAGE_ROOT,
    accessDays: config.access.defaultDurationDays,
    jobs: {
      maxAttempts: config.jobs.maxAttempts,
      retryBaseMs: config.jobs.retryBaseMs,
      expirySweepMs: config.jobs.expirySweepMs,
    },
    pollMs: settings.publicUrl ? undefined : settings.pollMs,
    submissionSettleMs: Math.round(settings.submissionSettleMinutes * 60_000),
    verifySignature: (body, headers) => verifyWebhookSignature(body, headers, keys),
    now: (context) => relativeNow(config.clock, sentAt(context)),
  });
}
