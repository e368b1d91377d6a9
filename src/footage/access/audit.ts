/** How the access flow names things in the audit log. */
import { SYSTEM_ACTOR, type AuditAction } from '../../audit';
import { cutText } from '../cut-text';
import type { AuditLog, JsonObject } from '../ports/store';

export function requestTarget(requestId: string): string {
  return `request:${requestId}`;
}

export { SYSTEM_ACTOR };

export function audit(
  log: AuditLog,
  actor: string,
  action: AuditAction,
  target: string,
  details: JsonObject = {},
): Promise<unknown> {
  return log.append({ actor, action, target, details });
}

/** An error as one line fit for the audit log and for people: no stack, bounded. */
export function describeError(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  return cutText(message, 300, '...');
}
