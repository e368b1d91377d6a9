import {
  BoxNetworkClient,
  FetchOptions,
  NetworkSession,
  type FetchOptionsInput,
  type FetchResponse,
  type NetworkClient,
  type RetryStrategy,
} from 'box-node-sdk/networking';
import { randomUUID } from 'node:crypto';
import { logger } from '../log';
import { isPlainJsonCall, sendJsonCall } from './json-call';
import { RetryBudget, type RetryPolicy } from './retry';

/**
 * The SDK's own network client (or, for plain JSON calls, the leaner transport of json-call.ts),
 * given a fresh retry strategy per call. The SDK passes the strategy
 * nothing that identifies a call across its retries, so a per-call instance is how the attempt and
 * total-wait caps (RetryBudget) hold per call. Each attempt is logged here at debug: method, path,
 * status and time, with a per-call id; never headers or bodies, which carry tokens and secrets.
 */
export class ObservedNetworkClient implements NetworkClient {
  private readonly inner = new BoxNetworkClient();

  constructor(private readonly policy: RetryPolicy) {}

  async fetch(options: FetchOptionsInput): Promise<FetchResponse> {
    const strategy = new PerCallRetryStrategy(this.policy, options.method, pathOf(options.url));
    const networkSession = options.networkSession
      ? withRetryStrategy(options.networkSession, strategy)
      : new NetworkSession({ networkClient: this, retryStrategy: strategy });
    const call = new FetchOptions({ ...options, networkSession });
    // Plain JSON calls (every search's metadata query among them) skip node-fetch; see json-call.ts.
    return isPlainJsonCall(call) ? sendJsonCall(call) : this.inner.fetch(call);
  }
}

/**
 * The session with this call's retry strategy. The SDK's own `withRetryStrategy` runs the session
 * constructor, which builds a proxy agent (two http agents and a cache) only to replace it with the
 * session's agent: on every Box call. Everything else is the session's, as there.
 */
function withRetryStrategy(session: NetworkSession, retryStrategy: RetryStrategy): NetworkSession {
  const copy = Object.create(Object.getPrototypeOf(session) as object) as NetworkSession;
  return Object.assign(copy, session, { retryStrategy });
}

class PerCallRetryStrategy implements RetryStrategy {
  private readonly budget: RetryBudget;
  private readonly boxCallId = randomUUID();
  private attemptStartedAt = Date.now();
  private nextDelayMs = 0;
  private refreshedToken = false;

  constructor(
    policy: RetryPolicy,
    private readonly method: string,
    private readonly path: string,
  ) {
    this.budget = new RetryBudget(policy);
  }

  async shouldRetry(fetchOptions: FetchOptions, fetchResponse: FetchResponse): Promise<boolean> {
    const { status } = fetchResponse;
    const attempt = this.budget.attemptCount + 1;
    const fields = {
      boxCallId: this.boxCallId,
      method: this.method,
      path: this.path,
      status,
      ms: Date.now() - this.attemptStartedAt,
      attempt,
    };
    logger.debug(fields, 'box call');

    // An expired or revoked token: fetch a new one once, then try again at once (as the SDK does).
    if (status === 401 && fetchOptions.auth && !this.refreshedToken) {
      this.refreshedToken = true;
      await fetchOptions.auth.refreshToken(fetchOptions.networkSession);
      this.nextDelayMs = 0;
      return true;
    }
    const decision = this.budget.decide(status, fetchResponse.headers);
    if (decision.retry) {
      this.nextDelayMs = decision.delayMs;
      logger.info({ ...fields, delayMs: decision.delayMs, why: decision.reason }, 'box call will be retried');
    } else if (decision.reason !== 'not retryable') {
      logger.warn({ ...fields, why: decision.reason }, 'box call failed after retries');
    }
    return decision.retry;
  }

  /** Seconds, as the SDK expects; also marks when the next attempt starts, for its timing. */
  retryAfter(): number {
    this.attemptStartedAt = Date.now() + this.nextDelayMs;
    return this.nextDelayMs / 1000;
  }
}

/** Path only: query strings can carry shared-link passwords or search terms. */
function pathOf(url: string): string {
  try {
    return new URL(url).pathname;
  } catch {
    return '(unparsable url)';
  }
}
