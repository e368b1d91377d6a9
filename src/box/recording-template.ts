import type { OwnerType, RecordingMetadata, RecordingSource, RecordingStatus } from '../footage/recording';

/**
 * The enterprise metadata template `cctvFootage`: one instance per recording. `footageId` is the
 * recording's id in the exporting system, kept so a Box file can be traced back to its export (and
 * because two exports can share a file name). Everything the search filters on is a typed field, so
 * Box's metadata query can compare it (floats for coordinates, dates for the recorded window).
 */
export const TEMPLATE_KEY = 'cctvFootage';
export const TEMPLATE_DISPLAY_NAME = 'CCTV Footage';

export const OWNER_TYPES: readonly OwnerType[] = ['local_authority', 'transport', 'business'];
export const RECORDING_STATUSES: readonly RecordingStatus[] = ['received', 'reviewed', 'evidential', 'not_relevant'];

/**
 * The words Box shows in the metadata panel for where a recording came from: an evidence manager reads
 * "officer upload", not a code. Templates made before these options keep their old keys
 * (`file_request`, `chat_upload`), which still read back as the same source.
 */
const SOURCE_OPTION: Readonly<Record<RecordingSource, string>> = {
  file_request: 'owner upload',
  chat_upload: 'officer upload',
};
const SOURCE_OPTIONS: readonly string[] = Object.values(SOURCE_OPTION);

function sourceFromOption(value: string): RecordingSource | undefined {
  const sources = Object.keys(SOURCE_OPTION) as RecordingSource[];
  return sources.find((source) => SOURCE_OPTION[source] === value || source === value);
}

export type TemplateFieldType = 'string' | 'float' | 'date' | 'enum';

export interface TemplateField {
  key: keyof RecordingMetadata;
  displayName: string;
  type: TemplateFieldType;
  options?: readonly string[];
}

export const TEMPLATE_FIELDS: readonly TemplateField[] = [
  { key: 'footageId', displayName: 'Footage id', type: 'string' },
  { key: 'cameraId', displayName: 'Camera id', type: 'string' },
  { key: 'cameraName', displayName: 'Camera name', type: 'string' },
  { key: 'borough', displayName: 'Borough', type: 'string' },
  { key: 'latitude', displayName: 'Latitude', type: 'float' },
  { key: 'longitude', displayName: 'Longitude', type: 'float' },
  { key: 'owner', displayName: 'Owner', type: 'string' },
  { key: 'ownerType', displayName: 'Owner type', type: 'enum', options: OWNER_TYPES },
  { key: 'recordedFrom', displayName: 'Recorded from', type: 'date' },
  { key: 'recordedTo', displayName: 'Recorded to', type: 'date' },
  { key: 'caseReference', displayName: 'Case reference', type: 'string' },
  { key: 'exhibitReference', displayName: 'Exhibit reference', type: 'string' },
  { key: 'status', displayName: 'Status', type: 'enum', options: RECORDING_STATUSES },
  { key: 'sha256', displayName: 'SHA-256 of the content', type: 'string' },
  // Added for footage that arrives from camera owners: an enterprise that already has the template
  // gets these through ensureMetadataTemplate's addField operations.
  { key: 'source', displayName: 'Source', type: 'enum', options: SOURCE_OPTIONS },
  { key: 'requestId', displayName: 'Footage request id', type: 'string' },
  { key: 'uploadedBy', displayName: 'Uploaded by', type: 'string' },
  { key: 'uploadedAt', displayName: 'Uploaded at', type: 'date' },
  { key: 'contentType', displayName: 'Content type', type: 'string' },
  { key: 'sizeBytes', displayName: 'Size in bytes', type: 'float' },
];

/** Fields a recording may lack (exports loaded by the force have no upload provenance). */
const OPTIONAL_FIELDS = ['source', 'requestId', 'uploadedBy', 'uploadedAt', 'contentType', 'sizeBytes'] as const;

export type InstanceValue = string | number;
export type InstanceValues = Record<string, InstanceValue>;

/** Box stores no nulls: an absent field is how a missing case reference (etc.) is written. */
export function toInstanceValues(metadata: RecordingMetadata): InstanceValues {
  const values: InstanceValues = {};
  for (const field of TEMPLATE_FIELDS) {
    const value = metadata[field.key];
    if (value === null || value === undefined) continue;
    if (field.key === 'source') values.source = SOURCE_OPTION[value as RecordingSource];
    else values[field.key] = field.type === 'date' ? new Date(value).toISOString() : value;
  }
  return values;
}

/** Reads an instance as Box returns it (with `$`-prefixed system keys); null if it is not a recording's. */
export function fromInstanceValues(raw: Readonly<Record<string, unknown>>): RecordingMetadata | null {
  const text = (key: string): string | null =>
    typeof raw[key] === 'string' && raw[key] !== '' ? (raw[key] as string) : null;
  const num = (key: string): number | null =>
    typeof raw[key] === 'number' && Number.isFinite(raw[key]) ? (raw[key] as number) : null;
  const date = (key: string): string | null => {
    const value = text(key);
    return value !== null && !Number.isNaN(Date.parse(value)) ? new Date(value).toISOString() : null;
  };
  const ownerType = text('ownerType');
  const status = text('status');
  const required = {
    cameraId: text('cameraId'),
    latitude: num('latitude'),
    longitude: num('longitude'),
    recordedFrom: date('recordedFrom'),
    recordedTo: date('recordedTo'),
  };
  if (Object.values(required).some((value) => value === null)) return null;
  if (!ownerType || !(OWNER_TYPES as readonly string[]).includes(ownerType)) return null;
  if (!status || !(RECORDING_STATUSES as readonly string[]).includes(status)) return null;
  return {
    footageId: text('footageId') ?? '',
    cameraId: required.cameraId as string,
    cameraName: text('cameraName') ?? '',
    borough: text('borough') ?? '',
    latitude: required.latitude as number,
    longitude: required.longitude as number,
    owner: text('owner') ?? '',
    ownerType: ownerType as OwnerType,
    recordedFrom: required.recordedFrom as string,
    recordedTo: required.recordedTo as string,
    caseReference: text('caseReference'),
    exhibitReference: text('exhibitReference'),
    status: status as RecordingStatus,
    sha256: text('sha256'),
    ...provenance(raw, text, num, date),
  };
}

/** The upload fields, only those present (so a recording without them compares equal to before). */
function provenance(
  raw: Readonly<Record<string, unknown>>,
  text: (key: string) => string | null,
  num: (key: string) => number | null,
  date: (key: string) => string | null,
): Partial<RecordingMetadata> {
  const values: Partial<RecordingMetadata> = {};
  for (const key of OPTIONAL_FIELDS) {
    if (raw[key] === undefined || raw[key] === null) continue;
    const value = key === 'sizeBytes' ? num(key) : key === 'uploadedAt' ? date(key) : text(key);
    if (value === null) continue;
    if (key === 'source') {
      const source = sourceFromOption(value as string);
      if (source) values.source = source;
    } else {
      (values as Record<string, unknown>)[key] = value;
    }
  }
  return values;
}

export interface PatchOperation {
  op: 'add' | 'replace' | 'remove';
  path: string;
  value?: InstanceValue;
}

/**
 * JSON-Patch turning the current instance into the wanted one: `replace` where a value differs,
 * `add` where the field is missing, `remove` where the wanted value is null. Empty when equal, so
 * an unchanged recording costs no write. Dates compare as instants (Box may add milliseconds).
 */
export function metadataPatch(current: Readonly<Record<string, unknown>>, wanted: RecordingMetadata): PatchOperation[] {
  const wantedValues = toInstanceValues(wanted);
  const ops: PatchOperation[] = [];
  for (const field of TEMPLATE_FIELDS) {
    const path = `/${field.key}`;
    const has = current[field.key] !== undefined && current[field.key] !== null;
    const value = wantedValues[field.key];
    if (value === undefined) {
      if (has) ops.push({ op: 'remove', path });
    } else if (!has) {
      ops.push({ op: 'add', path, value });
    } else if (!sameValue(field.type, current[field.key], value)) {
      ops.push({ op: 'replace', path, value });
    }
  }
  return ops;
}

function sameValue(type: TemplateFieldType, current: unknown, wanted: InstanceValue): boolean {
  if (type === 'date') return typeof current === 'string' && Date.parse(current) === Date.parse(String(wanted));
  return current === wanted;
}
