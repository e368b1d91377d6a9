/**
 * Reads the camera and start time out of an export file name, e.g.
 * LAM-0105_20260311T0200Z_60min.mp4 (possibly with the footage id added when two exports clash).
 * Only a real instant counts: 99999999T9999Z is no date, and a name carrying one is simply not an
 * export name, so the officer hears that no such recording exists rather than Box being asked about
 * the year 10008.
 */
import { isValidLocalDate, isValidLocalTime } from '../london-time';
import { EARLIEST_YEAR } from '../query';

export interface ExportName {
  /** Upper case, as the metadata holds it. */
  cameraId: string;
  /** The recording's start, UTC (the Z in the name). */
  start: Date;
}

const EXPORT_NAME = /^([a-z]{2,6}-\d{1,6})_(\d{4})(\d{2})(\d{2})t(\d{2})(\d{2})z_/i;

export function parseExportName(name: string): ExportName | undefined {
  const parsed = EXPORT_NAME.exec(name);
  if (!parsed) return undefined;
  const [year, month, day, hour, minute] = parsed.slice(2).map(Number);
  if (
    year < EARLIEST_YEAR ||
    !isValidLocalDate({ year, month, day }) ||
    hour > 23 ||
    !isValidLocalTime({ hour, minute })
  ) {
    return undefined;
  }
  return { cameraId: parsed[1].toUpperCase(), start: new Date(Date.UTC(year, month - 1, day, hour, minute)) };
}
