/**
 * `npm run box:setup`: prepares a Box enterprise for the bot without any demo data: the enterprise
 * metadata template `cctvFootage` (fields added since are added to an existing one), the service
 * account's `CCTV/` folder and its `CCTV/_incoming/` intake folder, a check of the template file
 * request that upload links are copied from (BOX_FILE_REQUEST_TEMPLATE_ID; how to make one when it
 * is missing), and with PUBLIC_URL the FILE.UPLOADED webhook on the intake folder. Idempotent.
 * Reads the same Box settings as `npm start` (BOX_CLIENT_ID/BOX_CLIENT_SECRET/BOX_ENTERPRISE_ID or
 * BOX_JWT_CONFIG_PATH; a running emulator at BOX_EMULATOR_URL otherwise).
 */
import { createBoxGateway, describeBoxTarget } from '../src/box';
import { createIntakeGateway, INTAKE_FOLDER } from '../src/box/intake';
import { ConfigError } from '../src/footage/errors';
import type { TemplateCheck } from '../src/footage/ports/intake-box';
import { FOOTAGE_ROOT } from '../src/seed';
import { seedConfigFromEnv } from './seed';

type Env = Record<string, string | undefined>;

export interface BoxSetupResult {
  templateCreated: boolean;
  folderId: string;
  intakeFolderId: string;
  fileRequestTemplate: TemplateCheck;
  /** Present with PUBLIC_URL. */
  webhook?: { id: string; created: boolean; address: string };
}

/** What an administrator does once in the Box web app: Box's API can copy a file request but not make one. */
export const TEMPLATE_HOWTO = [
  "Make the template file request once in the Box web app, signed in as the bot's service account (or share a folder with it):",
  '  1. Create a folder, e.g. "File request template"; open its ... menu and choose File Request.',
  '  2. Turn on "Email address" (required); leave the rest, the bot sets title, description and expiry per request.',
  "  3. Copy the link; its file request id is in the web app's URL when you edit it (app.box.com/filerequest/<id>).",
  '  4. Set BOX_FILE_REQUEST_TEMPLATE_ID=<id> for the bot and run npm run box:setup again to check it.',
];

export async function runBoxSetup(env: Env, print: (line: string) => void): Promise<BoxSetupResult> {
  const { box: config } = seedConfigFromEnv(env);
  const box = createBoxGateway(config);
  print(`Setting up ${describeBoxTarget(config)}`);
  const me = await box.whoAmI();
  print(`Acting as ${me.name} (${me.login})`);
  const template = await box.ensureMetadataTemplate();
  print(`Metadata template cctvFootage: ${template.created ? 'created' : 'already there (missing fields added)'}`);
  const folderId = await box.ensureFolderPath([FOOTAGE_ROOT]);
  print(`Folder ${FOOTAGE_ROOT}/: id ${folderId}`);
  const intake = createIntakeGateway({ ...config, appBaseUrl: 'https://app.box.com' });
  const intakeFolderId = await intake.intakeRootId();
  print(`Folder ${FOOTAGE_ROOT}/${INTAKE_FOLDER}/ (uploads from camera owners land here first): id ${intakeFolderId}`);

  const templateId = env.BOX_FILE_REQUEST_TEMPLATE_ID?.trim() ?? '';
  const fileRequestTemplate = await intake.checkUploadLinkTemplate(templateId);
  if (fileRequestTemplate.ok) {
    print(`Template file request ${templateId}: found ("${fileRequestTemplate.title}"); upload links are copies of it`);
  } else {
    print(`Template file request: not usable. ${fileRequestTemplate.reason}`);
    TEMPLATE_HOWTO.forEach((line) => print(line));
  }

  const publicUrl = env.PUBLIC_URL?.trim().replace(/\/+$/, '');
  if (!publicUrl) {
    print('No PUBLIC_URL: Box cannot reach the bot, so the bot polls the open intake folders (FOOTAGE_POLL_MS).');
    return { templateCreated: template.created, folderId, intakeFolderId, fileRequestTemplate };
  }
  const address = `${publicUrl}/api/box/webhooks`;
  const webhook = await intake.ensureUploadWebhook(intakeFolderId, address);
  print(
    `Webhook FILE.UPLOADED on ${FOOTAGE_ROOT}/${INTAKE_FOLDER}/ to ${address}: ${webhook.created ? 'registered' : 'already registered'} (id ${webhook.id})`,
  );
  print(
    'Copy the primary and secondary signature keys from the Box Developer Console (Webhooks) into BOX_WEBHOOK_PRIMARY_KEY and BOX_WEBHOOK_SECONDARY_KEY.',
  );
  return {
    templateCreated: template.created,
    folderId,
    intakeFolderId,
    fileRequestTemplate,
    webhook: { ...webhook, address },
  };
}

if (require.main === module) {
  runBoxSetup(process.env, (line) => console.log(line)).catch((error: unknown) => {
    console.error(
      error instanceof ConfigError
        ? `Configuration error: ${error.message}`
        : `Box setup failed: ${error instanceof Error ? error.message : String(error)}`,
    );
    process.exit(1);
  });
}
