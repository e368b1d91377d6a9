/**
 * The continuity record as files: a CSV (one row per entry, the audit chain's hash on each audit
 * entry) and a PDF with the same rows for a case file. Built in memory: a recording's history is
 * a few hundred rows at most.
 */
import { PDFDocument, StandardFonts, type PDFFont, type PDFPage } from 'pdf-lib';
import type { TimelineEntry } from './timeline';

export interface RecordHeader {
  fileName: string;
  boxFileId: string;
  caseReference: string;
  exportedBy: string;
  exportedAt: Date;
  sha256: string | null;
}

const CSV_COLUMNS = ['time_utc', 'source', 'who', 'what', 'audit_seq', 'audit_hash'];

function csvCell(value: string): string {
  // A leading = + - @ would be run as a formula by a spreadsheet: prefixed so it stays text.
  const safe = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return /[",\n\r]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

export function continuityCsv(entries: readonly TimelineEntry[]): string {
  const rows = entries.map((e) =>
    [e.at.toISOString(), e.source, e.who, e.what, e.auditSeq === null ? '' : String(e.auditSeq), e.auditHash ?? '']
      .map(csvCell)
      .join(','),
  );
  return `${[CSV_COLUMNS.join(','), ...rows].join('\r\n')}\r\n`;
}

const PAGE = { width: 595.28, height: 841.89, margin: 40 };

/** The PDF's standard fonts speak WinAnsi only: anything else is replaced rather than failing the export. */
function printable(value: string): string {
  return value.replace(/[^\x20-\x7E\xA0-\xFF]/g, '?');
}

function wrap(value: string, font: PDFFont, size: number, width: number): string[] {
  const lines: string[] = [];
  let line = '';
  for (const word of printable(value).split(/\s+/)) {
    const next = line ? `${line} ${word}` : word;
    if (font.widthOfTextAtSize(next, size) <= width) {
      line = next;
      continue;
    }
    if (line) lines.push(line);
    // A word longer than the line (a hash) is cut.
    let rest = word;
    while (font.widthOfTextAtSize(rest, size) > width) {
      let cut = rest.length;
      while (cut > 1 && font.widthOfTextAtSize(rest.slice(0, cut), size) > width) cut -= 1;
      lines.push(rest.slice(0, cut));
      rest = rest.slice(cut);
    }
    line = rest;
  }
  if (line) lines.push(line);
  return lines;
}

export async function continuityPdf(header: RecordHeader, entries: readonly TimelineEntry[]): Promise<Buffer> {
  const pdf = await PDFDocument.create();
  pdf.setTitle(printable(`Continuity record: ${header.fileName}`));
  pdf.setCreationDate(header.exportedAt);
  const font = await pdf.embedFont(StandardFonts.Helvetica);
  const bold = await pdf.embedFont(StandardFonts.HelveticaBold);
  const width = PAGE.width - 2 * PAGE.margin;
  let page: PDFPage = pdf.addPage([PAGE.width, PAGE.height]);
  let y = PAGE.height - PAGE.margin;
  const write = (value: string, options: { size?: number; f?: PDFFont; indent?: number } = {}): void => {
    const size = options.size ?? 9;
    const f = options.f ?? font;
    for (const line of wrap(value, f, size, width - (options.indent ?? 0))) {
      if (y < PAGE.margin + size) {
        page = pdf.addPage([PAGE.width, PAGE.height]);
        y = PAGE.height - PAGE.margin;
      }
      page.drawText(line, { x: PAGE.margin + (options.indent ?? 0), y: y - size, size, font: f });
      y -= size + 3;
    }
  };
  write(`Continuity record: ${header.fileName}`, { size: 14, f: bold });
  write(
    `Box file ${header.boxFileId} | case ${header.caseReference} | SHA-256 at arrival ${header.sha256 ?? 'not recorded'}`,
  );
  write(
    `Exported by ${header.exportedBy} on ${header.exportedAt.toISOString()}. ${entries.length} entries; audit entries carry their hash-chain hash.`,
  );
  y -= 6;
  for (const entry of entries) {
    write(`${entry.at.toISOString()}  [${entry.source}]  ${entry.who}`, { f: bold });
    write(entry.what, { indent: 12 });
    if (entry.auditHash) write(`audit #${entry.auditSeq} ${entry.auditHash}`, { indent: 12, size: 7 });
    y -= 3;
  }
  return Buffer.from(await pdf.save());
}
