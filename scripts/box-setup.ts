/**
 * `npm run box:setup`: prepares a Box enterprise for the bot without any demo data: the enterprise
 * metadata template `cctvFootage` and the service account's `CCTV/` folder. Idempotent. Reads the
 * same Box settings as `npm start` (BOX_CLIENT_ID/BOX_CLIENT_SECRET/BOX_ENTERPRISE_ID or
 * BOX_JWT_CONFIG_PATH; a running emulator at BOX_EMULATOR_URL otherwise).
 */
import { createBoxGateway, describeBoxTarget } from '../src/box';
import { ConfigError } from '../src/footage/errors';
import { FOOTAGE_ROOT } from '../src/seed';
import { seedConfigFromEnv } from './seed';

type Env = Record<string, string | undefined>;

export async function runBoxSetup(env: Env, print: (line: string) => void): Promise<{ templateCreated: boolean; folderId: string }> {
  const { box: config } = seedConfigFromEnv(env);
  const box = createBoxGateway(config);
  print(`Setting up ${describeBoxTarget(config)}`);
  const me = await box.whoAmI();
  print(`Acting as ${me.name} (${me.login})`);
  const template = await box.ensureMetadataTemplate();
  print(`Metadata template cctvFootage: ${template.created ? 'created' : 'already there (missing fields added)'}`);
  const folderId = await box.ensureFolderPath([FOOTAGE_ROOT]);
  print(`Folder ${FOOTAGE_ROOT}/: id ${folderId}`);
  return { templateCreated: template.created, folderId };
}

if (require.main === module) {
  runBoxSetup(process.env, (line) => console.log(line)).catch((error: unknown) => {
    console.error(error instanceof ConfigError ? `Configuration error: ${error.message}` : `Box setup failed: ${error instanceof Error ? error.message : String(error)}`);
    process.exit(1);
  });
}
