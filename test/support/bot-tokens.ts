import jwt from 'jsonwebtoken';
import { generateKeyPairSync, randomUUID, type KeyObject } from 'node:crypto';
import http from 'node:http';
import { closeServer, listenOnLoopback, originOf } from './loopback-server';

/**
 * A local Bot Framework token issuer: serves an OpenID configuration and a JWKS (with the
 * `endorsements` Teams keys carry) and signs channel tokens the way Bot Framework does, so the
 * bot's real JWT validation (botbuilder's) can be exercised without the internet. The bot is
 * pointed at it with BOT_OPENID_METADATA_URL.
 */
export class LocalTokenIssuer {
  readonly issuer = 'https://api.botframework.com';
  private readonly keyId = randomUUID();
  private readonly privateKey: KeyObject;
  private readonly publicJwk: Record<string, unknown>;
  private server?: http.Server;

  constructor() {
    const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
    this.privateKey = privateKey;
    this.publicJwk = {
      ...publicKey.export({ format: 'jwk' }),
      kid: this.keyId,
      kty: 'RSA',
      use: 'sig',
      endorsements: ['msteams'],
    };
  }

  get metadataUrl(): string {
    return `${this.base()}/.well-known/openidconfiguration`;
  }

  async start(): Promise<this> {
    this.server = http.createServer((req, res) => {
      if (req.url === '/.well-known/openidconfiguration') {
        res.writeHead(200, { 'content-type': 'application/json' });
        res.end(
          JSON.stringify({
            issuer: this.issuer,
            authorization_endpoint: `${this.base()}/authorize`,
            jwks_uri: `${this.base()}/keys`,
            id_token_signing_alg_values_supported: ['RS256'],
            token_endpoint_auth_methods_supported: ['private_key_jwt'],
          }),
        );
        return;
      }
      if (req.url === '/keys') {
        res.writeHead(200, { 'content-type': 'application/json' });
        res.end(JSON.stringify({ keys: [this.publicJwk] }));
        return;
      }
      res.writeHead(404);
      res.end();
    });
    await listenOnLoopback(this.server);
    return this;
  }

  async close(): Promise<void> {
    await closeServer(this.server);
  }

  /** A channel token for `audience` (the bot's app id), bound to `serviceUrl` like Teams' tokens. */
  sign(claims: {
    audience: string;
    serviceUrl: string;
    expiresInSeconds?: number;
    issuer?: string;
    key?: KeyObject;
  }): string {
    return `Bearer ${jwt.sign({ serviceurl: claims.serviceUrl }, claims.key ?? this.privateKey, {
      algorithm: 'RS256',
      keyid: this.keyId,
      issuer: claims.issuer ?? this.issuer,
      audience: claims.audience,
      expiresIn: claims.expiresInSeconds ?? 3600,
      notBefore: -300,
    })}`;
  }

  private base(): string {
    return originOf(this.server, 'token issuer');
  }
}
