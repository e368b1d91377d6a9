import { AsyncLocalStorage } from 'node:async_hooks';
import { randomUUID } from 'node:crypto';
import pino, { type Logger } from 'pino';

/**
 * Structured JSON logs. A correlation id follows each Teams turn and each Box call through
 * AsyncLocalStorage so that one request can be traced across modules without passing ids around.
 * Secrets are redacted by key wherever they appear, because SDK errors and configs carry them.
 *
 * Writing never blocks the event loop: lines go to standard output asynchronously, and when nobody
 * reads it (a pipe whose reader stopped or left) they pile up only to a bound and are then
 * dropped. A synchronous write into a full pipe used to park the whole process, signals included.
 */
const context = new AsyncLocalStorage<{ correlationId: string }>();

const REDACTED_KEYS = [
  'password',
  'secret',
  'token',
  'access_token',
  'refresh_token',
  'authorization',
  'Authorization',
  'client_secret',
  'clientSecret',
  'botPassword',
  'privateKey',
  'private_key',
  'passphrase',
  'assertion',
];

const redactPaths = REDACTED_KEYS.flatMap((key) => [key, `*.${key}`, `*.*.${key}`]);

/** Beyond this much unwritten output, new lines are dropped rather than held. */
const MAX_BACKLOG_BYTES = 4 * 1024 * 1024;

let abandoned = false;
const destination = pino.destination({
  dest: 1,
  sync: false,
  maxLength: MAX_BACKLOG_BYTES,
  // A full pipe is retried (from a timer, not in a loop) until the process gives up on its output.
  retryEAGAIN: () => !abandoned,
});
// A reader that went away (EPIPE) or any other write error must not take the bot down with it.
destination.on('error', () => {
  abandoned = true;
});

export const logger: Logger = pino(
  {
    level: process.env.LOG_LEVEL ?? (process.env.NODE_ENV === 'test' ? 'silent' : 'info'),
    base: { service: 'cctv-footage-bot' },
    redact: { paths: redactPaths, censor: '[redacted]' },
    mixin() {
      const store = context.getStore();
      return store ? { correlationId: store.correlationId } : {};
    },
  },
  destination,
);

/** Text for the operator (start-up banner) on the same non-blocking path as the logs. */
export function writeOut(text: string): void {
  if (!abandoned) destination.write(text);
}

/**
 * Waits up to `timeoutMs` for what is buffered to be written, then stops trying: the exit that
 * follows must not wait on a reader that is not there (pino otherwise flushes synchronously at exit).
 */
export async function flushLogs(timeoutMs: number): Promise<void> {
  const pending = (destination as unknown as { _writing?: boolean })._writing === true;
  if (pending && !abandoned) {
    await new Promise<void>((resolve) => {
      const timer = setTimeout(done, timeoutMs);
      destination.once('drain', done);
      function done(): void {
        clearTimeout(timer);
        destination.off('drain', done);
        resolve();
      }
    });
  }
  stopWritingLogs();
}

/** From now on nothing is written; for an exit that cannot wait. */
export function stopWritingLogs(): void {
  abandoned = true;
  destination.flushSync = () => undefined;
}

/** Runs `fn` with a correlation id that every log line inside it carries. */
export function withCorrelation<T>(fn: () => T, correlationId: string = randomUUID()): T {
  return context.run({ correlationId }, fn);
}
