import { formatDistance, formatLondonWindow } from '../format';
import {
  addDays,
  formatLondonDate,
  formatLondonTime,
  londonDateOf,
  sameLocalDate,
  toLondonWallClock,
  zoneAbbreviation,
} from '../london-time';
import type { OwnerType, RecordingStatus } from '../recording';
import { POINT_WINDOW_MINUTES } from './limits';
import type { FootageQuery } from './types';
import { joinList } from './wording';

/**
 * How a request was understood, one line per aspect, in London time, so the reply can echo it and
 * an officer sees at once when the bot misread them:
 *   Near Brixton Station (within 500 m)
 *   Tue 3 Mar 2026, 14:00–16:00 GMT
 *   Camera LAM-0105 · In Lambeth · Owner: transport (TfL) · Case 5212345/26 · Status: evidential
 */
export function describeQuery(query: FootageQuery): string[] {
  const lines: string[] = [];
  if (query.place) lines.push(`Near ${query.place.name} (within ${formatDistance(query.place.radiusMetres)})`);
  if (query.cameraIds?.length)
    lines.push(`${query.cameraIds.length === 1 ? 'Camera' : 'Cameras'} ${joinList(query.cameraIds)}`);
  if (query.boroughs?.length) lines.push(`In ${joinList(query.boroughs)}`);
  if (query.ownerTypes?.length) lines.push(`Owner: ${joinList(query.ownerTypes.map((type) => OWNER_LABELS[type]))}`);
  if (query.caseReference) lines.push(`Case ${query.caseReference}`);
  if (query.statuses?.length) lines.push(`Status: ${joinList(query.statuses.map((status) => STATUS_LABELS[status]))}`);
  lines.push(query.window ? describeWindow(query.window.start, query.window.end) : 'Any time, newest first');
  if (query.ignored?.length)
    lines.push(`Not understood, so ignored: ${query.ignored.map((text) => `"${text}"`).join(', ')}`);
  return lines;
}

export const OWNER_LABELS: Record<OwnerType, string> = {
  local_authority: 'council',
  transport: 'transport (TfL)',
  business: 'business',
};

export const STATUS_LABELS: Record<RecordingStatus, string> = {
  received: 'received (not yet reviewed)',
  reviewed: 'reviewed',
  evidential: 'evidential',
  not_relevant: 'not relevant',
};

/**
 * A window in London time: "Tue 3 Mar 2026, 14:00–16:00 GMT"; a whole day as
 * "Tue 3 Mar 2026, all day (00:00–24:00 GMT)"; across days with each end dated; the zone is
 * given at each end when the clocks changed in between.
 */
export function describeWindow(start: Date, end: Date): string {
  const startDate = londonDateOf(start);
  const endClock = toLondonWallClock(end);
  const endsAtMidnight = endClock.hour === 0 && endClock.minute === 0;
  const lastDate = endsAtMidnight ? addDays(londonDateOf(end), -1) : londonDateOf(end);
  const startZone = zoneAbbreviation(toLondonWallClock(start).offsetMinutes);
  const endZone = zoneAbbreviation(endClock.offsetMinutes);
  const startTime = formatLondonTime(start);
  const endTime = endsAtMidnight ? '24:00' : formatLondonTime(end);
  if (end.getTime() - start.getTime() === POINT_WINDOW_MINUTES * 60_000) {
    return `${formatLondonDate(start)} at ${startTime} ${startZone}`;
  }
  const zones =
    startZone === endZone ? `${startTime}–${endTime} ${endZone}` : `${startTime} ${startZone}–${endTime} ${endZone}`;
  const hours = (end.getTime() - start.getTime()) / 3_600_000;
  if (sameLocalDate(startDate, lastDate)) {
    if (startTime === '00:00' && endsAtMidnight) {
      const unusual = hours === 24 ? '' : `, ${hours} hours: the clocks changed`;
      return `${formatLondonDate(start)}, all day (${zones}${unusual})`;
    }
    return `${formatLondonDate(start)}, ${zones}`;
  }
  if (startTime === '00:00' && endsAtMidnight) {
    return `${formatLondonDate(start)} to ${formatLondonDate(new Date(end.getTime() - 1))}, all day`;
  }
  return formatLondonWindow(start, end);
}
