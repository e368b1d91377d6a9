/**
 * A developer's data directory seeded before the cctvFootage template grew its upload fields: the
 * emulator there holds the older template (14 fields) with the demo instances on it. Starting the
 * bot on it must complete the template through Box's template update, leave the instances' values
 * alone, and not touch the template again on the next start.
 */
import type { BoxClient } from 'box-node-sdk';
import { cp, mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { TEMPLATE_FIELDS } from '../../src/box/recording-template';
import type { BoxEmulator } from '../../src/emulator';
import { EXPORT_METADATA_KEYS } from '../../src/footage/recording';
import { sdkClient, startTestEmulator } from '../emulator/support';
import { SEEDED_DATA_DIR_ENV, startHarness } from '../support/harness';

let dataDir: string;

beforeAll(async () => {
  const seeded = process.env[SEEDED_DATA_DIR_ENV];
  if (!seeded) throw new Error(`${SEEDED_DATA_DIR_ENV} is not set: run through jest's global setup`);
  dataDir = await mkdtemp(path.join(os.tmpdir(), 'cctv-old-template-'));
  await cp(seeded, dataDir, { recursive: true });
});

afterAll(async () => {
  await rm(dataDir, { recursive: true, force: true });
});

async function anyRecording(box: BoxClient): Promise<string> {
  const page = await box.search.searchByMetadataQuery({
    from: 'enterprise_1.cctvFootage',
    ancestorFolderId: '0',
    limit: 1,
    orderBy: [{ fieldKey: 'footageId', direction: 'asc' }],
  });
  return (page.entries![0] as { id: string }).id;
}

/** An instance's own values, without Box's `$` system fields. */
function values(extraData: Record<string, unknown> | undefined): Record<string, unknown> {
  return Object.fromEntries(Object.entries(extraData ?? {}).filter(([key]) => !key.startsWith('$')));
}

async function templateUpdates(emulator: BoxEmulator): Promise<Array<{ status: number }>> {
  const log = (await (await fetch(`${emulator.url}/_emulator/requests`)).json()) as {
    entries: Array<{ method: string; path: string; status: number }>;
  };
  return log.entries.filter(
    (e) => e.method === 'PUT' && e.path.endsWith('/metadata_templates/enterprise/cctvFootage/schema'),
  );
}

test('the bot completes a template made before the upload fields, at start, once', async () => {
  // Put the data directory back to the template as it was first created.
  const old = await startTestEmulator({ dataDir });
  let fileId: string;
  let before: Awaited<ReturnType<BoxClient['fileMetadata']['getFileMetadataById']>>;
  try {
    const box = sdkClient(old.emulator);
    const added = TEMPLATE_FIELDS.map((f) => f.key).filter((key) => !EXPORT_METADATA_KEYS.includes(key));
    expect(added.length).toBeGreaterThan(0);
    await box.metadataTemplates.updateMetadataTemplate(
      'enterprise',
      'cctvFootage',
      added.map((fieldKey) => ({ op: 'removeField' as const, fieldKey })),
    );
    expect(
      (await box.metadataTemplates.getMetadataTemplate('enterprise', 'cctvFootage')).fields!.map((f) => f.key),
    ).toEqual(EXPORT_METADATA_KEYS);
    fileId = await anyRecording(box);
    before = await box.fileMetadata.getFileMetadataById(fileId, 'enterprise', 'cctvFootage');
  } finally {
    await old.stop();
  }

  const first = await startHarness({ dataDir });
  try {
    const emulator = first.bot.emulator!;
    const box = sdkClient(emulator);
    const template = await box.metadataTemplates.getMetadataTemplate('enterprise', 'cctvFootage');
    expect(template.fields!.map((f) => ({ key: f.key, type: f.type, options: f.options?.map((o) => o.key) }))).toEqual(
      TEMPLATE_FIELDS.map((f) => ({ key: f.key, type: f.type, options: f.options ? [...f.options] : undefined })),
    );
    expect(await templateUpdates(emulator)).toEqual([expect.objectContaining({ status: 200 })]);
    const after = await box.fileMetadata.getFileMetadataById(fileId, 'enterprise', 'cctvFootage');
    expect(values(after.extraData)).toEqual(values(before.extraData));
    expect(values(after.extraData)).toHaveProperty('footageId');
    expect(after.version).toBe(before.version);
    expect(after.typeVersion).toBe(before.typeVersion! + 1);
    const health = (await (await fetch(`${first.bot.url}/healthz`)).json()) as { ready: boolean };
    expect(health.ready).toBe(true);
    await box.fileMetadata.updateFileMetadataById(fileId, 'enterprise', 'cctvFootage', [
      { op: 'add', path: '/source', value: 'officer upload' },
    ]);
    expect((await box.fileMetadata.getFileMetadataById(fileId, 'enterprise', 'cctvFootage')).extraData).toMatchObject({
      source: 'officer upload',
    });
  } finally {
    await first.close();
  }

  const second = await startHarness({ dataDir });
  try {
    expect(await templateUpdates(second.bot.emulator!)).toEqual([]);
  } finally {
    await second.close();
  }
}, 120_000);
