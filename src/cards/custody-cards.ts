/**
 * Chain-of-custody cards: a recording's history one page at a time, the continuity record once it
 * is in the case folder, the answer of a content check, and the audit chain check.
 */
import { formatLondonDateTime } from '../footage/format';
import { actionSet, card, container, facts, heading, notice, openUrl, subtle, text } from './elements';
import type { AdaptiveCard, CardAction, CardElement } from './schema';
import { SHARING_VERBS, sharingAction } from './sharing-verbs';
import { safeLine, TEXT_LIMITS } from './text';

export interface HistoryEntryView {
  at: Date;
  source: 'audit' | 'box' | 'metadata';
  who: string;
  what: string;
  auditSeq: number | null;
}

export interface HistoryView {
  fileId: string;
  fileName: string;
  sha256: string | null;
  entries: HistoryEntryView[];
  page: number;
  pages: number;
  total: number;
}

const SOURCE_LABEL = { audit: 'bot', box: 'Box', metadata: 'arrival' } as const;

export function historyCard(view: HistoryView): AdaptiveCard {
  const rows: CardElement[] = view.entries.map((e) =>
    container(
      [
        text(
          `**${formatLondonDateTime(e.at)}** · ${SOURCE_LABEL[e.source]}${e.auditSeq !== null ? ` #${e.auditSeq}` : ''}`,
          { spacing: 'none' },
        ),
        text(`${safeLine(e.who, TEXT_LIMITS.name)}: ${safeLine(e.what, 400)}`, { spacing: 'none' }),
      ],
      { separator: true, spacing: 'small' },
    ),
  );
  const actions: CardAction[] = [];
  if (view.page > 1)
    actions.push(sharingAction(SHARING_VERBS.history, { fileId: view.fileId, page: view.page - 1 }, 'Earlier'));
  if (view.page < view.pages)
    actions.push(sharingAction(SHARING_VERBS.history, { fileId: view.fileId, page: view.page + 1 }, 'Later'));
  actions.push(sharingAction(SHARING_VERBS.exportHistory, { fileId: view.fileId }, 'Export to the case folder'));
  actions.push(sharingAction(SHARING_VERBS.openPartner, { fileId: view.fileId }, 'Share with a partner'));
  return card(
    [
      heading(`History: ${safeLine(view.fileName, TEXT_LIMITS.fileName)}`),
      facts([
        ['Box file', view.fileId],
        ['SHA-256 at arrival', view.sha256 ?? 'not recorded'],
        ['Entries', `${view.total} (page ${view.page} of ${view.pages})`],
      ]),
      ...(rows.length > 0 ? rows : [subtle('Nothing has been recorded about this recording yet.')]),
    ],
    { actions },
  );
}

export interface ExportedView {
  fileName: string;
  folderPath: string;
  csvUrl: string;
  pdfUrl: string;
  entries: number;
}

export function exportedCard(view: ExportedView): AdaptiveCard {
  return card([
    heading('Continuity record exported'),
    text(
      `The history of ${safeLine(view.fileName, TEXT_LIMITS.fileName)} (${view.entries} entries, each audit entry with its chain hash) is in **${safeLine(view.folderPath, 120)}** in Box.`,
    ),
    actionSet([openUrl(view.csvUrl, 'Open the CSV'), openUrl(view.pdfUrl, 'Open the PDF')]),
  ]);
}

export interface VerifyView {
  fileName: string;
  matches: boolean;
  expected: string;
  actual: string;
  checkedAt: Date;
}

export function verifyCard(view: VerifyView): AdaptiveCard {
  return card([
    heading(`Content check: ${safeLine(view.fileName, TEXT_LIMITS.fileName)}`),
    notice(
      view.matches
        ? 'The file in Box is exactly what arrived: its SHA-256 matches.'
        : 'The file in Box is NOT what arrived: its SHA-256 differs from the one recorded at arrival. Tell the CCTV administrator.',
      view.matches ? 'good' : 'attention',
    ),
    facts([
      ['Recorded at arrival', view.expected],
      ['In Box now', view.actual],
      ['Checked', formatLondonDateTime(view.checkedAt)],
    ]),
  ]);
}

export type AuditCheckView = { ok: true; checked: number } | { ok: false; brokenAt: number; reason: string };

export function auditCheckCard(view: AuditCheckView): AdaptiveCard {
  return card([
    heading('Audit chain check'),
    view.ok
      ? notice(
          `Intact: all ${view.checked.toLocaleString('en-GB')} entries link up and match the recorded head.`,
          'good',
        )
      : notice(
          `Broken at entry #${view.brokenAt}: ${safeLine(view.reason, 300)}. Entries from there on cannot be trusted.`,
          'attention',
        ),
  ]);
}
