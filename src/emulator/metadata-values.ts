/**
 * Checks values against a template's field types, as Box does on create and update: unknown keys,
 * wrong types and options outside an enum are refused with 400. Dates are stored the way Box
 * returns them (ISO 8601 with milliseconds, UTC).
 */

import { badRequest } from './errors';
import type { InstanceValues, MetadataTemplate, TemplateField } from './state/metadata';
import { parseDateTime } from './time';

function invalid(field: TemplateField, value: unknown, expected: string): Error {
  return badRequest(`Invalid value '${JSON.stringify(value)}' for field '${field.key}': expected ${expected}`, {
    errors: [{ reason: 'invalid_parameter', name: field.key, message: `Value must be ${expected}` }],
  });
}

function normalise(field: TemplateField, value: unknown): string | number | string[] {
  const options = field.options?.map((o) => o.key) ?? [];
  switch (field.type) {
    case 'string':
      if (typeof value !== 'string') throw invalid(field, value, 'a string');
      return value;
    case 'float':
      if (typeof value !== 'number' || !Number.isFinite(value)) throw invalid(field, value, 'a number');
      return value;
    case 'date': {
      const ms = parseDateTime(value);
      if (ms === null) throw invalid(field, value, 'an RFC 3339 date-time such as 2026-03-11T02:00:00Z');
      return new Date(ms).toISOString();
    }
    case 'enum':
      if (typeof value !== 'string' || !options.includes(value))
        throw invalid(field, value, `one of ${options.join(', ')}`);
      return value;
    case 'multiSelect':
      if (!Array.isArray(value) || !value.every((v) => typeof v === 'string' && options.includes(v))) {
        throw invalid(field, value, `a list of options from ${options.join(', ')}`);
      }
      return value as string[];
  }
}

/** Values keyed by field key; `$`-prefixed keys are Box's own and are ignored on input. */
export function validateValues(template: MetadataTemplate, input: Record<string, unknown>): InstanceValues {
  const fields = new Map(template.fields.map((f) => [f.key, f]));
  const out: InstanceValues = {};
  for (const [key, value] of Object.entries(input)) {
    if (key.startsWith('$')) continue;
    const field = fields.get(key);
    if (!field) {
      throw badRequest(`Key '${key}' is not a field of template '${template.templateKey}'`, {
        errors: [
          { reason: 'invalid_parameter', name: key, message: `'${key}' is not in template ${template.templateKey}` },
        ],
      });
    }
    out[key] = normalise(field, value);
  }
  return out;
}
