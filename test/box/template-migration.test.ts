/**
 * The cctvFootage template grew fields for footage that camera owners upload. An enterprise that
 * made the template before has it without them: the update sent to Box (PUT .../schema) is one
 * addField per missing field, with enum options, and nothing for fields already there; a field of
 * the wrong type is reported rather than patched over.
 */
import { templateChanges } from '../../src/box/metadata';
import { fromInstanceValues, TEMPLATE_FIELDS, toInstanceValues } from '../../src/box/recording-template';
import { EXPORT_METADATA_KEYS } from '../../src/footage/recording';

const ORIGINAL = TEMPLATE_FIELDS.filter((f) => EXPORT_METADATA_KEYS.includes(f.key)).map((f) => ({
  key: f.key,
  type: f.type,
  ...(f.options ? { options: f.options.map((key) => ({ key })) } : {}),
}));

describe('cctvFootage template migration', () => {
  it('adds exactly the upload fields to a template made before them', () => {
    expect(templateChanges(ORIGINAL)).toEqual([
      {
        op: 'addField',
        data: {
          type: 'enum',
          key: 'source',
          displayName: 'Source',
          options: [{ key: 'owner upload' }, { key: 'officer upload' }],
        },
      },
      { op: 'addField', data: { type: 'string', key: 'requestId', displayName: 'Footage request id' } },
      { op: 'addField', data: { type: 'string', key: 'uploadedBy', displayName: 'Uploaded by' } },
      { op: 'addField', data: { type: 'date', key: 'uploadedAt', displayName: 'Uploaded at' } },
      { op: 'addField', data: { type: 'string', key: 'contentType', displayName: 'Content type' } },
      { op: 'addField', data: { type: 'float', key: 'sizeBytes', displayName: 'Size in bytes' } },
    ]);
  });

  it('adds sha256 where an even older template lacks it, and nothing to a current one', () => {
    const withoutHash = ORIGINAL.filter((f) => f.key !== 'sha256');
    expect(templateChanges(withoutHash).map((c) => c.op === 'addField' && c.data.key)).toContain('sha256');
    const current = TEMPLATE_FIELDS.map((f) => ({
      key: f.key,
      type: f.type,
      ...(f.options ? { options: f.options.map((key) => ({ key })) } : {}),
    }));
    expect(templateChanges(current)).toEqual([]);
  });

  it('refuses a field of the wrong type instead of patching over it', () => {
    const wrong = ORIGINAL.map((f) => (f.key === 'sha256' ? { ...f, type: 'float' } : f));
    expect(() => templateChanges(wrong)).toThrow(/field sha256 is a float, not a string/);
  });
});

describe('the source field', () => {
  it('is written as the words an evidence manager reads, and old option keys still read back', () => {
    const metadata = {
      footageId: 'F-1',
      cameraId: 'LAM-0105',
      cameraName: 'Acre Lane',
      borough: 'Lambeth',
      latitude: 51.46,
      longitude: -0.12,
      owner: 'Lambeth Council',
      ownerType: 'local_authority' as const,
      recordedFrom: '2026-03-03T14:00:00.000Z',
      recordedTo: '2026-03-03T15:00:00.000Z',
      caseReference: null,
      exhibitReference: null,
      status: 'received' as const,
      sha256: null,
    };
    expect(toInstanceValues({ ...metadata, source: 'chat_upload' }).source).toBe('officer upload');
    expect(toInstanceValues({ ...metadata, source: 'file_request' }).source).toBe('owner upload');
    const stored = { ...toInstanceValues(metadata), $template: 'cctvFootage' };
    expect(fromInstanceValues({ ...stored, source: 'officer upload' })?.source).toBe('chat_upload');
    expect(fromInstanceValues({ ...stored, source: 'chat_upload' })?.source).toBe('chat_upload');
    expect(fromInstanceValues({ ...stored, source: 'owner upload' })?.source).toBe('file_request');
    expect(fromInstanceValues({ ...stored, source: 'something else' })?.source).toBeUndefined();
  });

  it('gains the new options on a template that has only the old keys', () => {
    const legacy = TEMPLATE_FIELDS.map((f) => ({
      key: f.key,
      type: f.type,
      ...(f.key === 'source'
        ? { options: [{ key: 'file_request' }, { key: 'chat_upload' }] }
        : f.options
          ? { options: f.options.map((key) => ({ key })) }
          : {}),
    }));
    expect(templateChanges(legacy)).toEqual([
      { op: 'addEnumOption', fieldKey: 'source', data: { key: 'owner upload' } },
      { op: 'addEnumOption', fieldKey: 'source', data: { key: 'officer upload' } },
    ]);
  });
});
