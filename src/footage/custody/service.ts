/**
 * Chain of custody in chat: a recording's history for those entitled to it (anyone with live
 * access, supervisors, admins), its export as a continuity record into the case folder in Box, a
 * check of its content against the SHA-256 recorded at arrival, and (admins) a walk of the audit
 * chain. Each answer is audited; nothing here changes access.
 */
import { audit } from '../access/audit';
import { canDecide, type Person } from '../people';
import type { BoxPort } from '../ports/box';
import type { Store } from '../ports/store';
import type { Recording } from '../recording';
import { ownAccess } from '../sharing/entitlement';
import type { BoxSharingPort, SharingStoreExtension } from '../sharing/ports';
import { auditRefusal, refusal, type SharingRefusal } from '../sharing/refusal';
import { continuityCsv, continuityPdf } from './continuity-record';
import { recordsOf } from './records';
import { buildTimeline, type TimelineEntry } from './timeline';

export interface CustodyDeps {
  store: Store & SharingStoreExtension;
  box: Pick<BoxPort, 'getRecordingMetadata' | 'ensureFolderPath'> & Pick<BoxSharingPort, 'sha256Of' | 'uploadNew'>;
  now: () => Date;
  /** Entries per page of the history card. */
  pageSize?: number;
}

type Refused = { kind: 'refused'; refusal: SharingRefusal };

export type HistoryOutcome =
  Refused | { kind: 'history'; entries: TimelineEntry[]; page: number; pages: number; total: number };
export type ExportOutcome =
  | Refused
  | { kind: 'exported'; folderId: string; folderPath: string[]; csvFileId: string; pdfFileId: string; entries: number };
export type VerifyOutcome = Refused | { kind: 'verified'; matches: boolean; expected: string; actual: string };
export type AuditCheckOutcome =
  | Refused
  | { kind: 'audit'; ok: true; checked: number }
  | { kind: 'audit'; ok: false; brokenAt: number; reason: string };

/** Box folder names cannot hold a slash: 5212345/26 becomes 5212345-26. */
export function caseFolderName(caseReference: string): string {
  return caseReference.replace(/[/\\]/g, '-');
}

export function fileTarget(fileId: string): string {
  return `file:${fileId}`;
}

export class Custody {
  private readonly pageSize: number;

  constructor(private readonly deps: CustodyDeps) {
    this.pageSize = deps.pageSize ?? 10;
  }

  /** Anyone with live access to the file, supervisors and admins. */
  async entitled(person: Person, fileId: string): Promise<boolean> {
    if (canDecide(person)) return true;
    return (await ownAccess(this.deps.store.requests, person, fileId, this.deps.now())).kind === 'live';
  }

  async history(person: Person, recording: Recording, page: number): Promise<HistoryOutcome> {
    const denied = await this.deny(person, recording, 'history');
    if (denied) return denied;
    const entries = await this.timeline(recording);
    const pages = Math.max(1, Math.ceil(entries.length / this.pageSize));
    const current = Math.min(Math.max(1, Math.trunc(page) || 1), pages);
    if (current === 1)
      await audit(this.deps.store.audit, person.aadObjectId, 'history_viewed', fileTarget(recording.fileId), {
        entries: entries.length,
      });
    return {
      kind: 'history',
      entries: entries.slice((current - 1) * this.pageSize, current * this.pageSize),
      page: current,
      pages,
      total: entries.length,
    };
  }

  async exportHistory(person: Person, recording: Recording): Promise<ExportOutcome> {
    const denied = await this.deny(person, recording, 'exportHistory');
    if (denied) return denied;
    const { store, box, now } = this.deps;
    const caseReference = recording.caseReference ?? (await this.caseOfRequests(recording.fileId));
    if (!caseReference)
      return this.refuse(
        person,
        recording,
        'exportHistory',
        refusal(
          'invalid',
          'This recording is not linked to a case yet (no case reference in Box or on any request), so there is no case folder to export to.',
        ),
      );
    const entries = await this.timeline(recording);
    const at = now();
    const stamp = at
      .toISOString()
      .replace(/[-:]/g, '')
      .replace(/\.\d{3}/, '');
    const base = `continuity_${recording.fileName.replace(/\.[^.]+$/, '')}_${stamp}`;
    const folderPath = ['Cases', caseFolderName(caseReference)];
    const folderId = await box.ensureFolderPath(folderPath);
    const csvFileId = await box.uploadNew(folderId, `${base}.csv`, Buffer.from(continuityCsv(entries), 'utf8'));
    const pdf = await continuityPdf(
      {
        fileName: recording.fileName,
        boxFileId: recording.fileId,
        caseReference,
        exportedBy: person.name,
        exportedAt: at,
        sha256: recording.sha256,
      },
      entries,
    );
    const pdfFileId = await box.uploadNew(folderId, `${base}.pdf`, pdf);
    await audit(store.audit, person.aadObjectId, 'history_exported', fileTarget(recording.fileId), {
      folder: folderPath.join('/'),
      csv: `${base}.csv`,
      pdf: `${base}.pdf`,
      csvFileId,
      pdfFileId,
      entries: entries.length,
    });
    return { kind: 'exported', folderId, folderPath, csvFileId, pdfFileId, entries: entries.length };
  }

  async verify(person: Person, recording: Recording): Promise<VerifyOutcome> {
    const denied = await this.deny(person, recording, 'verify');
    if (denied) return denied;
    const expected = (await this.deps.box.getRecordingMetadata(recording.fileId))?.sha256?.toLowerCase() ?? null;
    if (!expected)
      return this.refuse(
        person,
        recording,
        'verify',
        refusal(
          'invalid',
          'No SHA-256 was recorded for this recording when it arrived, so there is nothing to compare with.',
        ),
      );
    const actual = (await this.deps.box.sha256Of(recording.fileId)).toLowerCase();
    const matches = actual === expected;
    await audit(this.deps.store.audit, person.aadObjectId, 'file_verified', fileTarget(recording.fileId), {
      matches,
      expected,
      actual,
    });
    return { kind: 'verified', matches, expected, actual };
  }

  async verifyAudit(person: Person): Promise<AuditCheckOutcome> {
    const { store } = this.deps;
    if (person.role !== 'admin') {
      const refused = refusal('not_an_approver', 'Only an administrator can check the audit chain.');
      await auditRefusal(store.audit, person, 'audit', 'verifyAudit', refused.refusal);
      return refused;
    }
    const result = await store.audit.verify();
    // Recorded after the walk, so the entry itself is not part of what was checked.
    await audit(
      store.audit,
      person.aadObjectId,
      'audit_verified',
      'audit',
      result.ok
        ? { ok: true, checked: result.checked }
        : { ok: false, brokenAt: result.brokenAt, reason: result.reason },
    );
    return result.ok
      ? { kind: 'audit', ok: true, checked: result.checked }
      : { kind: 'audit', ok: false, brokenAt: result.brokenAt, reason: result.reason };
  }

  private async timeline(recording: Recording): Promise<TimelineEntry[]> {
    const { store, box } = this.deps;
    const [metadata, records, people] = await Promise.all([
      box.getRecordingMetadata(recording.fileId),
      recordsOf(store, recording.fileId),
      store.people.list(),
    ]);
    return buildTimeline({ metadata, audit: records.audit, boxEvents: records.boxEvents, people });
  }

  private async caseOfRequests(fileId: string): Promise<string | null> {
    const entries = await recordsOf(this.deps.store, fileId);
    const requested = entries.audit.filter((e) => typeof e.details.caseReference === 'string').pop();
    return requested ? String(requested.details.caseReference) : null;
  }

  private async deny(person: Person, recording: Recording, action: string): Promise<Refused | undefined> {
    if (await this.entitled(person, recording.fileId)) return undefined;
    return this.refuse(
      person,
      recording,
      action,
      refusal(
        'no_access',
        'Only people with access to this recording, supervisors and administrators can see its history.',
      ),
    );
  }

  private async refuse(person: Person, recording: Recording, action: string, refused: Refused): Promise<Refused> {
    await auditRefusal(this.deps.store.audit, person, fileTarget(recording.fileId), action, refused.refusal);
    return refused;
  }
}
