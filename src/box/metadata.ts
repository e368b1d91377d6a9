import { ConflictError, NotFoundError } from '../footage/errors';
import type { MetadataWriteOutcome } from '../footage/ports/box';
import type { RecordingMetadata } from '../footage/recording';
import type { BoxContext } from './context';
import { boxErrorCode, boxStep, toDomainError } from './errors';
import {
  fromInstanceValues,
  metadataPatch,
  TEMPLATE_DISPLAY_NAME,
  TEMPLATE_FIELDS,
  TEMPLATE_KEY,
  toInstanceValues,
  type TemplateField,
} from './recording-template';

const SCOPE = 'enterprise';

export type TemplateChange =
  { op: 'addField'; data: Record<string, unknown> } | { op: 'addEnumOption'; fieldKey: string; data: { key: string } };

/**
 * Creates the template, or completes an existing one (fields or enum options added since it was
 * made). A field of the wrong type cannot be fixed without losing data: that is reported, not
 * patched over, because the search would silently misbehave with it.
 */
export async function ensureMetadataTemplate(ctx: BoxContext): Promise<{ created: boolean }> {
  let existing;
  try {
    existing = await boxStep('Reading the cctvFootage metadata template', () =>
      ctx.client.metadataTemplates.getMetadataTemplate(SCOPE, TEMPLATE_KEY),
    );
  } catch (error) {
    if (!(error instanceof NotFoundError)) throw error;
    return createTemplate(ctx);
  }
  const changes = templateChanges(existing.fields ?? []);
  if (changes.length > 0) {
    await boxStep('Completing the cctvFootage metadata template', () =>
      ctx.client.metadataTemplates.updateMetadataTemplate(SCOPE, TEMPLATE_KEY, changes),
    );
  }
  return { created: false };
}

async function createTemplate(ctx: BoxContext): Promise<{ created: boolean }> {
  try {
    await boxStep('Creating the cctvFootage metadata template', () =>
      ctx.client.metadataTemplates.createMetadataTemplate({
        scope: SCOPE,
        templateKey: TEMPLATE_KEY,
        displayName: TEMPLATE_DISPLAY_NAME,
        hidden: false,
        copyInstanceOnItemCopy: true,
        fields: TEMPLATE_FIELDS.map(templateFieldBody),
      }),
    );
    return { created: true };
  } catch (error) {
    if (error instanceof ConflictError) return { created: false };
    throw error;
  }
}

function templateFieldBody(field: TemplateField): {
  type: TemplateField['type'];
  key: string;
  displayName: string;
  options?: Array<{ key: string }>;
} {
  return {
    type: field.type,
    key: field.key,
    displayName: field.displayName,
    ...(field.options ? { options: field.options.map((key) => ({ key })) } : {}),
  };
}

/** The template update operations that bring an existing template up to TEMPLATE_FIELDS (empty when it is). */
export function templateChanges(
  existing: ReadonlyArray<{ key: string; type: string; options?: ReadonlyArray<{ key: string }> }>,
): TemplateChange[] {
  const changes: TemplateChange[] = [];
  for (const field of TEMPLATE_FIELDS) {
    const current = existing.find((candidate) => candidate.key === field.key);
    if (!current) {
      changes.push({ op: 'addField', data: templateFieldBody(field) });
      continue;
    }
    if (current.type !== field.type) {
      throw new ConflictError(
        `The cctvFootage template's field ${field.key} is a ${current.type}, not a ${field.type}; fix the template in Box`,
      );
    }
    for (const option of field.options ?? []) {
      if (!current.options?.some((candidate) => candidate.key === option)) {
        changes.push({ op: 'addEnumOption', fieldKey: field.key, data: { key: option } });
      }
    }
  }
  return changes;
}

/**
 * Creates the instance, or patches only what differs (maybe nothing). A caller that has just read
 * the instance (a search returns it) passes it as `current`, sparing Box a failed create and a read;
 * without it, a create is tried first and a 409 means "patch instead".
 */
export async function setRecordingMetadata(
  ctx: BoxContext,
  fileId: string,
  metadata: RecordingMetadata,
  current?: RecordingMetadata | null,
): Promise<MetadataWriteOutcome> {
  if (current === undefined || current === null) {
    try {
      await boxStep('Adding recording metadata in Box', () =>
        ctx.client.fileMetadata.createFileMetadataById(fileId, SCOPE, TEMPLATE_KEY, toInstanceValues(metadata)),
      );
      return 'created';
    } catch (error) {
      if (!(error instanceof ConflictError)) throw error;
    }
  }
  const existing = current ? toInstanceValues(current) : await readInstance(ctx, fileId);
  const patch = metadataPatch(existing ?? {}, metadata);
  if (patch.length === 0) return 'unchanged';
  await boxStep('Updating recording metadata in Box', () =>
    ctx.client.fileMetadata.updateFileMetadataById(fileId, SCOPE, TEMPLATE_KEY, patch),
  );
  return 'updated';
}

export async function getRecordingMetadata(ctx: BoxContext, fileId: string): Promise<RecordingMetadata | null> {
  const instance = await readInstance(ctx, fileId);
  return instance ? fromInstanceValues(instance) : null;
}

/** The raw instance; null when the file exists but has none (Box: 404 instance_not_found). */
async function readInstance(ctx: BoxContext, fileId: string): Promise<Readonly<Record<string, unknown>> | null> {
  try {
    const instance = await ctx.client.fileMetadata.getFileMetadataById(fileId, SCOPE, TEMPLATE_KEY);
    return instance.extraData ?? {};
  } catch (error) {
    if (boxErrorCode(error) === 'instance_not_found') return null;
    throw toDomainError(error, 'Reading recording metadata in Box');
  }
}
