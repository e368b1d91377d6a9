/**
 * The shape an inbound activity must have before any route reads it. botbuilder types these fields
 * but never checks them, so a `text` of 42 or an `aadObjectId` object used to reach the routes and
 * fail there as a TypeError; here such input is named and answered with 400.
 */
type Fields = Record<string, unknown>;

const STRING_FIELDS = ['id', 'name', 'text', 'channelId', 'serviceUrl', 'locale', 'action'] as const;
const OBJECTS_WITH_STRINGS: ReadonlyArray<[string, readonly string[]]> = [
  ['from', ['id', 'aadObjectId', 'name']],
  ['recipient', ['id', 'name']],
  ['conversation', ['id', 'tenantId', 'conversationType']],
];

/** Why `body` is not a usable activity, or undefined when it is. */
export function activityProblem(body: unknown): string | undefined {
  if (!isObject(body)) return 'Expected a Bot Framework activity as a JSON object.';
  if (typeof body.type !== 'string' || body.type.trim() === '') return 'The activity has no type.';
  for (const field of STRING_FIELDS) {
    if (body[field] !== undefined && body[field] !== null && typeof body[field] !== 'string')
      return `The activity's ${field} must be a string.`;
  }
  for (const [field, inner] of OBJECTS_WITH_STRINGS) {
    const value = body[field];
    if (value === undefined || value === null) continue;
    if (!isObject(value)) return `The activity's ${field} must be an object.`;
    for (const key of inner) {
      if (value[key] !== undefined && value[key] !== null && typeof value[key] !== 'string')
        return `The activity's ${field}.${key} must be a string.`;
    }
  }
  const channelData = body.channelData;
  if (channelData !== undefined && channelData !== null) {
    if (!isObject(channelData)) return "The activity's channelData must be an object.";
    const tenant = channelData.tenant;
    if (
      tenant !== undefined &&
      tenant !== null &&
      (!isObject(tenant) || (tenant.id !== undefined && typeof tenant.id !== 'string'))
    ) {
      return "The activity's channelData.tenant.id must be a string.";
    }
  }
  return undefined;
}

function isObject(value: unknown): value is Fields {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
