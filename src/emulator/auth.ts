/**
 * OAuth 2.0 as Box runs it for server-side apps: Client Credentials Grant (and the JWT bearer grant)
 * for the enterprise (the service account) or for one user; bearer tokens on every API call; and the
 * `as-user` header, honoured only for the enterprise token, to act as another user.
 */

import { createPublicKey, randomBytes, verify } from 'node:crypto';
import { AccessResolver } from './access';
import type { Caller, Services } from './context';
import { badRequest, insufficientScope, OAuthError, unauthorized } from './errors';
import { header, type EmulatorRequest } from './http';
import { findToken, saveToken, type SubjectType } from './state/tokens';
import { getUser, type UserRow } from './state/users';

export const TOKEN_LIFETIME_SECONDS = 3600;

const CLIENT_CREDENTIALS = 'client_credentials';
const JWT_BEARER = 'urn:ietf:params:oauth:grant-type:jwt-bearer';

function newToken(): string {
  return randomBytes(24).toString('base64url').slice(0, 32);
}

function subjectUser(
  services: Services,
  subjectType: string | undefined,
  subjectId: string | undefined,
): { user: UserRow; subjectType: SubjectType } {
  if (subjectType === 'enterprise') {
    if (subjectId !== services.settings.enterpriseId)
      throw new OAuthError('invalid_grant', 'Grant credentials are invalid');
    return { user: getUser(services.db, services.serviceAccountId) as UserRow, subjectType: 'enterprise' };
  }
  if (subjectType === 'user') {
    const user = subjectId && /^\d+$/.test(subjectId) ? getUser(services.db, Number(subjectId)) : undefined;
    if (!user || user.status !== 'active') throw new OAuthError('invalid_grant', 'Grant credentials are invalid');
    return { user, subjectType: 'user' };
  }
  throw new OAuthError('invalid_request', 'Invalid box_subject_type');
}

function checkClient(services: Services, clientId: string | undefined, clientSecret: string | undefined): void {
  if (!clientId || !clientSecret) throw new OAuthError('invalid_request', 'The client credentials are missing');
  if (clientId !== services.settings.clientId || clientSecret !== services.settings.clientSecret) {
    throw new OAuthError('invalid_client', 'The client credentials are invalid');
  }
}

function decodeSegment(segment: string): Record<string, unknown> {
  try {
    const value: unknown = JSON.parse(Buffer.from(segment, 'base64url').toString('utf8'));
    if (value && typeof value === 'object') return value as Record<string, unknown>;
  } catch {
    // fall through to the grant error below
  }
  throw new OAuthError('invalid_grant', 'Invalid JWT assertion');
}

const JWT_ALGORITHMS: Record<string, string> = { RS256: 'sha256', RS384: 'sha384', RS512: 'sha512' };

/**
 * The JWT bearer grant: the claims are checked as Box checks them; the signature only when the
 * emulator was given the app's public key (otherwise the client secret is the proof, as with CCG).
 */
function jwtSubject(
  services: Services,
  assertion: string | undefined,
): { type: string | undefined; id: string | undefined } {
  const parts = (assertion ?? '').split('.');
  if (parts.length !== 3) throw new OAuthError('invalid_grant', 'Invalid JWT assertion');
  const head = decodeSegment(parts[0]);
  const claims = decodeSegment(parts[1]);
  const nowSeconds = services.settings.now() / 1000;
  if (claims.iss !== services.settings.clientId) throw new OAuthError('invalid_grant', 'Invalid JWT issuer');
  if (typeof claims.aud !== 'string' || !claims.aud.endsWith('/oauth2/token'))
    throw new OAuthError('invalid_grant', 'Invalid JWT audience');
  if (typeof claims.exp !== 'number' || claims.exp < nowSeconds || claims.exp > nowSeconds + 60) {
    throw new OAuthError('invalid_grant', "Please check the 'exp' claim.");
  }
  if (typeof claims.jti !== 'string' || claims.jti.length < 16)
    throw new OAuthError('invalid_grant', "Please check the 'jti' claim.");
  if (services.settings.jwtPublicKey) {
    const algorithm = JWT_ALGORITHMS[String(head.alg)];
    const signed = Buffer.from(`${parts[0]}.${parts[1]}`);
    const ok =
      algorithm !== undefined &&
      verify(algorithm, signed, createPublicKey(services.settings.jwtPublicKey), Buffer.from(parts[2], 'base64url'));
    if (!ok)
      throw new OAuthError(
        'invalid_grant',
        'Signature verification error. The public key identified by "kid" must correspond to the private key used for signing.',
      );
  }
  return {
    type: typeof claims.box_sub_type === 'string' ? claims.box_sub_type : undefined,
    id: typeof claims.sub === 'string' ? claims.sub : undefined,
  };
}

export interface IssuedToken {
  access_token: string;
  expires_in: number;
  token_type: 'bearer';
  restricted_to: [];
  issued_token_type: 'urn:ietf:params:oauth:token-type:access_token';
}

export function issueToken(services: Services, form: URLSearchParams): IssuedToken {
  const grantType = form.get('grant_type');
  let subject: { type: string | undefined; id: string | undefined };
  if (grantType === CLIENT_CREDENTIALS) {
    checkClient(services, form.get('client_id') ?? undefined, form.get('client_secret') ?? undefined);
    subject = { type: form.get('box_subject_type') ?? undefined, id: form.get('box_subject_id') ?? undefined };
  } else if (grantType === JWT_BEARER) {
    checkClient(services, form.get('client_id') ?? undefined, form.get('client_secret') ?? undefined);
    subject = jwtSubject(services, form.get('assertion') ?? undefined);
  } else {
    throw new OAuthError('unsupported_grant_type', 'Grant type is not supported');
  }
  const { user, subjectType } = subjectUser(services, subject.type, subject.id);
  return tokenFor(services, user.id, subjectType);
}

/** A user token for someone: what signing in to Box would give them. */
export function tokenFor(services: Services, userId: number, subjectType: SubjectType = 'user'): IssuedToken {
  const token = newToken();
  saveToken(services.db, token, {
    user_id: userId,
    subject_type: subjectType,
    expires_at: services.settings.now() + TOKEN_LIFETIME_SECONDS * 1000,
  });
  return {
    access_token: token,
    expires_in: TOKEN_LIFETIME_SECONDS,
    token_type: 'bearer',
    restricted_to: [],
    issued_token_type: 'urn:ietf:params:oauth:token-type:access_token',
  };
}

function bearerToken(req: EmulatorRequest): string | undefined {
  const authorization = header(req, 'authorization');
  const match = authorization ? /^Bearer\s+(\S+)$/i.exec(authorization) : null;
  // Box also takes the token as a query parameter on content downloads.
  return match?.[1] ?? req.query.get('access_token') ?? undefined;
}

/** Resolves the caller of an API request, or throws 401/403/400 as Box would. */
export function authenticate(req: EmulatorRequest, services: Services): Caller {
  const token = bearerToken(req);
  const now = services.settings.now();
  const row = token ? findToken(services.db, token) : undefined;
  if (!row || row.expires_at <= now) throw unauthorized();
  const tokenUser = getUser(services.db, row.user_id);
  if (!tokenUser || tokenUser.status !== 'active') throw unauthorized();
  let user = tokenUser;
  const asUser = header(req, 'as-user');
  if (asUser !== undefined) {
    if (row.subject_type !== 'enterprise') throw insufficientScope();
    const target = /^\d+$/.test(asUser) ? getUser(services.db, Number(asUser)) : undefined;
    if (!target)
      throw badRequest(`Invalid value '${asUser}' for header 'As-User'`, undefined, 'invalid_request_parameters');
    user = target;
  }
  const policy = { enforce: services.settings.enforceCollaborationExpiry, now };
  return {
    user,
    isServiceAccount: user.id === services.serviceAccountId,
    now,
    access: new AccessResolver(services.db, user.id, policy),
  };
}
