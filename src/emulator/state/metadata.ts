import { randomUUID } from 'node:crypto';
import { SortedInstanceIndex, type IndexedInstance } from '../metadata-query/sorted-index';
import { nextId, sql, type Db } from './db';

export type TemplateFieldType = 'string' | 'float' | 'date' | 'enum' | 'multiSelect';

export interface TemplateField {
  id: string;
  type: TemplateFieldType;
  key: string;
  displayName: string;
  description?: string;
  hidden: boolean;
  options?: Array<{ id: string; key: string }>;
}

export interface MetadataTemplate {
  id: string;
  scope: string;
  templateKey: string;
  displayName: string;
  hidden: boolean;
  copyInstanceOnItemCopy: boolean;
  fields: TemplateField[];
}

interface TemplateRow {
  id: string;
  scope: string;
  template_key: string;
  display_name: string;
  hidden: number;
  copy_instance_on_item_copy: number;
  fields: string;
}

function toTemplate(row: TemplateRow): MetadataTemplate {
  return {
    id: row.id,
    scope: row.scope,
    templateKey: row.template_key,
    displayName: row.display_name,
    hidden: row.hidden === 1,
    copyInstanceOnItemCopy: row.copy_instance_on_item_copy === 1,
    fields: JSON.parse(row.fields) as TemplateField[],
  };
}

export function getTemplate(db: Db, scope: string, templateKey: string): MetadataTemplate | undefined {
  const row = sql(db, 'SELECT * FROM metadata_templates WHERE scope = ? AND template_key = ?').get(
    scope,
    templateKey,
  ) as TemplateRow | undefined;
  return row ? toTemplate(row) : undefined;
}

export function listTemplates(db: Db, scope: string): MetadataTemplate[] {
  return (
    sql(db, 'SELECT * FROM metadata_templates WHERE scope = ? ORDER BY created_seq').all(scope) as TemplateRow[]
  ).map(toTemplate);
}

export function insertTemplate(db: Db, template: Omit<MetadataTemplate, 'id'>): MetadataTemplate {
  const id = randomUUID();
  sql(
    db,
    `INSERT INTO metadata_templates (id, scope, template_key, display_name, hidden, copy_instance_on_item_copy, fields, created_seq)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
  ).run(
    id,
    template.scope,
    template.templateKey,
    template.displayName,
    template.hidden ? 1 : 0,
    template.copyInstanceOnItemCopy ? 1 : 0,
    JSON.stringify(template.fields),
    nextId(db, 'template'),
  );
  return { id, ...template };
}

export type InstanceValues = Record<string, string | number | string[]>;

export interface MetadataInstance {
  id: string;
  itemId: number;
  scope: string;
  templateKey: string;
  values: InstanceValues;
  version: number;
  typeVersion: number;
}

interface InstanceRow {
  id: string;
  item_id: number;
  scope: string;
  template_key: string;
  vals: string;
  version: number;
  type_version: number;
}

function toInstance(row: InstanceRow): MetadataInstance {
  return {
    id: row.id,
    itemId: row.item_id,
    scope: row.scope,
    templateKey: row.template_key,
    values: JSON.parse(row.vals) as InstanceValues,
    version: row.version,
    typeVersion: row.type_version,
  };
}

export function getInstance(db: Db, itemId: number, scope: string, templateKey: string): MetadataInstance | undefined {
  const row = sql(db, 'SELECT * FROM metadata_instances WHERE item_id = ? AND scope = ? AND template_key = ?').get(
    itemId,
    scope,
    templateKey,
  ) as InstanceRow | undefined;
  return row ? toInstance(row) : undefined;
}

export function instancesOfItem(db: Db, itemId: number): MetadataInstance[] {
  return (
    sql(db, 'SELECT * FROM metadata_instances WHERE item_id = ? ORDER BY rowid').all(itemId) as InstanceRow[]
  ).map(toInstance);
}

// Writes through this module bump the generation; writes by another connection change SQLite's
// data_version. Either makes the query index reload.
const generations = new WeakMap<Db, number>();
const indexes = new WeakMap<Db, SortedInstanceIndex>();

function changed(db: Db): void {
  generations.set(db, (generations.get(db) ?? 0) + 1);
}

/** The sorted, in-memory index metadata queries walk (see ../metadata-query/sorted-index). */
export function instanceIndex(db: Db): SortedInstanceIndex {
  let index = indexes.get(db);
  if (!index) {
    index = new SortedInstanceIndex(
      (scope, templateKey) =>
        (
          sql(db, 'SELECT id, item_id, vals, version FROM metadata_instances WHERE scope = ? AND template_key = ?').all(
            scope,
            templateKey,
          ) as InstanceRow[]
        ).map((row): IndexedInstance => ({
          instanceId: row.id,
          itemId: row.item_id,
          version: row.version,
          values: JSON.parse(row.vals) as InstanceValues,
        })),
      () => `${generations.get(db) ?? 0}:${String(db.pragma('data_version', { simple: true }))}`,
    );
    indexes.set(db, index);
  }
  return index;
}

/** Whether an indexed entry still says what the database says (same instance, same version). */
export function isCurrentInstance(db: Db, entry: IndexedInstance): boolean {
  const row = sql(db, 'SELECT version FROM metadata_instances WHERE id = ?').get(entry.instanceId) as
    { version: number } | undefined;
  return row !== undefined && row.version === entry.version;
}

export function insertInstance(
  db: Db,
  itemId: number,
  scope: string,
  templateKey: string,
  values: InstanceValues,
): MetadataInstance {
  changed(db);
  const id = randomUUID();
  sql(
    db,
    'INSERT INTO metadata_instances (id, item_id, scope, template_key, vals, version, type_version) VALUES (?, ?, ?, ?, ?, 0, 0)',
  ).run(id, itemId, scope, templateKey, JSON.stringify(values));
  return { id, itemId, scope, templateKey, values, version: 0, typeVersion: 0 };
}

export function updateInstanceValues(db: Db, instance: MetadataInstance, values: InstanceValues): MetadataInstance {
  changed(db);
  sql(db, 'UPDATE metadata_instances SET vals = ?, version = version + 1 WHERE id = ?').run(
    JSON.stringify(values),
    instance.id,
  );
  return { ...instance, values, version: instance.version + 1 };
}

/**
 * Stores a changed template and rewrites its instances' values in the same breath (call inside a
 * transaction). Every instance takes the template's new type version; those whose values changed
 * also take a new version, so a query index holding the old values sees them as stale.
 */
export function replaceTemplate(
  db: Db,
  template: MetadataTemplate,
  rewriteValues: (values: InstanceValues) => InstanceValues,
): void {
  changed(db);
  sql(
    db,
    'UPDATE metadata_templates SET display_name = ?, hidden = ?, copy_instance_on_item_copy = ?, fields = ? WHERE id = ?',
  ).run(
    template.displayName,
    template.hidden ? 1 : 0,
    template.copyInstanceOnItemCopy ? 1 : 0,
    JSON.stringify(template.fields),
    template.id,
  );
  const rows = sql(db, 'SELECT id, vals FROM metadata_instances WHERE scope = ? AND template_key = ?').all(
    template.scope,
    template.templateKey,
  ) as Array<Pick<InstanceRow, 'id' | 'vals'>>;
  const rewrite = sql(
    db,
    'UPDATE metadata_instances SET vals = ?, version = version + 1, type_version = type_version + 1 WHERE id = ?',
  );
  const bump = sql(db, 'UPDATE metadata_instances SET type_version = type_version + 1 WHERE id = ?');
  for (const row of rows) {
    const before = row.vals;
    const after = JSON.stringify(rewriteValues(JSON.parse(before) as InstanceValues));
    if (after === before) bump.run(row.id);
    else rewrite.run(after, row.id);
  }
}
