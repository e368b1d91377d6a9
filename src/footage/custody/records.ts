/**
 * Gathers everything the bot holds about one recording for its history: the audit entries about
 * the requests, shares and partner shares that named it and about the file itself, and the Box
 * access events kept from Box's event stream.
 */
import type { AuditEntry } from '../../audit/chain';
import { ACCESS_REQUEST_STATUSES, type Store } from '../ports/store';
import type { BoxAccessEvent, SharingStoreExtension } from '../sharing/ports';

/** Requests looked through for the file; far above what one force holds. */
const REQUEST_SCAN_LIMIT = 5000;

export async function recordsOf(
  store: Store & SharingStoreExtension,
  fileId: string,
): Promise<{ audit: AuditEntry[]; boxEvents: BoxAccessEvent[] }> {
  const targets = new Set<string>([`file:${fileId}`]);
  const requests = (await store.requests.listByStatus(ACCESS_REQUEST_STATUSES, { limit: REQUEST_SCAN_LIMIT })).filter(
    (r) => r.recordings.some((g) => g.boxFileId === fileId),
  );
  for (const request of requests) {
    targets.add(`request:${request.id}`);
    const group = await store.sharing.shareGroups.findByRequest(request.id);
    if (group) targets.add(`share:${group.id}`);
  }
  for (const share of await store.sharing.partnerShares.listByFile(fileId)) targets.add(`partner-share:${share.id}`);
  const audit: AuditEntry[] = [];
  for (const target of targets) audit.push(...(await store.audit.list({ target, limit: 10_000 })));
  audit.sort((a, b) => a.seq - b.seq);
  return {
    audit: audit.filter((e) => e.action !== 'history_viewed'),
    boxEvents: await store.sharing.boxEvents.listByFile(fileId),
  };
}
