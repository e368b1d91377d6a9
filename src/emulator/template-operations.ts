/**
 * Box's metadata template update: a list of operations (editTemplate, addField, editField,
 * removeField, reorderFields and the enum / multiSelect option operations) applied all or nothing.
 * Operations that rename or remove a field or an option change the instances already on files as
 * well, so the result carries the rewrite each instance's values go through.
 */

import { randomUUID } from 'node:crypto';
import { badRequest } from './errors';
import { isObject } from './http';
import type { InstanceValues, MetadataTemplate, TemplateField } from './state/metadata';
import { KEY_PATTERN, parseField } from './template-fields';

type Rewrite = (values: InstanceValues) => InstanceValues;

export interface TemplateUpdate {
  template: MetadataTemplate;
  /** Applies the renames and removals to one instance's values (a new object; the input is left alone). */
  rewriteValues: Rewrite;
}

type OptionKind = 'enum' | 'multiSelect';

interface Operation {
  op: string;
  where: string;
  raw: Record<string, unknown>;
}

export function applyTemplateOperations(template: MetadataTemplate, operations: unknown[]): TemplateUpdate {
  const rewrites: Rewrite[] = [];
  let next: MetadataTemplate = {
    ...template,
    fields: template.fields.map((f) => ({ ...f, ...(f.options ? { options: [...f.options] } : {}) })),
  };
  operations.forEach((raw, index) => {
    const where = `operations[${index}]`;
    if (!isObject(raw) || typeof raw.op !== 'string') throw badRequest(`'${where}.op' is required`);
    next = applyOne(next, { op: raw.op, where, raw }, rewrites);
  });
  return {
    template: next,
    rewriteValues: (values) => rewrites.reduce((current, rewrite) => rewrite(current), { ...values }),
  };
}

function applyOne(template: MetadataTemplate, operation: Operation, rewrites: Rewrite[]): MetadataTemplate {
  const { op, where, raw } = operation;
  switch (op) {
    case 'editTemplate':
      return editTemplate(template, dataOf(operation));
    case 'addField': {
      const field = parseField(raw.data, `${where}.data`);
      if (template.fields.some((f) => f.key === field.key))
        throw badRequest(`A field with the key '${field.key}' already exists in the template`);
      return { ...template, fields: [...template.fields, field] };
    }
    case 'editField':
      return editField(template, operation, rewrites);
    case 'removeField': {
      const field = fieldOf(template, operation);
      rewrites.push((values) => withoutKey(values, field.key));
      return { ...template, fields: template.fields.filter((f) => f !== field) };
    }
    case 'reorderFields': {
      const keys = keyList(
        raw.fieldKeys,
        `${where}.fieldKeys`,
        template.fields.map((f) => f.key),
      );
      return { ...template, fields: keys.map((key) => template.fields.find((f) => f.key === key) as TemplateField) };
    }
    case 'addEnumOption':
      return addOption(template, operation, 'enum');
    case 'addMultiSelectOption':
      return addOption(template, operation, 'multiSelect');
    case 'reorderEnumOptions':
      return reorderOptions(template, operation, 'enum', 'enumOptionKeys');
    case 'reorderMultiSelectOptions':
      return reorderOptions(template, operation, 'multiSelect', 'multiSelectOptionKeys');
    case 'editEnumOption':
      return editOption(template, operation, 'enum', 'enumOptionKey', rewrites);
    case 'editMultiSelectOption':
      return editOption(template, operation, 'multiSelect', 'multiSelectOptionKey', rewrites);
    case 'removeEnumOption':
      return removeOption(template, operation, 'enum', 'enumOptionKey', rewrites);
    case 'removeMultiSelectOption':
      return removeOption(template, operation, 'multiSelect', 'multiSelectOptionKey', rewrites);
    default:
      throw badRequest(`Invalid value '${op}' for '${where}.op'`);
  }
}

function dataOf({ raw, where }: Operation): Record<string, unknown> {
  if (!isObject(raw.data)) throw badRequest(`'${where}.data' is required`);
  return raw.data;
}

function editTemplate(template: MetadataTemplate, data: Record<string, unknown>): MetadataTemplate {
  const next = { ...template };
  if (data.displayName !== undefined) {
    if (typeof data.displayName !== 'string' || data.displayName.trim() === '' || data.displayName.length > 4096)
      throw badRequest("Invalid value for 'displayName'");
    next.displayName = data.displayName;
  }
  if (data.hidden !== undefined) next.hidden = booleanValue(data.hidden, 'hidden');
  if (data.copyInstanceOnItemCopy !== undefined)
    next.copyInstanceOnItemCopy = booleanValue(data.copyInstanceOnItemCopy, 'copyInstanceOnItemCopy');
  return next;
}

function booleanValue(value: unknown, name: string): boolean {
  if (typeof value !== 'boolean') throw badRequest(`Invalid value '${String(value)}' for '${name}'`);
  return value;
}

function fieldOf(template: MetadataTemplate, { raw, where }: Operation, kind?: OptionKind): TemplateField {
  if (typeof raw.fieldKey !== 'string') throw badRequest(`'${where}.fieldKey' is required`);
  const field = template.fields.find((f) => f.key === raw.fieldKey);
  if (!field) throw badRequest(`The template has no field with the key '${raw.fieldKey}'`);
  if (kind && field.type !== kind) throw badRequest(`The field '${field.key}' is a ${field.type} field, not ${kind}`);
  return field;
}

function replaceField(template: MetadataTemplate, field: TemplateField, next: TemplateField): MetadataTemplate {
  return { ...template, fields: template.fields.map((f) => (f === field ? next : f)) };
}

/** The base properties of a field; its type cannot change (Box keeps values typed by it). */
function editField(template: MetadataTemplate, operation: Operation, rewrites: Rewrite[]): MetadataTemplate {
  const field = fieldOf(template, operation);
  const data = dataOf(operation);
  if (data.type !== undefined && data.type !== field.type)
    throw badRequest(`The type of the field '${field.key}' cannot be changed`);
  const next: TemplateField = { ...field };
  if (data.displayName !== undefined) {
    if (typeof data.displayName !== 'string' || data.displayName === '')
      throw badRequest("Invalid value for 'displayName'");
    next.displayName = data.displayName;
  }
  if (data.description !== undefined) {
    if (typeof data.description !== 'string') throw badRequest("Invalid value for 'description'");
    next.description = data.description;
  }
  if (data.hidden !== undefined) next.hidden = booleanValue(data.hidden, 'hidden');
  if (data.key !== undefined && data.key !== field.key) {
    if (typeof data.key !== 'string' || !KEY_PATTERN.test(data.key) || data.key.length > 256)
      throw badRequest(`Invalid value '${String(data.key)}' for 'key'`);
    if (template.fields.some((f) => f.key === data.key))
      throw badRequest(`A field with the key '${data.key}' already exists in the template`);
    const from = field.key;
    const to = data.key;
    next.key = to;
    rewrites.push((values) => {
      if (!(from in values)) return values;
      const { [from]: value, ...rest } = values;
      return { ...rest, [to]: value };
    });
  }
  return replaceField(template, field, next);
}

function withoutKey(values: InstanceValues, key: string): InstanceValues {
  const { [key]: _removed, ...rest } = values;
  return rest;
}

/** A full permutation of `existing`, as Box requires for the reorder operations. */
function keyList(raw: unknown, where: string, existing: string[]): string[] {
  if (!Array.isArray(raw) || !raw.every((k) => typeof k === 'string'))
    throw badRequest(`'${where}' must be a list of keys`);
  const keys = raw as string[];
  const same =
    keys.length === existing.length && new Set(keys).size === keys.length && keys.every((k) => existing.includes(k));
  if (!same) throw badRequest(`'${where}' must list every existing key exactly once: ${existing.join(', ')}`);
  return keys;
}

function addOption(template: MetadataTemplate, operation: Operation, kind: OptionKind): MetadataTemplate {
  const field = fieldOf(template, operation, kind);
  const data = dataOf(operation);
  if (typeof data.key !== 'string' || data.key === '') throw badRequest(`'${operation.where}.data.key' is required`);
  if (field.options?.some((o) => o.key === data.key))
    throw badRequest(`The field '${field.key}' already has the option '${data.key}'`);
  return replaceField(template, field, {
    ...field,
    options: [...(field.options ?? []), { id: randomUUID(), key: data.key }],
  });
}

function reorderOptions(
  template: MetadataTemplate,
  operation: Operation,
  kind: OptionKind,
  listName: string,
): MetadataTemplate {
  const field = fieldOf(template, operation, kind);
  const options = field.options ?? [];
  const keys = keyList(
    operation.raw[listName],
    `${operation.where}.${listName}`,
    options.map((o) => o.key),
  );
  return replaceField(template, field, {
    ...field,
    options: keys.map((key) => options.find((o) => o.key === key) as { id: string; key: string }),
  });
}

function optionOf(field: TemplateField, operation: Operation, keyName: string): { id: string; key: string } {
  const key = operation.raw[keyName];
  if (typeof key !== 'string') throw badRequest(`'${operation.where}.${keyName}' is required`);
  const option = field.options?.find((o) => o.key === key);
  if (!option) throw badRequest(`The field '${field.key}' has no option '${key}'`);
  return option;
}

/** Renames an option; instances holding the old key now hold the new one. */
function editOption(
  template: MetadataTemplate,
  operation: Operation,
  kind: OptionKind,
  keyName: string,
  rewrites: Rewrite[],
): MetadataTemplate {
  const field = fieldOf(template, operation, kind);
  const option = optionOf(field, operation, keyName);
  const data = dataOf(operation);
  if (typeof data.key !== 'string' || data.key === '') throw badRequest(`'${operation.where}.data.key' is required`);
  const to = data.key;
  if (to !== option.key && field.options?.some((o) => o.key === to))
    throw badRequest(`The field '${field.key}' already has the option '${to}'`);
  rewrites.push(mapOptionValues(field.key, (value) => (value === option.key ? to : value)));
  return replaceField(template, field, {
    ...field,
    options: (field.options ?? []).map((o) => (o === option ? { ...o, key: to } : o)),
  });
}

/** Removes an option; instances lose it (an enum value holding it is removed). */
function removeOption(
  template: MetadataTemplate,
  operation: Operation,
  kind: OptionKind,
  keyName: string,
  rewrites: Rewrite[],
): MetadataTemplate {
  const field = fieldOf(template, operation, kind);
  const option = optionOf(field, operation, keyName);
  rewrites.push(mapOptionValues(field.key, (value) => (value === option.key ? undefined : value)));
  return replaceField(template, field, { ...field, options: (field.options ?? []).filter((o) => o !== option) });
}

function mapOptionValues(fieldKey: string, map: (value: string) => string | undefined): Rewrite {
  return (values) => {
    const current = values[fieldKey];
    if (current === undefined) return values;
    const mapped = Array.isArray(current)
      ? current.map(map).filter((v): v is string => v !== undefined)
      : map(String(current));
    return mapped === undefined ? withoutKey(values, fieldKey) : { ...values, [fieldKey]: mapped };
  };
}
