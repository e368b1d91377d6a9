/**
 * What the file name and the officer's message already say about a file, so the form asks only for
 * the rest. Exports are named like LAM-0105_20260311T0200Z_60min.mp4 (camera, start in UTC, length);
 * a message such as "from the Co-op on Acre Lane for case 5274265/26" gives the case.
 */
import { toLondonWallClock } from '../london-time';

export interface Prefill {
  cameraId?: string;
  /** London wall clock, as the form's inputs take them. */
  date?: string;
  from?: string;
  to?: string;
  endDate?: string;
  caseReference?: string;
  cameFrom?: string;
}

const EXPORT_NAME = /^([A-Za-z]{2,6}-\d{1,6})_(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})Z(?:_(\d{1,4})min)?/i;
const CAMERA_ID = /\b([A-Z]{2,6}-\d{3,6})\b/;
const CASE_REFERENCE = /\b(\d{7}\/\d{2})\b/;
const VIDEO_TYPES = new Set([
  'mp4',
  'mov',
  'avi',
  'mkv',
  'wmv',
  'asf',
  'flv',
  'mpg',
  'mpeg',
  'ts',
  'mts',
  'm2ts',
  'h264',
  'h265',
  '264',
  '265',
  'dav',
  '3gp',
  'webm',
]);

export function prefillFrom(fileName: string, message: string | undefined): Prefill {
  const prefill: Prefill = {};
  const exported = EXPORT_NAME.exec(fileName);
  if (exported) {
    const [, camera, year, month, day, hour, minute, minutes] = exported;
    prefill.cameraId = camera.toUpperCase();
    const start = new Date(Date.UTC(Number(year), Number(month) - 1, Number(day), Number(hour), Number(minute)));
    if (!Number.isNaN(start.getTime())) {
      Object.assign(prefill, londonFields(start, 'date', 'from'));
      if (minutes) {
        const end = londonFields(new Date(start.getTime() + Number(minutes) * 60_000), 'endDate', 'to');
        prefill.to = end.to;
        if (end.endDate !== prefill.date) prefill.endDate = end.endDate;
      }
    }
  }
  const text = (message ?? '').replace(/<[^>]*>/g, ' ');
  prefill.cameraId ??= CAMERA_ID.exec(text.toUpperCase())?.[1];
  const caseReference = CASE_REFERENCE.exec(text)?.[1] ?? CASE_REFERENCE.exec(fileName.replace(/[-_]/g, '/'))?.[1];
  if (caseReference) prefill.caseReference = caseReference;
  const from = /\bfrom\s+(.{3,200}?)(?:\s+for\s+case\b|[.;\n]|$)/i.exec(text)?.[1]?.trim();
  if (from && !CAMERA_ID.test(from.toUpperCase())) prefill.cameFrom = from;
  return prefill;
}

/** Whether Teams' file type (or the name's extension) says video; the bytes decide later. */
export function looksLikeVideo(fileName: string, fileType: string | null): boolean {
  const extension = (fileType ?? /\.([A-Za-z0-9]{1,8})$/.exec(fileName)?.[1] ?? '').toLowerCase();
  return VIDEO_TYPES.has(extension);
}

function londonFields<D extends string, T extends string>(
  instant: Date,
  dateKey: D,
  timeKey: T,
): Record<D | T, string> {
  const wall = toLondonWallClock(instant);
  const pad = (n: number) => String(n).padStart(2, '0');
  return {
    [dateKey]: `${wall.year}-${pad(wall.month)}-${pad(wall.day)}`,
    [timeKey]: `${pad(wall.hour)}:${pad(wall.minute)}`,
  } as Record<D | T, string>;
}
