import { runBoxSetup } from '../../scripts/box-setup';
import { startHarness, type EmulatorHarness } from '../box/emulator-support';

describe('npm run box:setup', () => {
  let harness: EmulatorHarness;

  beforeAll(async () => {
    harness = await startHarness({ validateAgainstSpec: true });
  });

  afterAll(async () => {
    await harness?.close();
  });

  it('creates the cctvFootage template, the CCTV and intake folders once, and says how to make the missing template file request', async () => {
    const env = { BOX_EMULATOR_URL: harness.emulator.url };
    const lines: string[] = [];
    const first = await runBoxSetup(env, (line) => lines.push(line));
    expect(first.templateCreated).toBe(true);
    expect(first.fileRequestTemplate).toEqual({ ok: false, reason: 'BOX_FILE_REQUEST_TEMPLATE_ID is not set.' });
    expect(lines.join('\n')).toMatch(/Make the template file request once in the Box web app/);
    expect(lines.join('\n')).toMatch(/No PUBLIC_URL: .* polls/);
    const again = await runBoxSetup(env, () => undefined);
    expect(again).toEqual({ ...first, templateCreated: false });

    const creations = (await harness.requests())
      .filter((e) => e.method === 'POST' && e.status === 201)
      .map((e) => e.path);
    expect(creations).toEqual(['/2.0/metadata_templates/schema', '/2.0/folders', '/2.0/folders']);
    expect(harness.emulator.violations()).toEqual([]);
  });

  it('checks the template file request and registers the upload webhook for PUBLIC_URL once', async () => {
    const env = {
      BOX_EMULATOR_URL: harness.emulator.url,
      BOX_FILE_REQUEST_TEMPLATE_ID: harness.emulator.fileRequestTemplateId,
      PUBLIC_URL: 'https://cctv-bot.example.org/',
    };
    const first = await runBoxSetup(env, () => undefined);
    expect(first.fileRequestTemplate).toMatchObject({ ok: true });
    expect(first.webhook).toMatchObject({ created: true, address: 'https://cctv-bot.example.org/api/box/webhooks' });
    const again = await runBoxSetup(env, () => undefined);
    expect(again.webhook).toEqual({ ...first.webhook, created: false });
    const wrong = await runBoxSetup({ ...env, BOX_FILE_REQUEST_TEMPLATE_ID: '999999' }, () => undefined);
    expect(wrong.fileRequestTemplate).toMatchObject({
      ok: false,
      reason: expect.stringMatching(/no file request 999999/),
    });
    expect(harness.emulator.violations()).toEqual([]);
  });
});
