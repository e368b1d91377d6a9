/**
 * A recording's chain of custody as one chronological list: how it arrived, every request,
 * decision, grant, share, expiry and revocation the audit log holds about it, and every preview,
 * download and shared-link view Box recorded. Pure: the caller gathers the entries, this orders
 * and words them, so the card, the CSV and the PDF all say the same thing.
 */
import type { AuditEntry } from '../../audit/chain';
import type { Person } from '../people';
import type { RecordingMetadata } from '../recording';
import type { BoxAccessEvent } from '../sharing/ports';

export interface TimelineEntry {
  at: Date;
  /** Where it comes from: the bot's audit chain, Box's event stream, or the recording's metadata. */
  source: 'audit' | 'box' | 'metadata';
  /** Who acted (a name, an email, or "the bot"). */
  who: string;
  what: string;
  /** For audit entries: their place in the chain and their hash, so a printout can be checked. */
  auditSeq: number | null;
  auditHash: string | null;
}

export interface TimelineSources {
  metadata: RecordingMetadata | null;
  audit: AuditEntry[];
  boxEvents: BoxAccessEvent[];
  people: readonly Person[];
}

const BOX_EVENT_WORDS: Record<string, string> = {
  PREVIEW: 'Previewed in Box',
  DOWNLOAD: 'Downloaded from Box',
  ITEM_OPEN: 'Opened in Box',
  ITEM_PREVIEW: 'Previewed in Box',
  ITEM_DOWNLOAD: 'Downloaded from Box',
  SHARED_LINK_VIEW: 'Viewed through a shared link',
  ITEM_SHARED: 'Viewed through a shared link',
};

export function buildTimeline(sources: TimelineSources): TimelineEntry[] {
  const names = new Map(sources.people.map((p) => [p.aadObjectId, p.name]));
  const nameOf = (id: string): string =>
    id === 'system' ? 'the bot' : (names.get(id) ?? 'someone no longer on the roster');
  const entries: TimelineEntry[] = [];
  const m = sources.metadata;
  if (m) {
    entries.push({
      at: new Date(m.recordedTo),
      source: 'metadata',
      who: m.owner || 'unknown',
      what: `Recording ended; exported by ${m.ownerType ? m.ownerType.replace('_', ' ') : 'its owner'}${m.sha256 ? `, SHA-256 ${m.sha256}` : ''}`,
      auditSeq: null,
      auditHash: null,
    });
  }
  for (const entry of sources.audit) {
    entries.push({
      at: entry.at,
      source: 'audit',
      who: nameOf(entry.actor),
      what: describeAudit(entry, nameOf),
      auditSeq: entry.seq,
      auditHash: entry.hash,
    });
  }
  for (const event of sources.boxEvents) {
    const viaLink = event.details.shared_link_id !== undefined || event.details.sharedLink === true;
    const words = BOX_EVENT_WORDS[event.eventType] ?? `Box event ${event.eventType}`;
    entries.push({
      at: event.at,
      source: 'box',
      who: event.actorName
        ? `${event.actorName}${event.actorLogin ? ` <${event.actorLogin}>` : ''}`
        : (event.actorLogin ?? 'unknown'),
      what: viaLink && !words.includes('shared link') ? `${words} (through a shared link)` : words,
      auditSeq: null,
      auditHash: null,
    });
  }
  return entries.sort((a, b) => a.at.getTime() - b.at.getTime() || (a.auditSeq ?? 0) - (b.auditSeq ?? 0));
}

function text(value: unknown): string | undefined {
  return typeof value === 'string' && value !== '' ? value : undefined;
}

function describeAudit(entry: AuditEntry, nameOf: (id: string) => string): string {
  const d = entry.details;
  const until = text(d.expiresAt)
    ? ` until ${new Date(String(d.expiresAt)).toISOString().slice(0, 16).replace('T', ' ')} UTC`
    : '';
  const people = Array.isArray(d.with) ? d.with.map((id) => nameOf(String(id))).join(', ') : '';
  switch (entry.action) {
    case 'requested':
      return `Requested ${d.access === 'download' ? 'view and download' : 'view-only'} access for case ${text(d.caseReference) ?? '?'} (${entry.target})`;
    case 'routed':
      return 'Approval card sent to a supervisor';
    case 'unroutable':
      return 'No supervisor could be reached';
    case 'approved':
      return `Approved${until}${d.direct === true ? ' (shared directly)' : ''} (${entry.target})`;
    case 'rejected':
      return `Rejected${text(d.comment) ? `: ${String(d.comment)}` : ''} (${entry.target})`;
    case 'granted':
      return `Access granted in Box as ${text(d.role) ?? 'collaborator'}${until} (${entry.target})`;
    case 'grant_failed':
      return `Grant failed: ${text(d.error) ?? ''}`;
    case 'expired':
      return `Access expired (${entry.target})`;
    case 'revoked':
      return `Access revoked (${entry.target})`;
    case 'revoke_failed':
      return `Revocation failed in Box: ${text(d.error) ?? ''}`;
    case 'revoke_completed':
      return `Revocation completed in Box (${entry.target})`;
    case 'refused':
      return `Refused ${text(d.action) ?? 'an action'}: ${text(d.reason) ?? ''}`;
    case 'share_requested':
      return `Asked to share with ${people} for case ${text(d.caseReference) ?? '?'}`;
    case 'shared_directly':
      return `Shared directly with ${people} for case ${text(d.caseReference) ?? '?'}`;
    case 'partner_share_requested':
      return `Asked to share with ${text(d.email) ?? 'a partner'} (${text(d.partner) ?? 'partner'})`;
    case 'partner_share_approved':
      return `Partner share approved${until}`;
    case 'partner_share_rejected':
      return `Partner share rejected${text(d.comment) ? `: ${String(d.comment)}` : ''}`;
    case 'partner_share_granted':
      return `Partner access in Box for ${text(d.email) ?? 'a partner'} as ${text(d.role) ?? 'previewer'}${until}`;
    case 'partner_share_failed':
      return `Partner access could not be set up: ${text(d.error) ?? ''}`;
    case 'partner_share_revoked':
      return 'Partner access revoked';
    case 'partner_share_expired':
      return 'Partner access expired';
    case 'partner_download_requested':
      return `Download by the partner asked for: ${text(d.justification) ?? ''}`;
    case 'partner_download_approved':
      return 'Download by the partner approved by an administrator';
    case 'partner_download_rejected':
      return 'Download by the partner refused by an administrator';
    case 'watermark_applied':
      return 'Box watermark applied';
    case 'watermark_removed':
      return 'Box watermark removed';
    case 'history_viewed':
      return 'History viewed';
    case 'history_exported':
      return `History exported to Box (${text(d.csv) ?? ''} ${text(d.pdf) ?? ''})`.trim();
    case 'file_verified':
      return d.matches === true
        ? 'Content verified: SHA-256 matches the recorded one'
        : `Content check FAILED: SHA-256 ${text(d.actual) ?? '?'} differs from the recorded ${text(d.expected) ?? '?'}`;
    default:
      return `${entry.action.replace(/_/g, ' ')}${Object.keys(d).length > 0 ? ` ${JSON.stringify(d).slice(0, 200)}` : ''}`;
  }
}
