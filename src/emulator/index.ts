/**
 * A local, persistent stand-in for Box's API that box-node-sdk talks to unchanged. Point a client
 * at `baseUrls` (baseUrl = url, uploadUrl = url + '/api', oauth2Url = url + '/api/oauth2') and
 * authenticate with Client Credentials Grant using the configured client id, secret and enterprise.
 */

import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { logger } from '../log';
import type { EmulatorSettings, Services } from './context';
import { createDownloadLinks } from './downloads';
import { Faults } from './faults';
import { HostGuard } from './host-guard';
import { PreviewLinks } from './previews';
import { RequestLog } from './request-log';
import { Router } from './router';
import { collaborationRoutes } from './routes/collaborations';
import { controlRoutes } from './routes/control';
import { eventRoutes } from './routes/events';
import { fileRequestPageRoutes } from './routes/file-request-page';
import { fileRequestRoutes } from './routes/file-requests';
import { fileRoutes } from './routes/files';
import { folderRoutes } from './routes/folders';
import { metadataInstanceRoutes } from './routes/metadata-instances';
import { metadataQueryRoutes } from './routes/metadata-queries';
import { metadataTemplateRoutes } from './routes/metadata-templates';
import { oauthRoutes } from './routes/oauth';
import { publicRoutes } from './routes/public';
import { uploadSessionRoutes } from './routes/upload-sessions';
import { uploadRoutes } from './routes/uploads';
import { userRoutes } from './routes/users';
import { watermarkRoutes } from './routes/watermarks';
import { webhookRoutes } from './routes/webhooks';
import { handleRequest } from './server';
import { ensureFileRequestTemplate, webhookKeys } from './setup';
import { sharedSpecValidator, type SpecViolation } from './spec/validator';
import { BlobStore } from './state/blobs';
import { openDatabase } from './state/db';
import { ensureServiceAccount } from './state/users';
import { WebhookOutbox } from './state/webhook-outbox';
import {
  BOX_RETRY_POLICY,
  WebhookDispatcher,
  type DeliveryAttempt,
  type WebhookKeys,
  type WebhookRetryPolicy,
} from './webhook-delivery';

export type { SpecViolation } from './spec/validator';
export type { DeliveryAttempt, WebhookKeys, WebhookRetryPolicy } from './webhook-delivery';
export interface BoxEmulatorOptions {
  dataDir: string;
  /** Default 3979; 0 picks a free port. */
  port?: number;
  /** Default 127.0.0.1. */
  host?: string;
  /** Default 'emulator-client'. */
  clientId?: string;
  /** Default 'emulator-secret'. */
  clientSecret?: string;
  /** Default '1'. */
  enterpriseId?: string;
  /** Record request/response violations of Box's OpenAPI spec (see violations()). */
  validateAgainstSpec?: boolean;
  /** Stop honouring collaborations past their expires_at (Box does so only with an enterprise setting on). Default false. */
  enforceCollaborationExpiry?: boolean;
  /** part_size of chunked upload sessions. Default 8 MiB, as Box. */
  uploadPartSize?: number;
  /** Smallest file a chunked upload session accepts. Default 20,000,000 bytes, as Box. */
  minChunkedUploadSize?: number;
  /** PEM public key of a JWT app; when set, JWT assertions must be signed with its private key. */
  jwtPublicKey?: string;
  /** Clock, for tests of expiry. Default Date.now. */
  now?: () => number;
  /** Host names besides localhost, 127.0.0.1 and [::1] that requests may name in `Host` (with the port). Default none. */
  allowedHostNames?: string[];
  /** Webhook signature keys, as Box's developer console shows them. Default: generated once and kept in the data directory. */
  webhookPrimaryKey?: string;
  webhookSecondaryKey?: string;
  /** Webhook redelivery: attempts in all, first wait (doubled each time), answer timeout. Default Box's: 10 attempts from 1 minute, 30 s timeout. */
  webhookRetry?: Partial<WebhookRetryPolicy>;
  /** Calls kept for GET /_emulator/requests, oldest dropped first. Default 2,000. */
  requestLogSize?: number;
}

export interface BoxEmulator {
  /** http://127.0.0.1:PORT */
  url: string;
  baseUrls: { baseUrl: string; uploadUrl: string; oauth2Url: string };
  port: number;
  /** The emulator's stand-in for Box's web app (app.box.com): a file request's `url` is a path on it. */
  appUrl: string;
  /** The file request that exists from the start, to be copied (Box's API cannot create one otherwise). */
  fileRequestTemplateId: string;
  /** The keys deliveries are signed with. */
  webhookSignatureKeys: WebhookKeys;
  /** Every webhook delivery attempt so far, oldest first. */
  webhookDeliveries(): DeliveryAttempt[];
  /** Resolves when no webhook delivery is in flight or waiting to be retried. */
  webhooksIdle(): Promise<void>;
  violations(): SpecViolation[];
  close(): Promise<void>;
}

export const DEFAULT_PORT = 3979;

function settingsFrom(options: BoxEmulatorOptions): EmulatorSettings {
  return {
    clientId: options.clientId ?? 'emulator-client',
    clientSecret: options.clientSecret ?? 'emulator-secret',
    enterpriseId: options.enterpriseId ?? '1',
    enforceCollaborationExpiry: options.enforceCollaborationExpiry ?? false,
    uploadPartSize: options.uploadPartSize ?? 8 * 1024 * 1024,
    minChunkedUploadSize: options.minChunkedUploadSize ?? 20_000_000,
    jwtPublicKey: options.jwtPublicKey,
    now: options.now ?? Date.now,
  };
}

function listen(server: Server, port: number, host: string): Promise<number> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      resolve((server.address() as AddressInfo).port);
    });
  });
}

export async function startBoxEmulator(options: BoxEmulatorOptions): Promise<BoxEmulator> {
  const settings = settingsFrom(options);
  const root = join(options.dataDir, 'box-emulator');
  const db = openDatabase(root);
  const host = options.host ?? '127.0.0.1';
  const urls = { base: '', upload: '' };
  const keys = webhookKeys(db, { primary: options.webhookPrimaryKey, secondary: options.webhookSecondaryKey });
  const dispatcher = new WebhookDispatcher(
    keys,
    { ...BOX_RETRY_POLICY, ...options.webhookRetry },
    settings.now,
    new WebhookOutbox(db),
  );
  const services: Services = {
    db,
    blobs: new BlobStore(join(root, 'blobs')),
    settings,
    urls,
    downloads: createDownloadLinks(() => urls.base, settings.now),
    sessionsDir: join(root, 'sessions'),
    serviceAccountId: ensureServiceAccount(db, settings.now()).id,
    enterpriseScope: `enterprise_${settings.enterpriseId}`,
    webhooks: dispatcher,
    commitHolds: { remaining: 0, retryAfter: 1 },
    previews: new PreviewLinks(() => urls.base, settings.now),
  };
  const fileRequestTemplateId = ensureFileRequestTemplate(db, services.serviceAccountId, settings.now());
  const faults = new Faults();
  const log = new RequestLog(options.requestLogSize);
  const violations: SpecViolation[] = [];
  const router = new Router([
    ...oauthRoutes,
    ...userRoutes,
    ...folderRoutes,
    ...uploadRoutes,
    ...uploadSessionRoutes,
    ...metadataInstanceRoutes,
    ...collaborationRoutes,
    ...fileRoutes,
    ...metadataTemplateRoutes,
    ...metadataQueryRoutes,
    ...fileRequestRoutes,
    ...watermarkRoutes,
    ...webhookRoutes,
    ...eventRoutes,
    ...publicRoutes,
    ...fileRequestPageRoutes,
    ...controlRoutes({ faults, log, violations, webhooks: dispatcher, commitHolds: services.commitHolds }),
  ]);
  const guard = new HostGuard();
  const pipeline = {
    router,
    services,
    faults,
    log,
    violations,
    validator: options.validateAgainstSpec ? sharedSpecValidator() : undefined,
    guard,
  };
  const server = createServer((req, res) => {
    handleRequest(pipeline, req, res).catch(() => res.destroy());
  });
  let port: number;
  try {
    port = await listen(server, options.port ?? DEFAULT_PORT, host);
  } catch (error) {
    dispatcher.close();
    db.close();
    throw error;
  }
  guard.listenOn(port, options.allowedHostNames);
  const resumed = dispatcher.resume();
  if (resumed > 0) logger.info({ deliveries: resumed }, 'Box emulator resumed unacknowledged webhook deliveries');
  const url = `http://${host.includes(':') ? `[${host}]` : host}:${port}`;
  urls.base = url;
  urls.upload = `${url}/api`;
  return {
    url,
    baseUrls: { baseUrl: url, uploadUrl: `${url}/api`, oauth2Url: `${url}/api/oauth2` },
    port,
    appUrl: url,
    fileRequestTemplateId,
    webhookSignatureKeys: keys,
    webhookDeliveries: () => dispatcher.attempts(),
    webhooksIdle: () => dispatcher.idle(),
    violations: () => [...violations],
    close: () =>
      new Promise<void>((resolve, reject) => {
        dispatcher.close();
        server.close((error) => {
          db.close();
          if (error) reject(error);
          else resolve();
        });
        server.closeAllConnections();
      }),
  };
}
