/**
 * The footage request form as the server judges it. The card checks some of this too, but a forged
 * invoke skips the card, so nothing typed is trusted until it passes here. Times are London wall
 * clock times, read the same way as in a search.
 */
import { CASE_REFERENCE_PATTERN } from '../access/form';
import { addDays, londonToUtc, type LocalDate, type LocalTime } from '../london-time';
import type { GazetteerCamera } from '../query/gazetteer';
import type { FootageRequest } from './types';

export const MAX_WHAT_HAPPENED_CHARS = 500;
export const MAX_WINDOW_HOURS = 24;
export const MAX_CAMERAS_PER_REQUEST = 10;
/** Longest an upload link may stay open, whatever the configuration says. */
export const MAX_LINK_DAYS = 30;
/** What Extend adds. */
export const EXTEND_DAYS = 7;

const HOUR_MS = 60 * 60 * 1000;

/** Deliberately simple: one @, a dot in the domain, no spaces. Owners are outside the force, so any domain goes. */
const EMAIL_PATTERN = /^[^\s@<>(),;:"[\]]+@[^\s@<>(),;:"[\]]+\.[A-Za-z]{2,}$/;

export interface FootageFormInput {
  cameraIds: readonly string[];
  /** yyyy-mm-dd as Input.Date sends it. */
  date: string;
  /** HH:mm as Input.Time sends it; without an end date, an end at or before the start means the next day. */
  from: string;
  to: string;
  /** yyyy-mm-dd; empty or absent: the start date (or the next day, see `to`). */
  endDate?: string;
  caseReference: string;
  whatHappened: string;
  /** The owner's email, for every camera without its own in `cameraOwnerEmails`. */
  ownerEmail: string;
  /** Cameras of different owners: each camera's owner email, by camera id. */
  cameraOwnerEmails?: Readonly<Record<string, string>>;
  /** Null when left empty: the default applies. */
  linkDays: number | null;
}

export interface FootageFormPolicy {
  defaultLinkDays: number;
}

export interface CameraRegistry {
  camera(cameraId: string): GazetteerCamera | undefined;
}

export interface ValidFootageForm extends Pick<
  FootageRequest,
  'windowStart' | 'windowEnd' | 'caseReference' | 'whatHappened' | 'ownerEmail' | 'linkDays'
> {
  cameras: GazetteerCamera[];
  /** Each camera's owner email, by camera id; `ownerEmail` is the first camera's. */
  ownerEmails: ReadonlyMap<string, string>;
}

export type FootageFormCheck =
  { ok: true; form: ValidFootageForm } | { ok: false; problem: string; field: FootageFormField };

export type FootageFormField = 'cameras' | 'window' | 'caseReference' | 'whatHappened' | 'ownerEmail' | 'linkDays';

export function isValidEmail(value: string): boolean {
  return value.length <= 254 && EMAIL_PATTERN.test(value);
}

/** The first problem found, said so the officer knows what to change. */
export function checkFootageForm(
  input: FootageFormInput,
  registry: CameraRegistry,
  policy: FootageFormPolicy,
  now: Date,
): FootageFormCheck {
  const ids = [...new Set(input.cameraIds.map((id) => id.trim().toUpperCase()).filter((id) => id !== ''))];
  if (ids.length === 0) return fail('cameras', 'Pick at least one camera to ask for footage from.');
  if (ids.length > MAX_CAMERAS_PER_REQUEST)
    return fail('cameras', `Ask for at most ${MAX_CAMERAS_PER_REQUEST} cameras at once.`);
  const cameras: GazetteerCamera[] = [];
  for (const id of ids) {
    const camera = registry.camera(id);
    if (!camera)
      return fail(
        'cameras',
        `I don't know a camera ${id.slice(0, 20)}. Use the camera id as on its sign or in the results, e.g. LAM-0105.`,
      );
    if (camera.footageFlowsToBox)
      return fail(
        'cameras',
        `Footage of ${camera.cameraId} reaches Box by itself, so its owner is not asked: search for it with find instead.`,
      );
    cameras.push(camera);
  }
  const window = checkPastWindow(input, now, {
    future:
      'The time window ends in the future: owners can only send what has been recorded. Choose a window that has already passed.',
    tooLong: `Ask for at most ${MAX_WINDOW_HOURS} hours of footage per camera.`,
  });
  if (!window.ok) return fail('window', window.problem);
  const caseReference = input.caseReference.trim();
  if (caseReference === '')
    return fail('caseReference', 'Enter the case reference (seven digits, a slash and two digits, e.g. 5274265/26).');
  if (!CASE_REFERENCE_PATTERN.test(caseReference))
    return fail('caseReference', 'Enter the case reference as seven digits, a slash and two digits, e.g. 5274265/26.');
  const whatHappened = input.whatHappened.trim();
  if (whatHappened === '')
    return fail(
      'whatHappened',
      'Say briefly what happened: the owner sees it and it helps them find the right footage.',
    );
  if (whatHappened.length > MAX_WHAT_HAPPENED_CHARS) {
    return fail(
      'whatHappened',
      `Shorten "what happened" to at most ${MAX_WHAT_HAPPENED_CHARS} characters (it has ${whatHappened.length}).`,
    );
  }
  const ownerEmails = new Map<string, string>();
  for (const camera of cameras) {
    const own = input.cameraOwnerEmails?.[camera.cameraId];
    const email = (own ?? input.ownerEmail).trim();
    if (!isValidEmail(email)) {
      const whose = own === undefined ? "the owner's contact email" : `the contact email of ${ownerOf(camera)}`;
      return fail(
        'ownerEmail',
        email === ''
          ? `Enter ${whose}, e.g. cctv@example.org.`
          : `"${email.slice(0, 60)}" is not an email address. Enter ${whose}, e.g. cctv@example.org.`,
      );
    }
    ownerEmails.set(camera.cameraId, email);
  }
  const linkDays = input.linkDays ?? policy.defaultLinkDays;
  if (!Number.isInteger(linkDays) || linkDays < 1 || linkDays > MAX_LINK_DAYS)
    return fail('linkDays', `Keep the upload link open for 1 to ${MAX_LINK_DAYS} days.`);
  return {
    ok: true,
    form: {
      cameras,
      windowStart: window.start,
      windowEnd: window.end,
      caseReference,
      whatHappened,
      ownerEmail: ownerEmails.get(cameras[0].cameraId) ?? '',
      ownerEmails,
      linkDays,
    },
  };
}

function ownerOf(camera: GazetteerCamera): string {
  return `${camera.ownerOrganisation ?? camera.owner} (${camera.cameraId})`;
}

type WindowReading = { ok: true; start: Date; end: Date } | { ok: false; problem: string };

/**
 * A window read as `readWindow` does that also runs forwards, has already passed and is at most
 * MAX_WINDOW_HOURS long; the last two problems are worded by the caller for its own form.
 */
export function checkPastWindow(
  input: { date: string; from: string; to: string; endDate?: string },
  now: Date,
  problems: { future: string; tooLong: string },
): WindowReading {
  const window = readWindow(input.date, input.from, input.to, input.endDate);
  if (!window.ok) return window;
  if (window.end.getTime() <= window.start.getTime())
    return { ok: false, problem: 'The end of the time window must come after its start.' };
  if (window.end.getTime() > now.getTime()) return { ok: false, problem: problems.future };
  if (window.end.getTime() - window.start.getTime() > MAX_WINDOW_HOURS * HOUR_MS)
    return { ok: false, problem: problems.tooLong };
  return window;
}

/** London dates and times; without an end date, an end at or before the start runs into the next day. */
export function readWindow(date: string, from: string, to: string, endDate?: string): WindowReading {
  const day = parseDate(date);
  const start = parseTime(from);
  const end = parseTime(to);
  if (!day) return { ok: false, problem: 'Choose the date of the footage.' };
  if (!start || !end)
    return { ok: false, problem: 'Give the start and end time of the footage (24-hour clock, e.g. 14:00 and 16:00).' };
  const startAt = londonToUtc(day, start);
  if (!startAt.ok)
    return {
      ok: false,
      problem: 'That start time does not exist in London on that day (the clocks went forward). Choose another.',
    };
  const givenEndDay = endDate?.trim() ? parseDate(endDate) : undefined;
  if (endDate?.trim() && !givenEndDay) return { ok: false, problem: 'Choose a valid end date, or leave it empty.' };
  const endsNextDay = end.hour * 60 + end.minute <= start.hour * 60 + start.minute;
  const endDay = givenEndDay ?? (endsNextDay ? addDays(day, 1) : day);
  const endAt = londonToUtc(endDay, end);
  if (!endAt.ok)
    return {
      ok: false,
      problem: 'That end time does not exist in London on that day (the clocks went forward). Choose another.',
    };
  return { ok: true, start: startAt.instant, end: endAt.instant };
}

function parseDate(value: string): LocalDate | undefined {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value.trim());
  if (!match) return undefined;
  const date = { year: Number(match[1]), month: Number(match[2]), day: Number(match[3]) };
  const check = new Date(Date.UTC(date.year, date.month - 1, date.day));
  return check.getUTCMonth() === date.month - 1 && check.getUTCDate() === date.day ? date : undefined;
}

function parseTime(value: string): LocalTime | undefined {
  const match = /^(\d{1,2}):(\d{2})(?::\d{2})?$/.exec(value.trim());
  if (!match) return undefined;
  const time = { hour: Number(match[1]), minute: Number(match[2]) };
  return time.hour < 24 && time.minute < 60 ? time : undefined;
}

function fail(field: FootageFormField, problem: string): FootageFormCheck {
  return { ok: false, field, problem };
}
