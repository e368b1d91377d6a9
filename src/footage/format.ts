/**
 * How the bot writes times, counts, durations and distances for people: the one formatting module,
 * used by the cards and the domain's own sentences alike. Times are Europe/London wall clock with
 * the zone named (GMT or BST), from london-time.ts's calendar arithmetic.
 */
import {
  formatLocalDate,
  formatLocalTime,
  formatLondonDate,
  formatLondonDateTime,
  toLondonWallClock,
  zoneAbbreviation,
} from './london-time';

export { formatLondonDate, formatLondonDateTime };

/**
 * A window with its date, as compact as stays unambiguous:
 * "Tue 3 Mar 2026, 14:00–16:00 GMT"; across the clock change "Sun 29 Mar 2026, 00:30 GMT–03:00 BST";
 * across midnight "Tue 3 Mar 2026, 23:00 – Wed 4 Mar 2026, 01:00 GMT".
 */
export function formatLondonWindow(from: Date, to: Date): string {
  const a = parts(from);
  const b = parts(to);
  if (a.date === b.date) {
    return a.zone === b.zone
      ? `${a.date}, ${a.time}–${b.time} ${b.zone}`
      : `${a.date}, ${a.time} ${a.zone}–${b.time} ${b.zone}`;
  }
  const start = a.zone === b.zone ? `${a.date}, ${a.time}` : `${a.date}, ${a.time} ${a.zone}`;
  return `${start} – ${b.date}, ${b.time} ${b.zone}`;
}

function parts(instant: Date): { date: string; time: string; zone: string } {
  const clock = toLondonWallClock(instant);
  return { date: formatLocalDate(clock), time: formatLocalTime(clock), zone: zoneAbbreviation(clock.offsetMinutes) };
}

// One formatter for every count: Number#toLocaleString builds a new one on each call.
const COUNT_FORMAT = new Intl.NumberFormat('en-GB');

/** "1,204": a count as people in the UK write it. */
export function formatCount(count: number): string {
  return COUNT_FORMAT.format(count);
}

/** "1 recording", "12 recordings", "1,204 recordings". */
export function countRecordings(count: number): string {
  return count === 1 ? '1 recording' : `${formatCount(count)} recordings`;
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

/** "320 m", "1 km", "1.2 km", "1.6 km" (a mile): metres below a kilometre, else kilometres to one decimal. */
export function formatDistance(metres: number): string {
  const rounded = Math.round(metres);
  if (rounded < 1000) return `${rounded} m`;
  return `${Number((metres / 1000).toFixed(1))} km`;
}
