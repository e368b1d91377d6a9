/**
 * Footage that arrived from a camera owner: the officer's card (what came, how big, its SHA-256
 * shortened with the full value behind a toggle, from whom, for which request, and anything odd:
 * not video, or the same content already in Box), the supervisors' short notice, and the notice of
 * a file that could not be processed.
 */
import { formatLondonDateTime, formatLondonWindow } from '../footage/format';
import { actionSet, card, container, facts, heading, notice, subtle, text } from './elements';
import type { AdaptiveCard, CardElement } from './schema';
import { safeLine } from './text';

export interface ArrivedFileView {
  boxFileId: string;
  fileName: string;
  sizeBytes: number | null;
  sha256: string | null;
  contentType: string | null;
  isVideo: boolean;
  duplicateOf: { fileId: string; fileName: string } | null;
}

export interface ArrivalView {
  requestId: string;
  caseReference: string;
  cameraId: string;
  cameraName: string;
  windowStart: Date;
  windowEnd: Date;
  uploadedBy: string | null;
  uploadedAt: Date | null;
  files: ArrivedFileView[];
}

/** "2.4 MB", "1.1 GB", "512 bytes". */
export function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${bytes} bytes`;
  const units = ['KB', 'MB', 'GB', 'TB'];
  let value = bytes / 1024;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit += 1;
  }
  return `${value.toFixed(value < 10 ? 1 : 0)} ${units[unit]}`;
}

export function shortHash(sha256: string): string {
  return `${sha256.slice(0, 12)}…`;
}

export function arrivalCard(view: ArrivalView): AdaptiveCard {
  const count = view.files.length === 1 ? '1 file' : `${view.files.length} files`;
  const body: CardElement[] = [
    heading(`Footage arrived: ${count} for case ${safeLine(view.caseReference, 20)}`),
    facts([
      ['Camera', `${safeLine(view.cameraId, 20)} ${safeLine(view.cameraName, 80)}`],
      ['Window', formatLondonWindow(view.windowStart, view.windowEnd)],
      ['From', view.uploadedBy ? safeLine(view.uploadedBy, 254) : 'the upload link (no address given)'],
      ['Uploaded', view.uploadedAt ? formatLondonDateTime(view.uploadedAt) : null],
      ['Request', safeLine(view.requestId, 20)],
    ]),
  ];
  for (const file of view.files) body.push(fileSection(file));
  body.push(
    subtle(
      'Each file was hashed as Box streamed it, catalogued with the camera and case, and moved into the camera’s folder. You get access in Box as for an approved request.',
    ),
  );
  return card(body, { fallbackText: `Footage arrived for case ${view.caseReference}.` });
}

function fileSection(file: ArrivedFileView): CardElement {
  const items: CardElement[] = [
    text(`**${safeLine(file.fileName, 120)}**${file.sizeBytes === null ? '' : ` · ${formatBytes(file.sizeBytes)}`}`),
  ];
  if (file.sha256) {
    items.push(subtle(`SHA-256 ${shortHash(file.sha256)}`));
    items.push(
      actionSet([
        { type: 'Action.ShowCard', title: 'Full SHA-256', card: { type: 'AdaptiveCard', body: [text(file.sha256)] } },
      ]),
    );
  }
  if (!file.isVideo)
    items.push(
      notice(
        `Not a video (${safeLine(file.contentType ?? 'unknown type', 80)}): kept with the others, check what it is.`,
        'warning',
      ),
    );
  if (file.duplicateOf)
    items.push(
      notice(
        `Same content as ${safeLine(file.duplicateOf.fileName, 120)} already in Box: a duplicate of that recording.`,
        'warning',
      ),
    );
  return container(items, { separator: true, spacing: 'medium' });
}

export interface SupervisorArrivalView {
  requestId: string;
  caseReference: string;
  cameraId: string;
  officerName: string;
  fileCount: number;
  flagged: number;
}

export function supervisorArrivalNotice(view: SupervisorArrivalView): AdaptiveCard {
  const files = view.fileCount === 1 ? '1 file' : `${view.fileCount} files`;
  return card(
    [
      text(
        `**Footage arrived** for ${safeLine(view.officerName, 80)}: ${files} from camera ${safeLine(view.cameraId, 20)}, case ${safeLine(view.caseReference, 20)} (request ${safeLine(view.requestId, 20)}).`,
      ),
      ...(view.flagged > 0 ? [subtle(`${view.flagged} flagged (not video, or a duplicate).`)] : []),
    ],
    { fallbackText: `Footage arrived for case ${view.caseReference}.` },
  );
}

export interface ArrivalFailureView {
  requestId: string;
  caseReference: string;
  cameraId: string;
  fileName: string;
  reason: string;
}

export function arrivalFailureNotice(view: ArrivalFailureView): AdaptiveCard {
  return card(
    [
      heading('A file could not be processed'),
      notice(safeLine(view.reason, 300), 'attention'),
      facts([
        ['File', safeLine(view.fileName, 120)],
        ['Camera', safeLine(view.cameraId, 20)],
        ['Case', safeLine(view.caseReference, 20)],
        ['Request', safeLine(view.requestId, 20)],
      ]),
      subtle('It stays in the intake folder in Box. Ask your CCTV administrator to look at it.'),
    ],
    { fallbackText: 'A file could not be processed.' },
  );
}
