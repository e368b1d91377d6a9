import { generateKeyPairSync } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createBoxGateway, describeBoxTarget } from '../../src/box';
import { startBoxEmulator } from '../../src/emulator';
import { ConfigError, UpstreamUnavailableError } from '../../src/footage/errors';

// A JWT app, as a deployment would configure one (BOX_JWT_CONFIG_PATH), against an emulator that
// checks the assertion's signature with the app's public key.
describe('Box gateway with JWT app authentication', () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'box-jwt-test-'));
  const passphrase = 'test-passphrase';
  const { publicKey, privateKey } = generateKeyPairSync('rsa', {
    modulusLength: 2048,
    publicKeyEncoding: { type: 'spki', format: 'pem' },
    privateKeyEncoding: { type: 'pkcs8', format: 'pem', cipher: 'aes-256-cbc', passphrase },
  });
  const writeConfig = (name: string, key: string): string => {
    const file = path.join(dir, name);
    writeFileSync(
      file,
      JSON.stringify({
        boxAppSettings: {
          clientID: 'emulator-client',
          clientSecret: 'emulator-secret',
          appAuth: { publicKeyID: 'key-1', privateKey: key, passphrase },
        },
        enterpriseID: '1',
      }),
    );
    return file;
  };
  let emulator: Awaited<ReturnType<typeof startBoxEmulator>>;

  beforeAll(async () => {
    emulator = await startBoxEmulator({ dataDir: dir, port: 0, validateAgainstSpec: true, jwtPublicKey: publicKey });
  });

  afterAll(async () => {
    await emulator?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('authenticates as the service account with a signed assertion', async () => {
    const config = {
      auth: { kind: 'jwt' as const, configPath: writeConfig('good.json', privateKey) },
      baseUrls: emulator.baseUrls,
    };
    const me = await createBoxGateway(config).whoAmI();
    expect(me.id).toMatch(/^\d+$/);
    expect(describeBoxTarget(config)).toBe(`emulator ${emulator.url}`);
  });

  it('is refused with a key the app does not have', async () => {
    const other = generateKeyPairSync('rsa', {
      modulusLength: 2048,
      publicKeyEncoding: { type: 'spki', format: 'pem' },
      privateKeyEncoding: { type: 'pkcs8', format: 'pem', cipher: 'aes-256-cbc', passphrase },
    });
    const box = createBoxGateway({
      auth: { kind: 'jwt', configPath: writeConfig('wrong.json', other.privateKey) },
      baseUrls: emulator.baseUrls,
      retry: { maxAttempts: 1 },
    });
    await expect(box.whoAmI()).rejects.toThrow(UpstreamUnavailableError);
  });

  it('names the variable when the config file is missing', () => {
    expect(() => createBoxGateway({ auth: { kind: 'jwt', configPath: path.join(dir, 'missing.json') } })).toThrow(
      ConfigError,
    );
  });

  it('leaves the emulator with no spec violations', () => {
    expect(emulator.violations()).toEqual([]);
  });
});
