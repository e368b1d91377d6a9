/**
 * A local, persistent stand-in for the part of Microsoft Entra ID and Microsoft Graph the bot's
 * directory uses, reached by @azure/identity and @microsoft/microsoft-graph-client unchanged. Two
 * listeners on loopback: `loginUrl` (https, self-signed: MSAL insists on https authorities) for the
 * token endpoint, and `graphUrl` (http) for Graph v1.0 and the /_emulator control routes.
 */
import { createServer as createHttpServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { createServer as createHttpsServer } from 'node:https';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import type { Person } from '../footage/people';
import { control, type RequestLogEntry } from './control';
import { Faults } from './faults';
import { GraphApi } from './graph-api';
import { graphError, json, readBody, send, type Reply } from './http';
import { TokenIssuer } from './login';
import { seedTenant } from './seed';
import { TenantState } from './state';
import { emulatorCertificate } from './tls';

export type { RequestLogEntry } from './control';
export { TenantState } from './state';

export const EMULATOR_TENANT_ID = '00000000-0000-4000-8000-0000000c0c70';
export const EMULATOR_CLIENT_ID = '00000000-0000-4000-8000-0000000b0700';
export const EMULATOR_CLIENT_SECRET = 'graph-emulator-secret';

export interface GraphEmulatorOptions {
  dataDir: string;
  /** Seeds the tenant on first start. */
  people: readonly Person[];
  /** 0 (default) picks free ports. */
  graphPort?: number;
  loginPort?: number;
  tenantId?: string;
  clientId?: string;
  clientSecret?: string;
  /** Largest page Graph returns (Graph's own default is 100); tests make it small to exercise paging. */
  pageSize?: number;
}

export interface GraphEmulator {
  loginUrl: string;
  graphUrl: string;
  /** The login host's certificate, to trust through @azure/identity's tlsOptions. */
  ca: string;
  tenantId: string;
  clientId: string;
  clientSecret: string;
  tenant: TenantState;
  faults: Faults;
  requests: RequestLogEntry[];
  close(): Promise<void>;
}

export async function startGraphEmulator(options: GraphEmulatorOptions): Promise<GraphEmulator> {
  const dir = join(options.dataDir, 'graph-emulator');
  const tenantId = options.tenantId ?? EMULATOR_TENANT_ID;
  const clientId = options.clientId ?? EMULATOR_CLIENT_ID;
  const clientSecret = options.clientSecret ?? EMULATOR_CLIENT_SECRET;
  const tenant = TenantState.load(join(dir, 'tenant.json'), () => seedTenant(clientId, options.people));
  const certificate = await emulatorCertificate(join(dir, 'tls'));
  const faults = new Faults();
  const requests: RequestLogEntry[] = [];
  const urls = { login: '', graph: '' };
  const issuer = new TokenIssuer({ tenantId, clientId, clientSecret }, () => urls.login);
  const api = new GraphApi(tenant, () => urls.graph, options.pageSize ?? 100);

  const login = createHttpsServer(certificate, (req, res) =>
    serve(req, res, requests, async (url, body) => {
      const config = /^\/([^/]+)\/v2\.0\/\.well-known\/openid-configuration$/.exec(url.pathname);
      if (req.method === 'GET' && config) return issuer.openIdConfiguration(config[1]);
      const token = /^\/([^/]+)\/oauth2\/v2\.0\/token$/.exec(url.pathname);
      if (req.method === 'POST' && token) return issuer.token(token[1], new URLSearchParams(body));
      return json(404, { error: 'not_found', error_description: `no login route ${req.method} ${url.pathname}` });
    }),
  );
  const graph = createHttpServer((req, res) =>
    serve(req, res, requests, async (url, body) => {
      if (url.pathname.startsWith('/_emulator/'))
        return control(
          req.method ?? 'GET',
          url.pathname,
          body ? JSON.parse(body) : undefined,
          tenant,
          faults,
          requests,
        );
      const fault = faults.take(url.pathname);
      if (fault) return fault;
      if (!issuer.isValid(req.headers.authorization))
        return graphError(401, 'InvalidAuthenticationToken', 'Access token is empty or invalid.');
      return api.handle(req.method ?? 'GET', url);
    }),
  );
  urls.login = `https://127.0.0.1:${await listen(login, options.loginPort ?? 0)}`;
  urls.graph = `http://127.0.0.1:${await listen(graph, options.graphPort ?? 0)}`;
  return {
    loginUrl: urls.login,
    graphUrl: urls.graph,
    ca: certificate.cert,
    tenantId,
    clientId,
    clientSecret,
    tenant,
    faults,
    requests,
    close: async () => {
      await Promise.all(
        [login, graph].map(
          (s) =>
            new Promise<void>((resolve) => {
              s.closeAllConnections();
              s.close(() => resolve());
            }),
        ),
      );
    },
  };
}

function serve(
  req: IncomingMessage,
  res: ServerResponse,
  log: RequestLogEntry[],
  route: (url: URL, body: string) => Promise<Reply>,
): void {
  const url = new URL(req.url ?? '/', 'http://emulator');
  readBody(req)
    .then((body) => route(url, body))
    .catch((error: unknown) =>
      graphError(400, 'Request_BadRequest', error instanceof Error ? error.message : String(error)),
    )
    .then((reply) => {
      if (!url.pathname.startsWith('/_emulator/'))
        log.push({
          method: req.method ?? 'GET',
          path: url.pathname + url.search,
          status: reply.status,
          at: Date.now(),
        });
      send(res, reply);
    });
}

function listen(server: Server, port: number): Promise<number> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => resolve((server.address() as AddressInfo).port));
  });
}
