/**
 * The composition root: builds every part from configuration, in the order readiness needs
 * (HTTP first so /healthz can say "starting", then database, Box, demo seed), and owns shutdown.
 */
import { readFile } from 'node:fs/promises';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import type { Request, Response, Server } from 'restify';
import { createAccessFeature } from './access-wiring';
import { createBoxGateway, describeBoxTarget, type BoxGatewayConfig } from './box';
import { gatewayConfigFor } from './box/from-app-config';
import { startChatUploads } from './chat-upload-wiring';
import type { AppConfig } from './config';
import { startDirectory, type StartedDirectory } from './directory';
import { startBoxEmulator, type BoxEmulator } from './emulator';
import { startFootageRequests } from './footage-requests-wiring';
import { relativeNow } from './footage/clock';
import { clockNotice } from './footage/demo-clock';
import { ConfigError } from './footage/errors';
import { FindFootage } from './footage/find';
import { sharedPageTokens } from './footage/page-token';
import type { Person } from './footage/people';
import type { BoxPort } from './footage/ports/box';
import type { Store } from './footage/ports/store';
import { loadGazetteer, type Gazetteer } from './footage/query';
import { FootageSearch } from './footage/search-service';
import { decidedOnShareCard } from './footage/sharing';
import { Health } from './health';
import { registerBoxWebhooks, type BoxWebhookReceiver } from './http/box-webhooks';
import { logger } from './log';
import { loadPartners } from './partners';
import { loadDemoData, seedDemoIfNeeded } from './seed-on-start';
import { createHttpServer } from './server';
import { describePostgresUrl, openStore, SQLITE_FILE_NAME } from './store';
import type { AccessRouteDeps } from './teams/access';
import { Proactive } from './teams/access/proactive';
import { createAdapter } from './teams/adapter';
import { createTeamsApp, runTurn } from './teams/app';
import { ConversationMemory } from './teams/conversation-memory';
import type { TeamsServices } from './teams/deps';
import { shownGrants } from './teams/find/shown-grants';
import { lateAnswersThrough } from './teams/late-answers';
import { RateLimiter } from './teams/rate-limit';
import { createSharingFeature, type SharingFeature } from './teams/sharing';
import { guardTurns } from './teams/turn-guards';
import { sentAt } from './teams/turn-helpers';
import { JobRunner } from './workers';

export interface RunningBot {
  url: string;
  port: number;
  /** Resolves when the bot is ready to serve turns; rejects if start-up failed. */
  ready: Promise<void>;
  health: Health;
  /** Present once start-up has reached them (tests use them to look inside). */
  store?: Store;
  box?: BoxPort;
  emulator?: BoxEmulator;
  /** Where people come from (roster file or Entra ID), with the Graph emulator when one runs. */
  directory?: StartedDirectory;
  /** The durable job runner (grants, revocations, expiry), unless JOBS_ENABLED=false. */
  jobs?: JobRunner;
  /** Stops accepting, finishes in-flight turns, then closes the database and the emulator. */
  close(): Promise<void>;
}

/** What the composition root takes besides configuration. */
export interface StartOptions {
  /**
   * A line for the top of the welcome and help cards, e.g. that the bot runs on demo data with a
   * demo clock ("Demo data: 1–31 March 2026; it is Fri 20 Mar 2026, 10:00 GMT here"). None by default.
   */
  demoNotice?: string;
}

export async function startBot(config: AppConfig, options: StartOptions = {}): Promise<RunningBot> {
  const health = new Health(
    {
      box: boxTargetLabel(config),
      database: {
        kind: config.databaseUrl ? 'postgres' : 'sqlite',
        target: config.databaseUrl
          ? describePostgresUrl(config.databaseUrl)
          : path.join(config.dataDir, SQLITE_FILE_NAME),
      },
    },
    config.seedDemo,
  );
  if (config.emulatorAllowedInProduction) {
    const warning =
      'ALLOW_EMULATOR_IN_PRODUCTION=true: production may run on the local Box emulator, demo data or without Bot Framework authentication';
    health.warn(warning);
    logger.warn(warning);
  }
  const adapter = createAdapter(config.bot);
  let handleTurn: ((req: Request, res: Response) => Promise<void>) | undefined;

  const { server, drain } = createHttpServer(
    {
      messages: (req, res) => {
        if (!handleTurn) throw new Error('turn handler not ready');
        return handleTurn(req, res);
      },
      health: () => health.report(),
      isReady: () => health.isReady,
    },
    { maxBodyBytes: config.maxBodyBytes, healthDetailToken: config.healthDetailToken },
  );
  let webhookReceiver: BoxWebhookReceiver | undefined;
  registerBoxWebhooks(server, () => webhookReceiver);
  await listen(server, config.port, config.host);
  const port = (server.address() as AddressInfo).port;
  const running: RunningBot = {
    url: `http://127.0.0.1:${port}`,
    port,
    health,
    ready: Promise.resolve(),
    close: async () => undefined,
  };

  let closing: Promise<void> | undefined;
  running.close = () => {
    closing ??= (async () => {
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await drain();
      // The job in hand finishes while the database is still open.
      await running.jobs?.stop();
      await running.store?.close();
      await running.directory?.close();
      await running.emulator?.close();
      logger.info('bot stopped');
    })();
    return closing;
  };

  running.ready = (async () => {
    try {
      if (config.box.kind === 'emulator') {
        running.emulator = await startBoxEmulator({
          dataDir: config.dataDir,
          port: config.box.port,
          host: '127.0.0.1',
          ...(config.box.uploadPartSize ? { uploadPartSize: config.box.uploadPartSize } : {}),
          ...(config.box.minChunkedUploadSize ? { minChunkedUploadSize: config.box.minChunkedUploadSize } : {}),
        });
        logger.info({ url: running.emulator.url }, 'Box emulator listening');
      }
      health.setStage('migrating');
      const store = await openStore({ databaseUrl: config.databaseUrl, dataDir: config.dataDir });
      running.store = store;
      await store.migrate();
      const directory = await startDirectory(config.directory, { store, bot: config.bot, dataDir: config.dataDir });
      running.directory = directory;
      health.setDirectory(() => directory.directory.status());

      health.setStage('connecting_box');
      const box = createBoxGateway(gatewayConfig(config, running.emulator));
      running.box = box;
      const me = await box.whoAmI();
      logger.info({ boxUser: me.login, target: boxTargetLabel(config, running.emulator) }, 'Box reachable');
      health.setProbes({ box: async () => Boolean(await box.whoAmI()), database: () => store.ping() });

      if (config.seedDemo) {
        health.setStage('seeding');
        health.setSeed('running');
        const outcome = await seedDemoIfNeeded(box, store, await loadDemoData(config.projectRoot));
        health.setSeed('complete', outcome);
      }

      const gazetteer = await loadPlaces(config);
      const find = new FindFootage(new FootageSearch(box), gazetteer, {
        tokens: await sharedPageTokens(store.settings),
      });
      // Built after access, whose request changes also redraw a colleague share's cards.
      const built: { sharing?: SharingFeature } = {};
      const access = createAccessFeature({
        store,
        box,
        adapter,
        botAppId: config.bot.mode === 'authenticated' ? config.bot.appId : '',
        policy: config.access,
        jobs: config.jobs,
        approvalScope: config.approvalScope,
        decidedElsewhere: decidedOnShareCard(store),
        onRequestChanged: async (requestId) => built.sharing?.requestChanged(requestId),
      });
      const footageRequests = startFootageRequests({
        config,
        store,
        box,
        adapter,
        gazetteer,
        emulator: running.emulator,
        gateway: gatewayConfig(config, running.emulator),
      });
      const sharing = createSharingFeature({
        store,
        box,
        catalog: access.routes.catalog,
        adapter,
        botAppId: config.bot.mode === 'authenticated' ? config.bot.appId : '',
        partners: await loadPartners(config.partnersPath),
        policy: config.access,
        jobs: config.jobs,
        approvalScope: config.approvalScope,
      });
      built.sharing = sharing;
      const chatUploads = startChatUploads({
        config,
        store,
        adapter,
        gazetteer,
        gateway: gatewayConfig(config, running.emulator),
      });
      const notice = options.demoNotice ?? clockNotice(config.clock, new Date());
      const services = teamsServices({
        box,
        find,
        access: access.routes,
        config,
        identify: (id: string) => directory.directory.identify(id),
        // The demo clock advances, so the sentence is written afresh for each card.
        notice: notice ? () => options.demoNotice ?? clockNotice(config.clock, new Date()) : undefined,
        features: {
          camerasToAsk: footageRequests.camerasToAsk,
          askableCameras: footageRequests.askableCameras,
          footageRequests: footageRequests.routes,
          sharing,
          chatUploads: chatUploads.routes,
        },
        lateAnswers: lateAnswersThrough(
          new Proactive(adapter, config.bot.mode === 'authenticated' ? config.bot.appId : ''),
          config.turnBudgetMs,
        ),
      });
      const app = createTeamsApp(adapter, config.bot.mode === 'authenticated' ? config.bot.appId : undefined, services);
      const guards = {
        allowedTenantIds: config.allowedTenantIds,
        rateLimit: new RateLimiter(config.rateLimitPerMinute),
        audit: store.audit,
      };
      const turn = guardTurns(guards, (context) => runTurn(app, context).then(() => undefined));
      handleTurn = (req, res) => adapter.process(req, res, turn);
      if (config.jobs.enabled) {
        const { pollMs, leaseMs, maxAttempts, retryBaseMs } = config.jobs;
        const jobs = new JobRunner({
          jobs: store.jobs,
          handlers: [
            ...access.jobHandlers,
            ...directory.directory.jobHandlers,
            ...footageRequests.jobHandlers,
            ...sharing.jobHandlers,
            ...chatUploads.jobHandlers,
          ],
          recurring: [
            ...access.recurring,
            ...directory.directory.recurring,
            ...footageRequests.recurring,
            ...sharing.recurring,
            ...chatUploads.recurring,
          ],
          pollMs,
          leaseMs,
          maxAttempts,
          retryBaseMs,
        });
        access.onJobEnqueued(() => jobs.wake());
        footageRequests.onJobEnqueued(() => jobs.wake());
        sharing.onJobEnqueued(() => jobs.wake());
        chatUploads.onJobEnqueued(() => jobs.wake());
        running.jobs = jobs;
        jobs.start();
      }
      webhookReceiver = footageRequests.webhookReceiver;
      health.setStage('ready');
      logger.info({ url: running.url }, 'bot ready');
      logger.info(
        { clock: config.clock.kind },
        clockNotice(config.clock, new Date()) ?? 'relative times are read against the time each message was sent',
      );
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      health.fail(message);
      if (health.seedState === 'running') health.setSeed('failed', message);
      throw error;
    }
  })();
  // Callers that only use health must not crash on an unobserved rejection.
  running.ready.catch(() => undefined);
  return running;
}

function gatewayConfig(config: AppConfig, emulator: BoxEmulator | undefined): BoxGatewayConfig {
  if (config.box.kind === 'emulator' && !emulator) throw new Error('Box emulator not started');
  return gatewayConfigFor(config.box, emulator?.url ?? '');
}

function boxTargetLabel(config: AppConfig, emulator?: BoxEmulator): string {
  if (config.box.kind === 'emulator') return `emulator ${emulator?.url ?? `http://127.0.0.1:${config.box.port}`}`;
  return describeBoxTarget(gatewayConfigFor(config.box, ''));
}

/** The gazetteer of places and cameras that "near X" and "camera Y" are read against. */
async function loadPlaces(config: AppConfig): Promise<Gazetteer> {
  const read = async (file: string, variable: string): Promise<unknown> => {
    try {
      return JSON.parse(await readFile(file, 'utf8'));
    } catch {
      throw new ConfigError(variable, `cannot read JSON from ${file}`);
    }
  };
  return loadGazetteer(await read(config.placesPath, 'PLACES_PATH'), await read(config.camerasPath, 'CAMERAS_PATH'));
}

function listen(server: Server, port: number, host: string): Promise<void> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
}

/**
 * What the Teams layer is given: domain services only (people, conversations and grants through the
 * access records, never the store).
 */
export function teamsServices(parts: {
  box: Pick<BoxPort, 'getThumbnail'>;
  find: FindFootage;
  access: AccessRouteDeps;
  config: Pick<AppConfig, 'supportContact' | 'clock'>;
  /** Who is speaking: the directory; the roster in the access records by default. */
  identify?: (aadObjectId: string) => Promise<Person | null>;
  notice?: () => string | undefined;
  lateAnswers?: TeamsServices['lateAnswers'];
  /** The features beyond finding and access, each optional. */
  features?: Pick<TeamsServices, 'footageRequests' | 'sharing' | 'chatUploads'> &
    Pick<TeamsServices['find'], 'camerasToAsk' | 'askableCameras'>;
}): TeamsServices {
  const { access, config } = parts;
  // A person's reference is written only when it changed: a database write on every turn is most of a turn's cost.
  const conversations = new ConversationMemory((aadObjectId, scope, address) =>
    access.records.saveConversation(aadObjectId, scope, address),
  );
  return {
    access,
    supportContact: config.supportContact,
    ...(parts.notice ? { notice: parts.notice } : {}),
    ...(parts.lateAnswers ? { lateAnswers: parts.lateAnswers } : {}),
    identify: parts.identify ?? (async (aadObjectId) => (await access.records.person(aadObjectId)) ?? null),
    rememberConversation: async ({ person, scope, address }) => {
      // References of people not on the roster are not kept: the bot never writes to them.
      if (person)
        await conversations.remember(person.aadObjectId, scope === 'personal' ? 'personal' : 'channel', address);
    },
    find: {
      find: parts.find,
      now: (context) => relativeNow(config.clock, sentAt(context)),
      activeGrants: shownGrants(access.records, parts.box),
      // Everyone on the roster with a known Teams id may see an inserted card: each sees their own state.
      audience: async () => (await access.records.people()).flatMap((p) => (p.teamsId ? [p.teamsId] : [])),
      ...(parts.features?.camerasToAsk ? { camerasToAsk: parts.features.camerasToAsk } : {}),
      ...(parts.features?.askableCameras ? { askableCameras: parts.features.askableCameras } : {}),
    },
    ...(parts.features?.footageRequests ? { footageRequests: parts.features.footageRequests } : {}),
    ...(parts.features?.sharing ? { sharing: parts.features.sharing } : {}),
    ...(parts.features?.chatUploads ? { chatUploads: parts.features.chatUploads } : {}),
  };
}
