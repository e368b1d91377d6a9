export { AUDIT_ACTIONS, isAuditAction, type AuditAction } from './actions';
export { canonicalJson, type JsonObject } from './canonical-json';
export {
  GENESIS_HASH,
  SYSTEM_ACTOR,
  hashAuditEntry,
  sealAuditEntry,
  verifyAuditChain,
  type AuditEntry,
  type AuditEntryInput,
} from './chain';
