import { compileMetadataQuery, type FieldType } from '../../../src/emulator/metadata-query';

/** A small template using every field type. */
export const FIELDS: Record<string, FieldType> = {
  name: 'string',
  owner: 'string',
  status: 'enum',
  amount: 'float',
  recordedFrom: 'date',
  tags: 'multiSelect',
};

/**
 * Instances chosen so each operator separates them: `e` and `b` record the same instant written in
 * different zones, `d` lacks owner, recordedFrom and tags, `e` has an explicit null owner, `c` has
 * no tags selected.
 */
export const INSTANCES: Array<Record<string, unknown>> = [
  {
    id: 'a',
    name: 'Alpha',
    owner: 'TfL',
    status: 'received',
    amount: 10,
    recordedFrom: '2026-03-01T10:00:00Z',
    tags: ['night', 'street'],
  },
  {
    id: 'b',
    name: 'beta',
    owner: 'Council',
    status: 'reviewed',
    amount: 2.5,
    recordedFrom: '2026-03-29T01:30:00Z',
    tags: ['day'],
  },
  {
    id: 'c',
    name: 'Gamma 20%',
    owner: 'TfL Buses',
    status: 'evidential',
    amount: -1,
    recordedFrom: '2026-03-29T00:59:59.999Z',
    tags: [],
  },
  { id: 'd', name: 'delta_1', status: 'received', amount: 10.0000001 },
  {
    id: 'e',
    name: "O'Brien",
    owner: null,
    status: 'not_relevant',
    amount: 0,
    recordedFrom: '2026-03-29T02:30:00+01:00',
    tags: ['street'],
  },
];

/** The ids of the fixture instances a query selects, in fixture order. */
export function matchingIds(query: string | undefined, params: Record<string, unknown> = {}): string[] {
  const matches = compileMetadataQuery(query, params, FIELDS);
  return INSTANCES.filter(matches).map((instance) => instance.id as string);
}
