import { timingSafeEqual } from 'node:crypto';
import restify, { type Request, type Response, type Server } from 'restify';
import { statusOnly, type HealthReport } from './health';
import { logger } from './log';

/** What the HTTP edge needs from the rest of the bot; kept narrow so the server knows no Teams. */
export interface HttpHandlers {
  /**
   * Handles one Bot Framework activity (already parsed into req.body, of any JSON shape): it
   * authenticates before it looks at the body, so a caller without a token learns nothing.
   */
  messages(req: Request, res: Response): Promise<void>;
  /** Current readiness; `ready` decides 200 versus 503. */
  health(): Promise<HealthReport>;
  /** False until start-up (migrations, Box, seed) has finished: turns are refused with 503 before. */
  isReady(): boolean;
}

export interface HttpServerOptions {
  maxBodyBytes: number;
  /** Unlocks /healthz details (database path, PostgreSQL user and host) for non-loopback callers. */
  healthDetailToken?: string;
}

const MESSAGES_PATH = '/api/messages';

/**
 * The HTTP edge: body limits, JSON parsing and error shapes are decided here, before botbuilder
 * sees a request, so that malformed input gets 400/413 rather than a crash or a 500.
 */
export interface HttpServer {
  server: Server;
  /** Resolves once no turn is in flight (used on SIGTERM after the server stops accepting). */
  drain(): Promise<void>;
}

export function createHttpServer(handlers: HttpHandlers, options: HttpServerOptions): HttpServer {
  const server = restify.createServer({ name: 'cctv-footage-bot', handleUncaughtExceptions: false });
  let inFlight = 0;
  let idleWaiters: Array<() => void> = [];

  // Bot Framework sends JSON only; a form body parsed into an object would pass as an activity.
  server.use((req: Request, res: Response, next: (err?: false) => void) => {
    if (req.method === 'POST' && req.path() === MESSAGES_PATH && req.getContentType() !== 'application/json') {
      logger.warn({ path: req.path(), contentType: req.getContentType() || null }, 'request rejected: not JSON');
      res.status(415);
      res.json({ error: 'unsupported_media_type', message: publicMessage(415) });
      next(false);
      return;
    }
    next();
  });
  server.use(restify.plugins.bodyParser({ maxBodySize: options.maxBodyBytes, mapParams: false, rejectUnknown: true }));

  server.get('/healthz', async (req: Request, res: Response) => {
    const report = await handlers.health();
    res.status(report.ready ? 200 : 503);
    const detailed = mayReadHealthDetail(
      req.socket?.remoteAddress,
      req.header('authorization'),
      options.healthDetailToken,
    );
    res.json(detailed ? report : statusOnly(report));
  });

  server.post(MESSAGES_PATH, async (req: Request, res: Response) => {
    if (!handlers.isReady()) {
      res.header('retry-after', '5');
      res.status(503);
      res.json({ error: 'starting', message: 'The bot is still starting; try again shortly.' });
      return;
    }
    inFlight += 1;
    try {
      await handlers.messages(req, res);
    } catch (error) {
      logger.error({ err: error }, 'unhandled error while processing an activity');
      if (!res.headersSent) {
        res.status(500);
        res.json({ error: 'internal', message: 'The activity could not be processed.' });
      }
    } finally {
      inFlight -= 1;
      if (inFlight === 0) {
        const waiters = idleWaiters;
        idleWaiters = [];
        waiters.forEach((resolve) => resolve());
      }
    }
  });

  // Turns restify's error objects (InvalidContent, PayloadTooLarge, ...) into small JSON answers
  // without stack traces.
  server.on(
    'restifyError',
    (req: Request, _res: Response, err: Error & { statusCode?: number }, callback: () => void) => {
      const status = err.statusCode ?? 500;
      logger.warn({ status, path: req.path(), reason: err.name }, 'request rejected');
      (err as Error & { toJSON?: () => unknown }).toJSON = () => ({ error: err.name, message: publicMessage(status) });
      callback();
    },
  );

  const drain = (): Promise<void> =>
    inFlight === 0 ? Promise.resolve() : new Promise<void>((resolve) => idleWaiters.push(resolve));
  return { server, drain };
}

/** Loopback callers (an operator on the machine, the platform's local probe) and token holders. */
export function mayReadHealthDetail(
  remoteAddress: string | undefined,
  authorization: string | undefined,
  token: string | undefined,
): boolean {
  if (/^(127\.|::1$|::ffff:127\.)/.test(remoteAddress ?? '')) return true;
  const header = authorization ?? '';
  if (!token || !header.startsWith('Bearer ')) return false;
  const given = Buffer.from(header.slice('Bearer '.length));
  const expected = Buffer.from(token);
  return given.length === expected.length && timingSafeEqual(given, expected);
}

function publicMessage(status: number): string {
  switch (status) {
    case 400:
      return 'The request body is not valid JSON.';
    case 413:
      return 'The request body is too large.';
    case 415:
      return 'Send the activity as application/json.';
    case 404:
      return 'Not found.';
    case 405:
      return 'Method not allowed.';
    default:
      return 'The request could not be processed.';
  }
}
