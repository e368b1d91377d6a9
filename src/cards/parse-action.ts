/**
 * Turns the untrusted `value.action` of an `adaptiveCard/action` invoke into a typed action. Only
 * the shape is checked here (ids look like ids, inputs are strings of bounded size); whether the
 * person may do it, and whether the values make sense, is decided by the domain from the store.
 */
import { CARD_VERBS, INPUT_IDS, isCardVerb, type AccessLevel, type ParsedCardAction } from './verbs';

export type ParseCardActionResult = { ok: true; action: ParsedCardAction } | { ok: false; reason: string };

/** Ids the bot mints or Box returns: letters, digits and a few separators. */
const ID_PATTERN = /^[A-Za-z0-9._:-]{1,128}$/;
/** Opaque paging/query tokens: URL-safe printable ASCII. */
const TOKEN_PATTERN = /^[A-Za-z0-9._~:+/=-]{1,4096}$/;
/** Generous bound on free text: the card asks for at most 500, the domain enforces it with a message. */
const MAX_INPUT_CHARS = 10_000;
const MAX_FILE_IDS = 50;

class PayloadError extends Error {}

export function parseCardAction(verb: unknown, data: unknown): ParseCardActionResult {
  if (!isCardVerb(verb)) return { ok: false, reason: 'unknown action' };
  const fields: Record<string, unknown> = isPlainObject(data) ? data : {};
  try {
    return { ok: true, action: parseFor(verb, fields) };
  } catch (error) {
    if (error instanceof PayloadError) return { ok: false, reason: error.message };
    throw error;
  }
}

function parseFor(verb: ParsedCardAction['verb'], d: Record<string, unknown>): ParsedCardAction {
  switch (verb) {
    case CARD_VERBS.nextPage:
      return { verb, queryToken: token(d, 'queryToken') };
    case CARD_VERBS.pickPlace:
      return { verb, queryToken: token(d, 'queryToken'), placeId: id(d, 'placeId') };
    case CARD_VERBS.requestAccess:
      return { verb, fileIds: requestedFileIds(d) };
    case CARD_VERBS.submitRequest:
      return {
        verb,
        formToken: id(d, 'formToken'),
        fileIds: fileIdList(d.fileIds, 'fileIds'),
        caseReference: text(d, INPUT_IDS.caseReference),
        reason: text(d, INPUT_IDS.reason),
        access: accessLevel(d[INPUT_IDS.access]),
        justification: text(d, INPUT_IDS.justification),
        durationDays: wholeNumber(d[INPUT_IDS.durationDays]),
      };
    case CARD_VERBS.approve:
      return {
        verb,
        requestId: id(d, 'requestId'),
        comment: text(d, INPUT_IDS.decisionComment),
        durationDays: wholeNumber(d[INPUT_IDS.approvedDurationDays]),
      };
    case CARD_VERBS.reject:
      return { verb, requestId: id(d, 'requestId'), comment: text(d, INPUT_IDS.decisionComment) };
    case CARD_VERBS.refresh:
    case CARD_VERBS.revoke:
    case CARD_VERBS.footageRequestCancel:
    case CARD_VERBS.footageRequestExtend:
    case CARD_VERBS.footageRequestRefresh:
      return { verb, requestId: id(d, 'requestId') };
    case CARD_VERBS.footageRequestOpen:
      return {
        verb,
        cameraIds: cameraIdList(d),
        start: isoInstant(d.start),
        end: isoInstant(d.end),
        caseReference: text(d, 'caseReference'),
      };
    case CARD_VERBS.footageRequestSubmit:
      return {
        verb,
        formToken: id(d, 'formToken'),
        cameraIds: cameraIdList(d),
        date: text(d, INPUT_IDS.footageDate),
        from: text(d, INPUT_IDS.footageFrom),
        to: text(d, INPUT_IDS.footageTo),
        endDate: text(d, INPUT_IDS.footageEndDate),
        caseReference: text(d, INPUT_IDS.caseReference),
        whatHappened: text(d, INPUT_IDS.whatHappened),
        ownerEmail: text(d, INPUT_IDS.ownerEmail),
        cameraOwnerEmails: cameraOwnerEmails(d),
        linkDays: wholeNumber(d[INPUT_IDS.linkDays]),
      };
    case CARD_VERBS.chatUploadDescribe:
      return {
        verb,
        uploadId: id(d, 'uploadId'),
        cameraId: text(d, INPUT_IDS.uploadCameraId),
        date: text(d, INPUT_IDS.footageDate),
        from: text(d, INPUT_IDS.footageFrom),
        to: text(d, INPUT_IDS.footageTo),
        endDate: text(d, INPUT_IDS.footageEndDate),
        caseReference: text(d, INPUT_IDS.caseReference),
        cameFrom: text(d, INPUT_IDS.cameFrom),
        keepNonFootage: text(d, INPUT_IDS.keepNonFootage) === 'true',
        place: text(d, INPUT_IDS.uploadPlace),
        owner: text(d, INPUT_IDS.uploadOwner),
      };
    case CARD_VERBS.chatUploadDiscard:
      return { verb, uploadId: id(d, 'uploadId') };
  }
}

const MAX_CAMERA_IDS = 20;

/** Cameras named by the button, or picked on the card (a comma-joined multi-select answer). */
function cameraIdList(d: Record<string, unknown>): string[] {
  const picked = d[INPUT_IDS.footageCameraIds];
  const raw = typeof picked === 'string' && picked.trim() !== '' ? picked.split(',') : d.cameraIds;
  if (raw === undefined) return [];
  if (!Array.isArray(raw) || raw.length > MAX_CAMERA_IDS) throw new PayloadError('cameraIds must be a short list');
  const ids = raw.map((v) => (typeof v === 'string' ? v.trim().toUpperCase() : v));
  if (!ids.every((v): v is string => typeof v === 'string' && /^[A-Z0-9-]{1,20}$/.test(v)))
    throw new PayloadError('cameraIds holds an invalid camera id');
  return [...new Set(ids)];
}

/** Each owner group's email (input `ownerEmail.<first camera>`), given to every camera of the group. */
function cameraOwnerEmails(d: Record<string, unknown>): Record<string, string> {
  const groups = d.ownerGroups;
  if (groups === undefined) return {};
  if (!isPlainObject(groups) || Object.keys(groups).length > MAX_CAMERA_IDS)
    throw new PayloadError('ownerGroups must be a short map');
  const emails: Record<string, string> = {};
  for (const [lead, cameras] of Object.entries(groups)) {
    const ids = cameraIdList({ cameraIds: [lead, ...(Array.isArray(cameras) ? cameras : [cameras])] });
    const email = text(d, `${INPUT_IDS.ownerEmail}.${ids[0]}`);
    for (const cameraId of ids) emails[cameraId] = email;
  }
  return emails;
}

function isoInstant(value: unknown): Date | null {
  if (typeof value !== 'string' || !/^\d{4}-\d{2}-\d{2}T[\d:.]+Z$/.test(value)) return null;
  const date = new Date(value);
  return Number.isNaN(date.getTime()) ? null : date;
}

/** A single recording's button names its file; "Request selected" sends the multi-select's answer. */
function requestedFileIds(d: Record<string, unknown>): string[] {
  if (d.fileIds !== undefined) return fileIdList(d.fileIds, 'fileIds');
  const selected = d[INPUT_IDS.selectedFileIds];
  if (typeof selected !== 'string' || selected.trim() === '') throw new PayloadError('no recording selected');
  return fileIdList(selected.split(','), INPUT_IDS.selectedFileIds);
}

function fileIdList(value: unknown, name: string): string[] {
  if (!Array.isArray(value) || value.length === 0) throw new PayloadError(`${name} must list at least one file`);
  if (value.length > MAX_FILE_IDS) throw new PayloadError(`${name} lists too many files`);
  const ids = value.map((v) => (typeof v === 'string' ? v.trim() : v));
  if (!ids.every((v): v is string => typeof v === 'string' && ID_PATTERN.test(v))) {
    throw new PayloadError(`${name} holds an invalid file id`);
  }
  return [...new Set(ids)];
}

function id(d: Record<string, unknown>, name: string): string {
  const value = d[name];
  if (typeof value !== 'string' || !ID_PATTERN.test(value)) throw new PayloadError(`${name} is missing or invalid`);
  return value;
}

function token(d: Record<string, unknown>, name: string): string {
  const value = d[name];
  if (typeof value !== 'string' || !TOKEN_PATTERN.test(value)) throw new PayloadError(`${name} is missing or invalid`);
  return value;
}

/** Teams omits empty inputs; absent becomes ''. */
function text(d: Record<string, unknown>, name: string): string {
  const value = d[name];
  if (value === undefined || value === null) return '';
  if (typeof value !== 'string') throw new PayloadError(`${name} must be text`);
  if (value.length > MAX_INPUT_CHARS) throw new PayloadError(`${name} is too long`);
  return value.trim();
}

function accessLevel(value: unknown): AccessLevel {
  if (value === undefined || value === '') return 'view';
  if (value === 'view' || value === 'download') return value;
  throw new PayloadError('access must be view or download');
}

/** Input.Number and Input.ChoiceSet answers arrive as strings (or numbers from some clients). */
function wholeNumber(value: unknown): number | null {
  const n =
    typeof value === 'number'
      ? value
      : typeof value === 'string' && /^\s*\d{1,6}\s*$/.test(value)
        ? Number(value)
        : NaN;
  return Number.isSafeInteger(n) && n >= 0 ? n : null;
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
