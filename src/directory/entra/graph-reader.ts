/**
 * The Graph reads the Entra directory needs, through @microsoft/microsoft-graph-client with the
 * bot's own identity. The middleware chain is the library's own retry (429, 503 and 504, honouring
 * Retry-After) and transport, behind a bearer step that asks the TokenCredentialAuthenticationProvider
 * for each request's token: the library's AuthenticationHandler only signs https graph hosts, and the
 * local emulator serves plain http on loopback.
 */
import type { TokenCredential } from '@azure/core-auth';
import {
  Client,
  HTTPMessageHandler,
  RetryHandler,
  RetryHandlerOptions,
  type Context,
  type Middleware,
} from '@microsoft/microsoft-graph-client';
import { TokenCredentialAuthenticationProvider } from '@microsoft/microsoft-graph-client/authProviders/azureTokenCredentials';

export const GRAPH_SCOPE = 'https://graph.microsoft.com/.default';

export interface GraphUserRecord {
  id: string;
  displayName?: string | null;
  mail?: string | null;
  userPrincipalName?: string | null;
  accountEnabled?: boolean | null;
  '@odata.type'?: string;
  '@removed'?: { reason: string };
  [attribute: string]: unknown;
}

export interface AppRoleAssignmentRecord {
  appRoleId: string;
  principalId: string;
  principalType: 'User' | 'Group' | 'ServicePrincipal';
  principalDisplayName?: string | null;
}

export interface GraphReaderOptions {
  baseUrl: string;
  credential: TokenCredential;
  /** Attempts after the first for 429/503/504 (the library's default is 3). */
  maxRetries?: number;
  /** Seconds to wait when Graph gives no Retry-After. */
  retryDelaySeconds?: number;
}

class BearerFromCredential implements Middleware {
  private next?: Middleware;

  constructor(private readonly provider: TokenCredentialAuthenticationProvider) {}

  async execute(context: Context): Promise<void> {
    const token = await this.provider.getAccessToken();
    const headers = {
      ...(context.options?.headers as Record<string, string> | undefined),
      Authorization: `Bearer ${token}`,
    };
    context.options = { ...context.options, headers };
    await this.next?.execute(context);
  }

  setNext(next: Middleware): void {
    this.next = next;
  }
}

export class GraphReader {
  private readonly client: Client;
  private readonly versionRoot: string;

  constructor(options: GraphReaderOptions) {
    this.versionRoot = `${options.baseUrl.replace(/\/+$/, '')}/v1.0`;
    const provider = new TokenCredentialAuthenticationProvider(options.credential, { scopes: [GRAPH_SCOPE] });
    const bearer = new BearerFromCredential(provider);
    const retry = new RetryHandler(new RetryHandlerOptions(options.retryDelaySeconds ?? 3, options.maxRetries ?? 3));
    bearer.setNext(retry);
    retry.setNext(new HTTPMessageHandler());
    this.client = Client.initWithMiddleware({ middleware: bearer, baseUrl: options.baseUrl, defaultVersion: 'v1.0' });
  }

  async get<T>(pathOrLink: string): Promise<T> {
    return (await this.client.api(this.relative(pathOrLink)).get()) as T;
  }

  /** Every page of a collection, following @odata.nextLink. */
  async all<T>(path: string): Promise<T[]> {
    const rows: T[] = [];
    let link: string | undefined = path;
    while (link) {
      const page: { value: T[]; '@odata.nextLink'?: string } = await this.get(link);
      rows.push(...page.value);
      link = page['@odata.nextLink'];
    }
    return rows;
  }

  /** One delta round to its end: the changes and the link for the next round. */
  async delta<T>(link: string): Promise<{ changes: T[]; deltaLink: string }> {
    const changes: T[] = [];
    let next: string | undefined = link;
    while (next) {
      const page: { value: T[]; '@odata.nextLink'?: string; '@odata.deltaLink'?: string } = await this.get(next);
      changes.push(...page.value);
      if (page['@odata.deltaLink']) return { changes, deltaLink: page['@odata.deltaLink'] };
      next = page['@odata.nextLink'];
    }
    throw new Error('Graph ended a delta round without a deltaLink');
  }

  /**
   * Graph hands back absolute links (nextLink, deltaLink); the client wants a path under its base,
   * and parses only https links itself, so links are made relative to the version root here.
   */
  private relative(pathOrLink: string): string {
    if (!/^https?:\/\//i.test(pathOrLink)) return pathOrLink;
    if (!pathOrLink.startsWith(this.versionRoot)) throw new Error(`Graph returned a link outside ${this.versionRoot}`);
    return pathOrLink.slice(this.versionRoot.length);
  }
}
