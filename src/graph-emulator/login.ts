/**
 * The part of the Microsoft identity platform that a confidential client uses: the tenant's OpenID
 * metadata (MSAL reads it to find the token endpoint) and the client credentials grant. Tokens are
 * opaque strings the Graph routes accept until they expire.
 */
import { randomBytes } from 'node:crypto';
import { json, type Reply } from './http';

export interface LoginSettings {
  tenantId: string;
  clientId: string;
  clientSecret: string;
}

export class TokenIssuer {
  private readonly tokens = new Map<string, number>();

  constructor(
    private readonly settings: LoginSettings,
    private readonly loginUrl: () => string,
  ) {}

  isValid(authorization: string | undefined): boolean {
    const token = /^Bearer (.+)$/.exec(authorization ?? '')?.[1];
    const expires = token ? this.tokens.get(token) : undefined;
    return expires !== undefined && expires > Date.now();
  }

  openIdConfiguration(tenant: string): Reply {
    if (tenant !== this.settings.tenantId)
      return aadError(400, 'invalid_tenant', `AADSTS90002: Tenant '${tenant}' not found.`);
    const base = `${this.loginUrl()}/${tenant}`;
    return json(200, {
      token_endpoint: `${base}/oauth2/v2.0/token`,
      authorization_endpoint: `${base}/oauth2/v2.0/authorize`,
      end_session_endpoint: `${base}/oauth2/v2.0/logout`,
      jwks_uri: `${base}/discovery/v2.0/keys`,
      issuer: `${base}/v2.0`,
      response_types_supported: ['code', 'id_token', 'code id_token', 'id_token token'],
      token_endpoint_auth_methods_supported: ['client_secret_post', 'private_key_jwt', 'client_secret_basic'],
    });
  }

  token(tenant: string, form: URLSearchParams): Reply {
    if (tenant !== this.settings.tenantId)
      return aadError(400, 'invalid_request', `AADSTS90002: Tenant '${tenant}' not found.`);
    if (form.get('grant_type') !== 'client_credentials')
      return aadError(400, 'unsupported_grant_type', 'AADSTS70003: The app requested an unsupported grant type.');
    if (form.get('client_id') !== this.settings.clientId)
      return aadError(
        400,
        'unauthorized_client',
        `AADSTS700016: Application with identifier '${form.get('client_id')}' was not found in the directory.`,
      );
    if (form.get('client_secret') !== this.settings.clientSecret)
      return aadError(401, 'invalid_client', 'AADSTS7000215: Invalid client secret provided.');
    const scope = form.get('scope') ?? '';
    if (!scope.split(' ').some((s) => s.endsWith('/.default')))
      return aadError(
        400,
        'invalid_scope',
        'AADSTS1002012: The provided value for scope is not valid. Client credential flows must have a scope value with /.default suffixed to the resource identifier.',
      );
    const token = randomBytes(24).toString('base64url');
    const expiresIn = 3599;
    this.tokens.set(token, Date.now() + expiresIn * 1000);
    return json(200, { token_type: 'Bearer', expires_in: expiresIn, ext_expires_in: expiresIn, access_token: token });
  }
}

function aadError(status: number, error: string, description: string): Reply {
  return json(status, {
    error,
    error_description: description,
    error_codes: [Number(/AADSTS(\d+)/.exec(description)?.[1] ?? 0)],
    timestamp: new Date().toISOString(),
  });
}
