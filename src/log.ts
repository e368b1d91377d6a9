import { AsyncLocalStorage } from 'node:async_hooks';
import { randomUUID } from 'node:crypto';
import pino, { type Logger } from 'pino';

/**
 * Structured JSON logs. A correlation id follows each Teams turn and each Box call through
 * AsyncLocalStorage so that one request can be traced across modules without passing ids around.
 * Secrets are redacted by key wherever they appear, because SDK errors and configs carry them.
 */
const context = new AsyncLocalStorage<{ correlationId: string }>();

const REDACTED_KEYS = [
  'password', 'secret', 'token', 'access_token', 'refresh_token', 'authorization', 'Authorization',
  'client_secret', 'clientSecret', 'botPassword', 'privateKey', 'private_key', 'passphrase', 'assertion',
];

const redactPaths = REDACTED_KEYS.flatMap((key) => [key, `*.${key}`, `*.*.${key}`]);

export const logger: Logger = pino({
  level: process.env.LOG_LEVEL ?? (process.env.NODE_ENV === 'test' ? 'silent' : 'info'),
  base: { service: 'cctv-footage-bot' },
  redact: { paths: redactPaths, censor: '[redacted]' },
  mixin() {
    const store = context.getStore();
    return store ? { correlationId: store.correlationId } : {};
  },
});

/** Runs `fn` with a correlation id that every log line inside it carries. */
export function withCorrelation<T>(fn: () => T, correlationId: string = randomUUID()): T {
  return context.run({ correlationId }, fn);
}

