/**
 * The shapes every handler shares: the emulator's settings, its services (state, content, links,
 * webhooks), the caller a request acts as, and the handler signatures.
 */

import type { AccessResolver } from './access';
import type { EmulatorRequest, EmulatorResponse } from './http';
import type { PreviewLinks } from './previews';
import type { BlobStore } from './state/blobs';
import type { Db } from './state/db';
import type { UserRow } from './state/users';
import type { WebhookDispatcher } from './webhook-delivery';

/** Everything the emulator was configured with, defaults applied. */
export interface EmulatorSettings {
  clientId: string;
  clientSecret: string;
  enterpriseId: string;
  enforceCollaborationExpiry: boolean;
  uploadPartSize: number;
  minChunkedUploadSize: number;
  jwtPublicKey?: string;
  now: () => number;
}

/** Short-lived, unauthenticated download links, like Box's dl.boxcloud.com URLs. */
export interface DownloadLinks {
  create(fileId: number, sha1: string): string;
  resolve(token: string): { fileId: number; sha1: string } | undefined;
}

/** What every handler can reach: state, content, settings and the emulator's own URLs. */
export interface Services {
  db: Db;
  blobs: BlobStore;
  settings: EmulatorSettings;
  /** Where the API and the upload API are served (the upload API is `${url}/api`). */
  urls: { base: string; upload: string };
  downloads: DownloadLinks;
  /** Where upload-session parts wait for their commit. */
  sessionsDir: string;
  serviceAccountId: number;
  /** The enterprise scope as Box names it in responses: `enterprise_<id>`. */
  enterpriseScope: string;
  webhooks: WebhookDispatcher;
  /** Commits still to be answered 202 "parts still processing" (set through the control routes). */
  commitHolds: { remaining: number; retryAfter: number };
  previews: PreviewLinks;
}

/** The user a call acts as (after `as-user`), and how they may act. */
export interface Caller {
  user: UserRow;
  /** The service account acting as itself (no as-user): the enterprise-wide administrator of the app's content. */
  isServiceAccount: boolean;
  now: number;
  access: AccessResolver;
}

export type Handler = (
  req: EmulatorRequest,
  services: Services,
  caller: Caller,
) => EmulatorResponse | Promise<EmulatorResponse>;
export type PublicHandler = (req: EmulatorRequest, services: Services) => EmulatorResponse | Promise<EmulatorResponse>;
