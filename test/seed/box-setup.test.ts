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

  it('creates the cctvFootage template and the CCTV folder once, and nothing else', async () => {
    const env = { BOX_EMULATOR_URL: harness.emulator.url };
    const first = await runBoxSetup(env, () => undefined);
    expect(first.templateCreated).toBe(true);
    const again = await runBoxSetup(env, () => undefined);
    expect(again).toEqual({ templateCreated: false, folderId: first.folderId });

    const creations = (await harness.requests()).filter((e) => e.method === 'POST' && e.status === 201).map((e) => e.path);
    expect(creations).toEqual(['/2.0/metadata_templates/schema', '/2.0/folders']);
    expect(harness.emulator.violations()).toEqual([]);
  });
});
