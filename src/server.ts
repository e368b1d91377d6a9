import restify, { type Request, type Response, type Server } from 'restify';
import { logger } from './log';

/** What the HTTP edge needs from the rest of the bot; kept narrow so the server knows no Teams. */
export interface HttpHandlers {
  /** Handles one Bot Framework activity (already parsed into req.body). */
  messages(req: Request, res: Response): Promise<void>;
  /** Current readiness; `ready` decides 200 versus 503. */
  health(): Promise<{ ready: boolean }>;
  /** False until start-up (migrations, Box, seed) has finished: turns are refused with 503 before. */
  isReady(): boolean;
}

export interface HttpServerOptions {
  maxBodyBytes: number;
}

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

  server.use(restify.plugins.bodyParser({ maxBodySize: options.maxBodyBytes, mapParams: false, rejectUnknown: true }));

  server.get('/healthz', async (_req: Request, res: Response) => {
    const report = await handlers.health();
    res.status(report.ready ? 200 : 503);
    res.json(report);
  });

  server.post('/api/messages', async (req: Request, res: Response) => {
    if (!handlers.isReady()) {
      res.header('retry-after', '5');
      res.status(503);
      res.json({ error: 'starting', message: 'The bot is still starting; try again shortly.' });
      return;
    }
    if (req.body === null || typeof req.body !== 'object' || Array.isArray(req.body)) {
      res.status(400);
      res.json({ error: 'bad_request', message: 'Expected a Bot Framework activity as a JSON object.' });
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
  server.on('restifyError', (req: Request, _res: Response, err: Error & { statusCode?: number }, callback: () => void) => {
    const status = err.statusCode ?? 500;
    logger.warn({ status, path: req.path(), reason: err.name }, 'request rejected');
    (err as Error & { toJSON?: () => unknown }).toJSON = () => ({ error: err.name, message: publicMessage(status) });
    callback();
  });

  const drain = (): Promise<void> => (inFlight === 0 ? Promise.resolve() : new Promise<void>((resolve) => idleWaiters.push(resolve)));
  return { server, drain };
}

function publicMessage(status: number): string {
  switch (status) {
    case 400: return 'The request body is not valid JSON.';
    case 413: return 'The request body is too large.';
    case 415: return 'Send the activity as application/json.';
    case 404: return 'Not found.';
    case 405: return 'Method not allowed.';
    default: return 'The request could not be processed.';
  }
}
