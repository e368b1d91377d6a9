import http from 'node:http';
import { closeServer, listenOnLoopback, originOf } from './loopback-server';

/**
 * A local stand-in for the Bot Framework connector service (the `serviceUrl` Teams puts on every
 * activity). The bot's replies, updates and new conversations arrive here over HTTP exactly as they
 * would at smba.trafficmanager.net, and tests read them back.
 */
export type ConnectorCallKind = 'reply' | 'send' | 'update' | 'delete' | 'createConversation' | 'other';

export interface ConnectorCall {
  kind: ConnectorCallKind;
  method: string;
  path: string;
  conversationId?: string;
  activityId?: string;
  /** The id the connector assigned (for sends, replies and created conversations). */
  assignedId?: string;
  authorization?: string;
  body: Record<string, unknown>;
}

export interface CapturedActivity {
  type?: string;
  text?: string;
  id?: string;
  replyToId?: string;
  attachments?: Array<{ contentType: string; content: Record<string, unknown> }>;
  conversation?: { id: string };
  [key: string]: unknown;
}

export class LocalConnector {
  readonly calls: ConnectorCall[] = [];
  private server?: http.Server;
  private counter = 0;
  private waiters: Array<() => void> = [];
  /** Conversations the connector refuses to create (e.g. a user who blocked the bot). */
  readonly refuseConversationsWith = new Set<string>();
  /** Conversations the connector will not post into (e.g. a chat the user deleted): sends answer 403. */
  readonly refuseSendsTo = new Set<string>();

  get url(): string {
    return `${originOf(this.server, 'connector')}/`;
  }

  async start(): Promise<this> {
    this.server = http.createServer((req, res) => this.handle(req, res));
    await listenOnLoopback(this.server);
    return this;
  }

  async close(): Promise<void> {
    await closeServer(this.server);
    this.server = undefined;
  }

  /** Activities the bot sent (replies, sends, updates), newest last, without typing indicators. */
  activities(filter?: (call: ConnectorCall) => boolean): CapturedActivity[] {
    return this.calls
      .filter((call) => ['reply', 'send', 'update'].includes(call.kind))
      .filter((call) => call.body.type !== 'typing')
      .filter(filter ?? (() => true))
      .map((call) => call.body as CapturedActivity);
  }

  /** Adaptive Card contents the bot sent, in order. */
  cards(filter?: (call: ConnectorCall) => boolean): Array<Record<string, unknown>> {
    return this.activities(filter).flatMap((activity) =>
      (activity.attachments ?? [])
        .filter((a) => a.contentType === 'application/vnd.microsoft.card.adaptive')
        .map((a) => a.content),
    );
  }

  clear(): void {
    this.calls.length = 0;
  }

  /** Resolves once `predicate` holds for the calls captured so far (or rejects after `timeoutMs`). */
  async waitFor(predicate: (calls: ConnectorCall[]) => boolean, timeoutMs = 10_000): Promise<void> {
    if (predicate(this.calls)) return;
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => {
        this.waiters = this.waiters.filter((w) => w !== check);
        reject(
          new Error(
            `connector: condition not met within ${timeoutMs} ms; captured ${JSON.stringify(this.calls.map((c) => [c.kind, c.body.type]))}`,
          ),
        );
      }, timeoutMs);
      const check = (): void => {
        if (predicate(this.calls)) {
          clearTimeout(timer);
          this.waiters = this.waiters.filter((w) => w !== check);
          resolve();
        }
      };
      this.waiters.push(check);
    });
  }

  private handle(req: http.IncomingMessage, res: http.ServerResponse): void {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const raw = Buffer.concat(chunks).toString('utf8');
      let body: Record<string, unknown> = {};
      try {
        body = raw ? (JSON.parse(raw) as Record<string, unknown>) : {};
      } catch {
        res.writeHead(400);
        res.end();
        return;
      }
      const call = this.route(
        req.method ?? 'GET',
        decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname),
        body,
      );
      call.authorization = req.headers.authorization;
      this.calls.push(call);
      this.respond(call, res);
      this.waiters.slice().forEach((w) => w());
    });
  }

  private route(method: string, path: string, body: Record<string, unknown>): ConnectorCall {
    const activity = /^\/v3\/conversations\/(.+)\/activities\/([^/]+)$/.exec(path);
    const conversation = /^\/v3\/conversations\/(.+)\/activities$/.exec(path);
    if (method === 'POST' && activity)
      return { kind: 'reply', method, path, conversationId: activity[1], activityId: activity[2], body };
    if (method === 'PUT' && activity)
      return { kind: 'update', method, path, conversationId: activity[1], activityId: activity[2], body };
    if (method === 'DELETE' && activity)
      return { kind: 'delete', method, path, conversationId: activity[1], activityId: activity[2], body };
    if (method === 'POST' && conversation) return { kind: 'send', method, path, conversationId: conversation[1], body };
    if (method === 'POST' && path === '/v3/conversations') return { kind: 'createConversation', method, path, body };
    return { kind: 'other', method, path, body };
  }

  private respond(call: ConnectorCall, res: http.ServerResponse): void {
    const json = (status: number, payload: unknown): void => {
      res.writeHead(status, { 'content-type': 'application/json' });
      res.end(JSON.stringify(payload));
    };
    switch (call.kind) {
      case 'reply':
      case 'send': {
        if (this.refuseSendsTo.has(call.conversationId?.split(';')[0] ?? '')) {
          return json(403, { error: { code: 'ConversationBlockedByUser', message: 'User blocked the conversation.' } });
        }
        call.assignedId = `activity-${++this.counter}`;
        call.body = { ...call.body, id: call.assignedId };
        return json(201, { id: call.assignedId });
      }
      case 'update':
        return json(200, { id: call.activityId });
      case 'delete':
        return json(200, {});
      case 'createConversation': {
        const members = (call.body.members as Array<{ id: string }> | undefined) ?? [];
        if (members.some((m) => this.refuseConversationsWith.has(m.id))) {
          return json(403, {
            error: { code: 'BotNotInConversationRoster', message: 'The bot is not part of the conversation roster.' },
          });
        }
        call.assignedId = `a:conversation-${++this.counter}`;
        return json(201, { id: call.assignedId, activityId: `activity-${++this.counter}`, serviceUrl: this.url });
      }
      default:
        return json(404, {
          error: { code: 'NotFound', message: `connector: no route for ${call.method} ${call.path}` },
        });
    }
  }
}
