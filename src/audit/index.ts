export { AUDIT_ACTIONS, isAuditAction, type AuditAction } from './actions';
export { canonicalJson, type JsonObject, type JsonValue } from './canonical-json';
export {
  AuditChainVerifier, GENESIS_HASH, SYSTEM_ACTOR, hashAuditEntry, sealAuditEntry, verifyAuditChain,
  type AuditEntry, type AuditEntryInput, type AuditHead, type AuditVerification,
} from './chain';
