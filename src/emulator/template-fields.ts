/**
 * A template field as a request describes it (template creation and the addField update share it),
 * checked as Box checks it: known type, a key it accepts, options for enum and multiSelect.
 */

import { randomUUID } from 'node:crypto';
import { badRequest } from './errors';
import { isObject } from './http';
import type { TemplateField, TemplateFieldType } from './state/metadata';

const FIELD_TYPES: readonly TemplateFieldType[] = ['string', 'float', 'date', 'enum', 'multiSelect'];
export const KEY_PATTERN = /^[a-zA-Z_][-a-zA-Z0-9_]*$/;

/** Box derives a missing templateKey from the display name in camelCase ("CCTV Footage" → "cctvFootage"). */
export function keyFromDisplayName(displayName: string): string {
  const words = displayName.split(/[^A-Za-z0-9]+/).filter(Boolean);
  return words.map((w, i) => (i === 0 ? w.toLowerCase() : w[0].toUpperCase() + w.slice(1))).join('');
}

export function parseField(raw: unknown, where: string): TemplateField {
  if (!isObject(raw)) throw badRequest(`'${where}' must be an object`);
  if (typeof raw.type !== 'string' || !FIELD_TYPES.includes(raw.type as TemplateFieldType)) {
    throw badRequest(
      `Invalid value '${String(raw.type)}' for '${where}.type'; supported types are ${FIELD_TYPES.join(', ')}`,
    );
  }
  if (typeof raw.displayName !== 'string' || raw.displayName === '')
    throw badRequest(`'${where}.displayName' is required`);
  const key = raw.key ?? keyFromDisplayName(raw.displayName);
  if (typeof key !== 'string' || !KEY_PATTERN.test(key) || key.length > 256)
    throw badRequest(`Invalid value '${String(key)}' for '${where}.key'`);
  const type = raw.type as TemplateFieldType;
  let options: TemplateField['options'];
  if (type === 'enum' || type === 'multiSelect') {
    if (
      !Array.isArray(raw.options) ||
      raw.options.length === 0 ||
      !raw.options.every((o) => isObject(o) && typeof o.key === 'string' && o.key !== '')
    ) {
      throw badRequest(`'${where}.options' must list the options as [{ "key": "..." }]`);
    }
    options = raw.options.map((o) => ({ id: randomUUID(), key: (o as { key: string }).key }));
  }
  return {
    id: randomUUID(),
    type,
    key,
    displayName: raw.displayName,
    ...(typeof raw.description === 'string' ? { description: raw.description } : {}),
    hidden: raw.hidden === true,
    ...(options ? { options } : {}),
  };
}
