/** Why a share was refused, in words for the person who asked; nothing in Box changes on a refusal. */
import { audit } from '../access/audit';
import type { Person } from '../people';
import type { AuditLog } from '../ports/store';

export type SharingRefusalCode =
  | 'not_found'
  | 'no_access'
  | 'own_access_expired'
  | 'not_on_roster'
  | 'ambiguous'
  | 'yourself'
  | 'outside_partner_domains'
  | 'too_long'
  | 'too_strong'
  | 'not_an_approver'
  | 'own_share'
  | 'not_pending'
  | 'invalid';

export interface SharingRefusal {
  code: SharingRefusalCode;
  message: string;
}

export function refusal(code: SharingRefusalCode, message: string): { kind: 'refused'; refusal: SharingRefusal } {
  return { kind: 'refused', refusal: { code, message } };
}

/** Every refusal is audited, like the access flow's. */
export async function auditRefusal(
  log: AuditLog,
  actor: Person,
  target: string,
  action: string,
  refused: SharingRefusal,
): Promise<void> {
  await audit(log, actor.aadObjectId, 'refused', target, { action, code: refused.code, reason: refused.message });
}
