/**
 * Box's metadata template update (PUT /metadata_templates/:scope/:key/schema) through box-node-sdk:
 * each operation, what it does to the instances already on files, all-or-nothing application, who
 * may call it, and every request and response checked against Box's OpenAPI document.
 */
import type { BoxClient } from 'box-node-sdk';
import type { BoxEmulator } from '../../src/emulator';
import { apiError, Readable, sdkClient, startTestEmulator } from './support';

let emulator: BoxEmulator;
let stop: () => Promise<void>;
let box: BoxClient;
let folderId: string;

const TEMPLATE = {
  scope: 'enterprise',
  templateKey: 'survey',
  displayName: 'Site survey',
  fields: [
    { type: 'string' as const, key: 'site', displayName: 'Site' },
    { type: 'float' as const, key: 'height', displayName: 'Height' },
    { type: 'enum' as const, key: 'state', displayName: 'State', options: [{ key: 'open' }, { key: 'closed' }] },
    {
      type: 'multiSelect' as const,
      key: 'tags',
      displayName: 'Tags',
      options: [{ key: 'night' }, { key: 'day' }, { key: 'rain' }],
    },
  ],
};

beforeAll(async () => {
  ({ emulator, stop } = await startTestEmulator({ validateAgainstSpec: true }));
  box = sdkClient(emulator);
  folderId = (await box.folders.createFolder({ name: 'Surveys', parent: { id: '0' } })).id;
  await box.metadataTemplates.createMetadataTemplate(TEMPLATE);
});

afterAll(async () => {
  await stop();
});

async function fileWith(name: string, values: Record<string, unknown>): Promise<string> {
  const files = await box.uploads.uploadFile({
    attributes: { name, parent: { id: folderId } },
    file: Readable.from([Buffer.from(name)]),
  });
  const fileId = files.entries![0].id;
  await box.fileMetadata.createFileMetadataById(fileId, 'enterprise', 'survey', values);
  return fileId;
}

async function valuesOf(fileId: string): Promise<Record<string, unknown>> {
  const instance = await box.fileMetadata.getFileMetadataById(fileId, 'enterprise', 'survey');
  return instance.extraData ?? {};
}

async function keys(): Promise<string[]> {
  return (await box.metadataTemplates.getMetadataTemplate('enterprise', 'survey')).fields!.map((f) => f.key);
}

describe('template update', () => {
  it('adds fields and enum options, answering the whole updated template', async () => {
    const updated = await box.metadataTemplates.updateMetadataTemplate('enterprise', 'survey', [
      { op: 'addField', data: { type: 'date', key: 'surveyedAt', displayName: 'Surveyed at' } },
      { op: 'addField', data: { type: 'enum', key: 'source', displayName: 'Source', options: [{ key: 'drone' }] } },
      { op: 'addEnumOption', fieldKey: 'source', data: { key: 'walk' } },
      { op: 'addMultiSelectOption', fieldKey: 'tags', data: { key: 'fog' } },
    ]);
    expect(updated).toMatchObject({ type: 'metadata_template', scope: 'enterprise_1', templateKey: 'survey' });
    expect(updated.fields!.map((f) => f.key)).toEqual(['site', 'height', 'state', 'tags', 'surveyedAt', 'source']);
    expect(updated.fields!.find((f) => f.key === 'source')!.options!.map((o) => o.key)).toEqual(['drone', 'walk']);
    expect(updated.fields!.find((f) => f.key === 'tags')!.options!.map((o) => o.key)).toEqual([
      'night',
      'day',
      'rain',
      'fog',
    ]);
    expect(await keys()).toEqual(updated.fields!.map((f) => f.key));
  });

  it('lets instances use what was added', async () => {
    const fileId = await fileWith('added.txt', {
      site: 'A',
      surveyedAt: '2026-03-01T00:00:00Z',
      source: 'walk',
      tags: ['fog'],
    });
    expect(await valuesOf(fileId)).toMatchObject({
      source: 'walk',
      tags: ['fog'],
      surveyedAt: '2026-03-01T00:00:00.000Z',
    });
  });

  it('renames a field and an option on the template and in every instance, bumping their versions', async () => {
    const fileId = await fileWith('renamed.txt', { site: 'North gate', state: 'open', tags: ['night', 'rain'] });
    const before = await box.fileMetadata.getFileMetadataById(fileId, 'enterprise', 'survey');
    await box.metadataTemplates.updateMetadataTemplate('enterprise', 'survey', [
      {
        op: 'editField',
        fieldKey: 'site',
        data: { key: 'location', displayName: 'Location', description: 'Where the survey was done' },
      },
      { op: 'editEnumOption', fieldKey: 'state', enumOptionKey: 'open', data: { key: 'active' } },
      { op: 'editMultiSelectOption', fieldKey: 'tags', multiSelectOptionKey: 'rain', data: { key: 'wet' } },
      { op: 'editTemplate', data: { displayName: 'Site surveys', copyInstanceOnItemCopy: true } },
    ]);
    const template = await box.metadataTemplates.getMetadataTemplate('enterprise', 'survey');
    expect(template).toMatchObject({ displayName: 'Site surveys', copyInstanceOnItemCopy: true });
    expect(template.fields!.find((f) => f.key === 'location')).toMatchObject({
      displayName: 'Location',
      description: 'Where the survey was done',
      type: 'string',
    });
    const after = await box.fileMetadata.getFileMetadataById(fileId, 'enterprise', 'survey');
    expect(after.extraData).toMatchObject({ location: 'North gate', state: 'active', tags: ['night', 'wet'] });
    expect(after.extraData).not.toHaveProperty('site');
    expect(after.version).toBe(before.version! + 1);
    expect(after.typeVersion).toBe(before.typeVersion! + 1);
  });

  it('finds instances by the new names in metadata queries straight after a rename', async () => {
    const fileId = await fileWith('query.txt', { location: 'Depot', state: 'closed' });
    const query = (q: string, params: Record<string, string>) =>
      box.search.searchByMetadataQuery({
        from: 'enterprise_1.survey',
        query: q,
        queryParams: params,
        ancestorFolderId: folderId,
        fields: ['name'],
      });
    expect((await query('state = :s', { s: 'closed' })).entries!.map((e) => (e as { id: string }).id)).toEqual([
      fileId,
    ]);
    await box.metadataTemplates.updateMetadataTemplate('enterprise', 'survey', [
      { op: 'editEnumOption', fieldKey: 'state', enumOptionKey: 'closed', data: { key: 'shut' } },
    ]);
    expect((await query('state = :s', { s: 'shut' })).entries!.map((e) => (e as { id: string }).id)).toEqual([fileId]);
    expect((await query('state = :s', { s: 'closed' })).entries).toEqual([]);
  });

  it('removes options and fields from the template and from the instances holding them', async () => {
    const fileId = await fileWith('removed.txt', {
      location: 'Yard',
      height: 3.5,
      state: 'active',
      tags: ['day', 'wet'],
    });
    await box.metadataTemplates.updateMetadataTemplate('enterprise', 'survey', [
      { op: 'removeEnumOption', fieldKey: 'state', enumOptionKey: 'active' },
      { op: 'removeMultiSelectOption', fieldKey: 'tags', multiSelectOptionKey: 'wet' },
      { op: 'removeField', fieldKey: 'height' },
    ]);
    const values = await valuesOf(fileId);
    expect(values).toMatchObject({ location: 'Yard', tags: ['day'] });
    expect(values).not.toHaveProperty('height');
    expect(values).not.toHaveProperty('state');
    const template = await box.metadataTemplates.getMetadataTemplate('enterprise', 'survey');
    expect(template.fields!.find((f) => f.key === 'state')!.options!.map((o) => o.key)).toEqual(['shut']);
    expect(template.fields!.some((f) => f.key === 'height')).toBe(false);
    const refused = await apiError(
      box.fileMetadata.updateFileMetadataById(fileId, 'enterprise', 'survey', [
        { op: 'add', path: '/height', value: '1' },
      ]),
    );
    expect(refused.status).toBe(400);
  });

  it('reorders fields and options, given every key exactly once', async () => {
    const current = await keys();
    const reversed = [...current].reverse();
    await box.metadataTemplates.updateMetadataTemplate('enterprise', 'survey', [
      { op: 'reorderFields', fieldKeys: reversed },
      { op: 'reorderMultiSelectOptions', fieldKey: 'tags', multiSelectOptionKeys: ['fog', 'day', 'night'] },
      { op: 'reorderEnumOptions', fieldKey: 'source', enumOptionKeys: ['walk', 'drone'] },
    ]);
    const template = await box.metadataTemplates.getMetadataTemplate('enterprise', 'survey');
    expect(template.fields!.map((f) => f.key)).toEqual(reversed);
    expect(template.fields!.find((f) => f.key === 'tags')!.options!.map((o) => o.key)).toEqual(['fog', 'day', 'night']);
    expect(template.fields!.find((f) => f.key === 'source')!.options!.map((o) => o.key)).toEqual(['walk', 'drone']);
    const partial = await apiError(
      box.metadataTemplates.updateMetadataTemplate('enterprise', 'survey', [
        { op: 'reorderFields', fieldKeys: reversed.slice(1) },
      ]),
    );
    expect(partial).toMatchObject({ status: 400, code: 'bad_request' });
  });

  it.each([
    [
      'a field key already taken',
      [{ op: 'addField' as const, data: { type: 'string', key: 'location', displayName: 'Again' } }],
    ],
    [
      'an unknown field type',
      [{ op: 'addField' as const, data: { type: 'integer', key: 'count', displayName: 'Count' } }],
    ],
    [
      'an enum field without options',
      [{ op: 'addField' as const, data: { type: 'enum', key: 'kind', displayName: 'Kind' } }],
    ],
    ['an option already there', [{ op: 'addEnumOption' as const, fieldKey: 'source', data: { key: 'drone' } }]],
    ['an enum option on a string field', [{ op: 'addEnumOption' as const, fieldKey: 'location', data: { key: 'x' } }]],
    ['a field that does not exist', [{ op: 'removeField' as const, fieldKey: 'nothing' }]],
    ['an option that does not exist', [{ op: 'removeEnumOption' as const, fieldKey: 'source', enumOptionKey: 'boat' }]],
    ['a change of a field type', [{ op: 'editField' as const, fieldKey: 'location', data: { type: 'float' } }]],
    ['a rename onto another field', [{ op: 'editField' as const, fieldKey: 'location', data: { key: 'tags' } }]],
    ['an operation Box does not have', [{ op: 'renameTemplate' as 'editTemplate', data: { displayName: 'x' } }]],
  ])('refuses %s with 400 and changes nothing, even after valid operations', async (_, bad) => {
    const before = await box.metadataTemplates.getMetadataTemplate('enterprise', 'survey');
    const error = await apiError(
      box.metadataTemplates.updateMetadataTemplate('enterprise', 'survey', [
        { op: 'addField', data: { type: 'string', key: 'firstOfTwo', displayName: 'First' } },
        ...bad,
      ]),
    );
    expect(error).toMatchObject({ status: 400, code: 'bad_request' });
    expect(await box.metadataTemplates.getMetadataTemplate('enterprise', 'survey')).toEqual(before);
  });

  it('answers 404 for a template that does not exist', async () => {
    const error = await apiError(
      box.metadataTemplates.updateMetadataTemplate('enterprise', 'nothing', [
        { op: 'editTemplate', data: { hidden: true } },
      ]),
    );
    expect(error).toMatchObject({ status: 404, code: 'not_found' });
  });

  it('answers 403 to a user who is not an administrator', async () => {
    const user = await box.users.createUser({ name: 'Surveyor', login: 'surveyor@police.example' });
    const asUser = sdkClient(emulator, { userId: user.id });
    const error = await apiError(
      asUser.metadataTemplates.updateMetadataTemplate('enterprise', 'survey', [
        { op: 'editTemplate', data: { hidden: true } },
      ]),
    );
    expect(error.status).toBe(403);
    expect((await box.metadataTemplates.getMetadataTemplate('enterprise', 'survey')).hidden).toBe(false);
  });

  it('keeps the change across a restart of the emulator', async () => {
    const { emulator: first, dataDir, stop: stopFirst } = await startTestEmulator();
    const client = sdkClient(first);
    await client.metadataTemplates.createMetadataTemplate({
      scope: 'enterprise',
      templateKey: 'kept',
      displayName: 'Kept',
      fields: [],
    });
    await client.metadataTemplates.updateMetadataTemplate('enterprise', 'kept', [
      { op: 'addField', data: { type: 'string', key: 'note', displayName: 'Note' } },
    ]);
    await first.close();
    const { emulator: second, stop: stopSecond } = await startTestEmulator({ dataDir });
    try {
      expect(
        (await sdkClient(second).metadataTemplates.getMetadataTemplate('enterprise', 'kept')).fields!.map((f) => f.key),
      ).toEqual(['note']);
    } finally {
      await stopSecond();
      await stopFirst().catch(() => undefined);
    }
  });
});

describe('OpenAPI conformance', () => {
  it('recorded no response the spec rejects, and as a request only the operation Box does not have', () => {
    const summary = emulator
      .violations()
      .map((v) => ({ direction: v.direction, operation: v.operation, at: v.errors.map((e) => e.instancePath) }));
    expect(summary).toEqual([
      { direction: 'request', operation: 'PUT /metadata_templates/{scope}/{template_key}/schema', at: ['/1/op'] },
    ]);
  });
});
