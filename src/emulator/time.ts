/** Box writes date-times to the second with a numeric offset, e.g. 2026-03-11T02:00:00+00:00. */
export function boxDateTime(epochMs: number): string {
  return new Date(epochMs).toISOString().slice(0, 19) + '+00:00';
}

const RFC3339 = /^\d{4}-\d{2}-\d{2}[Tt]\d{2}:\d{2}:\d{2}(\.\d+)?([Zz]|[+-]\d{2}:\d{2})$/;

/** Epoch ms of an RFC 3339 date-time (zone required, as Box requires), or null when it is not one. */
export function parseDateTime(value: unknown): number | null {
  if (typeof value !== 'string' || !RFC3339.test(value)) return null;
  const ms = Date.parse(value);
  return Number.isNaN(ms) ? null : ms;
}
