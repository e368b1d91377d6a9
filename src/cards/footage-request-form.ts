/**
 * Asking camera owners for footage: the form (prefilled from what the officer typed) and, for
 * "request footage near <place>", the list of cameras around it with their owners to tick. The
 * card checks what it can; the domain checks everything again on submit.
 */
import { formatDistance } from '../footage/format';
import { toLondonWallClock } from '../footage/london-time';
import { card, execute, heading, notice, subtle, text } from './elements';
import { caseReferenceInput, footageWindowInputs, initial } from './footage-inputs';
import type { AdaptiveCard, CardElement, Choice } from './schema';
import { plainLine, safeLine } from './text';
import { CARD_VERBS, INPUT_IDS } from './verbs';

export const WHAT_HAPPENED_MAX_CHARS = 500;
export const MAX_LINK_DAYS = 30;

export interface FootageCameraChoice {
  cameraId: string;
  cameraName: string;
  /** The registry's owner line (e.g. "Lambeth Council CCTV Control Room"). */
  owner: string;
  ownerOrganisation?: string;
  contactEmail?: string;
  contactPhone?: string;
  distanceMetres?: number;
  /** Footage of this camera reaches Box by itself: asking is not needed. */
  footageFlowsToBox?: boolean;
}

export interface FootageFormValues {
  cameraIds: string[];
  /** London wall clock, as the inputs show it. */
  date: string;
  from: string;
  to: string;
  endDate: string;
  caseReference: string;
  whatHappened: string;
  ownerEmail: string;
  /** When the cameras have several owners: the email typed for each camera (by camera id). */
  cameraOwnerEmails: Record<string, string>;
  linkDays: number;
}

export interface FootageFormView {
  cameras: FootageCameraChoice[];
  values: Partial<FootageFormValues>;
  defaultLinkDays: number;
  /** Idempotency key: the same form submitted twice makes one request. */
  formToken: string;
  error?: string;
}

/** The window's London date and times as the date and time inputs want them. */
export function londonInputs(start: Date, end: Date): Pick<FootageFormValues, 'date' | 'from' | 'to' | 'endDate'> {
  const a = toLondonWallClock(start);
  const b = toLondonWallClock(end);
  const day = (c: { year: number; month: number; day: number }) => `${c.year}-${pad(c.month)}-${pad(c.day)}`;
  const time = (c: { hour: number; minute: number }) => `${pad(c.hour)}:${pad(c.minute)}`;
  const sameDay = day(a) === day(b);
  // Without an end date the form reads an earlier end time as the next day, so only say it when needed.
  const endIsNextDayByDefault = !sameDay && b.hour * 60 + b.minute <= a.hour * 60 + a.minute;
  return { date: day(a), from: time(a), to: time(b), endDate: sameDay || endIsNextDayByDefault ? '' : day(b) };
}

export function footageRequestFormCard(view: FootageFormView): AdaptiveCard {
  const v = view.values;
  const picked = new Set(v.cameraIds ?? view.cameras.map((c) => c.cameraId));
  const groups = ownerGroups(view.cameras);
  const body: CardElement[] = [heading('Ask the camera owner for footage')];
  if (view.error) body.push(notice(safeLine(view.error), 'attention'));
  body.push(
    {
      type: 'Input.ChoiceSet',
      id: INPUT_IDS.footageCameraIds,
      label: view.cameras.length === 1 ? 'Camera' : 'Cameras to ask (each gets its own upload link)',
      isMultiSelect: true,
      style: 'expanded',
      choices: view.cameras.map(cameraChoice),
      value: view.cameras
        .filter((c) => picked.has(c.cameraId))
        .map((c) => c.cameraId)
        .join(','),
      isRequired: true,
      errorMessage: 'Pick at least one camera.',
      wrap: true,
    },
    ...footageWindowInputs(v, 'Date (London time)'),
    subtle('At most 24 hours per camera, and only what has already been recorded.'),
    caseReferenceInput(v.caseReference, { separator: true }),
    {
      type: 'Input.Text',
      id: INPUT_IDS.whatHappened,
      label: `What happened (the owner sees this; at most ${WHAT_HAPPENED_MAX_CHARS} characters)`,
      isMultiline: true,
      maxLength: WHAT_HAPPENED_MAX_CHARS,
      isRequired: true,
      errorMessage: `Say briefly what happened, in at most ${WHAT_HAPPENED_MAX_CHARS} characters.`,
      ...initial(v.whatHappened, WHAT_HAPPENED_MAX_CHARS),
    },
    ...ownerEmailInputs(groups, v),
    {
      type: 'Input.Number',
      id: INPUT_IDS.linkDays,
      label: `Keep the upload link open for (days, at most ${MAX_LINK_DAYS})`,
      min: 1,
      max: MAX_LINK_DAYS,
      value: Math.min(Math.max(1, v.linkDays ?? view.defaultLinkDays), MAX_LINK_DAYS),
      isRequired: true,
      errorMessage: `Enter a number of days from 1 to ${MAX_LINK_DAYS}.`,
    },
    subtle(
      'You get an upload link for each camera and a message to send the owner. Files that arrive are checked, catalogued and shared with you.',
    ),
  );
  return card(body, {
    actions: [
      execute(
        CARD_VERBS.footageRequestSubmit,
        {
          formToken: view.formToken,
          ...(groups.length > 1
            ? { ownerGroups: Object.fromEntries(groups.map((g) => [g.lead, g.cameras.map((c) => c.cameraId)])) }
            : {}),
        },
        'Create upload link',
        { style: 'positive' },
      ),
    ],
    fallbackText: 'Ask a camera owner for CCTV footage.',
  });
}

/** Cameras with the same owner contact (or, without one, the same owner) share one email field. */
interface OwnerGroup {
  /** The group's first camera: its id names the group's email input. */
  lead: string;
  owner: string;
  contactEmail?: string;
  cameras: FootageCameraChoice[];
}

function ownerGroups(cameras: FootageCameraChoice[]): OwnerGroup[] {
  const groups = new Map<string, OwnerGroup>();
  for (const camera of cameras) {
    const owner = camera.ownerOrganisation ?? camera.owner;
    const key = camera.contactEmail ? `email:${camera.contactEmail.toLowerCase()}` : `owner:${owner}`;
    const group = groups.get(key);
    if (group) group.cameras.push(camera);
    else groups.set(key, { lead: camera.cameraId, owner, contactEmail: camera.contactEmail, cameras: [camera] });
  }
  return [...groups.values()];
}

/**
 * One owner: the single `ownerEmail` field. Several: a field per owner, each prefilled from the
 * registry, so each camera's link and message go to its own owner.
 */
function ownerEmailInputs(groups: OwnerGroup[], v: Partial<FootageFormValues>): CardElement[] {
  const field = (id: string, label: string, value: string | undefined): CardElement => ({
    type: 'Input.Text',
    id,
    label,
    placeholder: 'cctv@example.org',
    maxLength: 254,
    isRequired: true,
    errorMessage: "Enter the owner's email address.",
    ...initial(value, 254),
  });
  const typedFor = (group: OwnerGroup | undefined) =>
    group?.cameras.map((c) => v.cameraOwnerEmails?.[c.cameraId]).find((e) => e !== undefined);
  // A form sent back with fewer cameras may now have one owner: keep what was typed in their field.
  if (groups.length <= 1)
    return [field(INPUT_IDS.ownerEmail, "Owner's contact email", v.ownerEmail || typedFor(groups[0]))];
  return groups.map((group) => {
    const typed = typedFor(group);
    const ids = group.cameras.map((c) => c.cameraId).join(', ');
    return field(
      ownerEmailInputId(group.lead),
      plainLine(`Contact email of ${group.owner} (${ids})`, 200),
      typed ?? group.contactEmail,
    );
  });
}

/** The email input of the owner group whose first camera is `lead`. */
function ownerEmailInputId(lead: string): string {
  return `${INPUT_IDS.ownerEmail}.${lead}`;
}

export interface NearbyCamerasView {
  place: string;
  radiusMetres: number;
  windowLabel: string | null;
  cameras: FootageCameraChoice[];
  /** Carried to the form: the window and case typed. */
  start?: Date;
  end?: Date;
  caseReference?: string;
}

/** "request footage near X": the cameras around X and who runs them; the officer ticks which to ask. */
export function nearbyCamerasCard(view: NearbyCamerasView): AdaptiveCard {
  const askable = view.cameras.filter((c) => !c.footageFlowsToBox);
  const body: CardElement[] = [
    heading(`Cameras within ${formatDistance(view.radiusMetres)} of ${safeLine(view.place, 80)}`),
    ...(view.windowLabel ? [subtle(safeLine(view.windowLabel, 120))] : []),
  ];
  if (view.cameras.length === 0) {
    body.push(text('No registered cameras there. Try a wider radius (e.g. "within 1 km of …") or name the camera.'));
    return card(body, { fallbackText: 'No registered cameras near that place.' });
  }
  const flowing = view.cameras.filter((c) => c.footageFlowsToBox);
  if (flowing.length > 0) {
    body.push(
      subtle(
        `Footage of ${flowing.map((c) => c.cameraId).join(', ')} reaches Box by itself: search for it with **find** instead.`,
      ),
    );
  }
  if (askable.length === 0) return card(body, { fallbackText: 'The cameras there already send their footage to Box.' });
  body.push({
    type: 'Input.ChoiceSet',
    id: INPUT_IDS.footageCameraIds,
    label: 'Tick the cameras whose owners you want to ask',
    isMultiSelect: true,
    style: 'expanded',
    choices: askable.map(cameraChoice),
    isRequired: true,
    errorMessage: 'Tick at least one camera.',
    wrap: true,
  });
  return card(body, {
    actions: [
      execute(
        CARD_VERBS.footageRequestOpen,
        {
          ...(view.start ? { start: view.start.toISOString() } : {}),
          ...(view.end ? { end: view.end.toISOString() } : {}),
          ...(view.caseReference ? { caseReference: view.caseReference } : {}),
        },
        'Ask the owners',
        { style: 'positive' },
      ),
    ],
    fallbackText: 'Cameras near that place and their owners.',
  });
}

function cameraChoice(camera: FootageCameraChoice): Choice {
  const owner = camera.ownerOrganisation ?? camera.owner;
  const distance = camera.distanceMetres === undefined ? '' : ` · ${formatDistance(camera.distanceMetres)}`;
  const contact = camera.contactEmail ? ` · ${camera.contactEmail}` : ' · no contact on file';
  return {
    title: plainLine(`${camera.cameraId} ${camera.cameraName} · ${owner}${distance}${contact}`, 200),
    value: camera.cameraId,
  };
}

function pad(n: number): string {
  return String(n).padStart(2, '0');
}
