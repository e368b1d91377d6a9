/** How a recording is named and laid out on every card that lists recordings. */
import { formatDistance, formatDuration, formatLondonWindow } from '../footage/format';
import type { RecordingStatus } from '../footage/recording';
import { container, facts, subtle, text } from './elements';
import type { CardElement, Column, ColumnSet, Container, FactSet, Image } from './schema';
import { plainLine, safeLine, TEXT_LIMITS } from './text';
import type { RecordingSummary, ResultRecording } from './view-models';

export const RECORDING_STATUS_LABELS: Readonly<Record<RecordingStatus, string>> = {
  received: 'Received',
  reviewed: 'Reviewed',
  evidential: 'Evidential',
  not_relevant: 'Not relevant',
};

/** "**Brixton Station (south)** · LAM-0105" */
export function recordingTitle(recording: RecordingSummary): string {
  return `**${safeLine(recording.cameraName, TEXT_LIMITS.name)}** · ${safeLine(recording.cameraId, 40)}`;
}

/** For places without Markdown (choice titles, previews): "Brixton Station (south) (LAM-0105), Tue 3 Mar 2026, 14:00–16:00 GMT". */
export function recordingPlainLabel(recording: RecordingSummary): string {
  return plainLine(
    `${recording.cameraName} (${recording.cameraId}), ${formatLondonWindow(recording.from, recording.to)}`,
  );
}

/** Title, window and file name: enough to tell recordings apart on a request or notice. */
export function recordingBrief(recording: RecordingSummary, options: { separator?: boolean } = {}): Container {
  return container(
    [
      text(recordingTitle(recording)),
      subtle(`${formatLondonWindow(recording.from, recording.to)} · ${safeLine(recording.borough, TEXT_LIMITS.name)}`),
      subtle(safeLine(recording.fileName, TEXT_LIMITS.fileName)),
    ],
    options.separator ? { separator: true } : {},
  );
}

export function recordingBriefs(recordings: RecordingSummary[]): CardElement[] {
  return recordings.map((recording, index) => recordingBrief(recording, { separator: index > 0 }));
}

export function thumbnailImage(dataUri: string, recording: RecordingSummary): Image {
  return {
    type: 'Image',
    url: dataUri,
    altText: plainLine(`Thumbnail of ${recording.cameraName} (${recording.cameraId})`),
    size: 'medium',
  };
}

/** Thumbnail on the left, details on the right; without a thumbnail, just the details. */
export function withThumbnail(image: Image | undefined, details: CardElement[]): CardElement[] {
  if (!image) return details;
  const columns: Column[] = [
    { type: 'Column', width: 'auto', items: [image] },
    { type: 'Column', width: 'stretch', items: details, verticalContentAlignment: 'top' },
  ];
  const row: ColumnSet = { type: 'ColumnSet', columns };
  return [row];
}

/** The metadata an officer may always see: borough, duration, owner, case, status, distance, file. */
export function recordingFacts(recording: Omit<ResultRecording, 'access'>): FactSet {
  return facts([
    ['Borough', safeLine(recording.borough, TEXT_LIMITS.name)],
    ['Duration', formatDuration(recording.durationMinutes)],
    ['Owner', safeLine(recording.owner, TEXT_LIMITS.name)],
    ['Case', recording.caseReference ? safeLine(recording.caseReference, 20) : undefined],
    ['Status', RECORDING_STATUS_LABELS[recording.status]],
    ['Distance', recording.distanceMetres === undefined ? undefined : formatDistance(recording.distanceMetres)],
    ['File', safeLine(recording.fileName, TEXT_LIMITS.fileName)],
  ]);
}
