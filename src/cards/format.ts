/**
 * How the cards say times, counts, durations and distances. Times are always Europe/London wall
 * clock with the zone named (GMT or BST), because officers read them against witness statements.
 */
export const LONDON_TIME_ZONE = 'Europe/London';

const londonFormat = new Intl.DateTimeFormat('en-GB', {
  timeZone: LONDON_TIME_ZONE,
  timeZoneName: 'short',
  weekday: 'short',
  day: 'numeric',
  month: 'short',
  year: 'numeric',
  hour: '2-digit',
  minute: '2-digit',
  hourCycle: 'h23',
});

interface LondonParts {
  /** "Tue 3 Mar 2026" */
  date: string;
  /** "14:00" */
  time: string;
  /** "GMT" or "BST" */
  zone: string;
}

function londonParts(instant: Date): LondonParts {
  const parts: Partial<Record<Intl.DateTimeFormatPartTypes, string>> = {};
  for (const part of londonFormat.formatToParts(instant)) parts[part.type] = part.value;
  return {
    date: `${parts.weekday} ${parts.day} ${parts.month} ${parts.year}`,
    time: `${parts.hour}:${parts.minute}`,
    zone: parts.timeZoneName ?? 'UK time',
  };
}

/** "Tue 3 Mar 2026" (London date). */
export function formatLondonDate(instant: Date): string {
  return londonParts(instant).date;
}

/** "Tue 3 Mar 2026, 14:00 GMT" */
export function formatLondonDateTime(instant: Date): string {
  const p = londonParts(instant);
  return `${p.date}, ${p.time} ${p.zone}`;
}

/**
 * A window with its date, as compact as stays unambiguous:
 * "Tue 3 Mar 2026, 14:00–16:00 GMT"; across the clock change "Sun 29 Mar 2026, 00:30 GMT–03:00 BST";
 * across midnight "Tue 3 Mar 2026, 23:00 – Wed 4 Mar 2026, 01:00 GMT".
 */
export function formatLondonWindow(from: Date, to: Date): string {
  const a = londonParts(from);
  const b = londonParts(to);
  if (a.date === b.date) {
    return a.zone === b.zone ? `${a.date}, ${a.time}–${b.time} ${b.zone}` : `${a.date}, ${a.time} ${a.zone}–${b.time} ${b.zone}`;
  }
  const start = a.zone === b.zone ? `${a.date}, ${a.time}` : `${a.date}, ${a.time} ${a.zone}`;
  return `${start} – ${b.date}, ${b.time} ${b.zone}`;
}

/** "1 recording", "12 recordings", "1,204 recordings". */
export function countRecordings(count: number): string {
  return count === 1 ? '1 recording' : `${count.toLocaleString('en-GB')} recordings`;
}

/** "1 day", "7 days". */
export function formatDays(days: number): string {
  return days === 1 ? '1 day' : `${days} days`;
}

/** "45 min", "1 h", "4 h 30 min". */
export function formatDuration(minutes: number): string {
  const whole = Math.max(0, Math.round(minutes));
  const hours = Math.floor(whole / 60);
  const rest = whole % 60;
  if (hours === 0) return `${rest} min`;
  return rest === 0 ? `${hours} h` : `${hours} h ${rest} min`;
}

/** "320 m", "1.2 km". */
export function formatDistance(metres: number): string {
  const rounded = Math.round(metres);
  if (rounded < 1000) return `${rounded} m`;
  return `${(metres / 1000).toFixed(1)} km`;
}
