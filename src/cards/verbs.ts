/**
 * The Universal Action verbs the cards send, with the data each carries. Data holds only ids and
 * what the person typed or picked: the server re-reads everything else (roles, names, state) from
 * the store, so a forged or replayed invoke can claim nothing.
 */
import type { AccessLevel } from '../footage/ports/store';

export const CARD_VERBS = {
  nextPage: 'footage.nextPage',
  pickPlace: 'footage.pickPlace',
  requestAccess: 'request.open',
  submitRequest: 'request.submit',
  approve: 'request.approve',
  reject: 'request.reject',
  refresh: 'request.refresh',
  revoke: 'grant.revoke',
  // Footage requests to camera owners.
  footageRequestOpen: 'footageRequest.open',
  footageRequestSubmit: 'footageRequest.submit',
  footageRequestCancel: 'footageRequest.cancel',
  footageRequestExtend: 'footageRequest.extend',
  footageRequestRefresh: 'footageRequest.refresh',
  // Files attached in the chat.
  chatUploadDescribe: 'chatUpload.describe',
  chatUploadDiscard: 'chatUpload.discard',
} as const;

export type CardVerb = (typeof CARD_VERBS)[keyof typeof CARD_VERBS];

export const ALL_CARD_VERBS: readonly CardVerb[] = Object.values(CARD_VERBS);

export function isCardVerb(value: unknown): value is CardVerb {
  return typeof value === 'string' && (ALL_CARD_VERBS as readonly string[]).includes(value);
}

/** Ids of the inputs on the cards: Teams merges each input's value into the action data under its id. */
export const INPUT_IDS = {
  /** Results card multi-select: comma-joined Box file ids. */
  selectedFileIds: 'selectedFileIds',
  caseReference: 'caseReference',
  reason: 'reason',
  access: 'access',
  justification: 'justification',
  durationDays: 'durationDays',
  decisionComment: 'decisionComment',
  approvedDurationDays: 'approvedDurationDays',
  // The footage request form (and the camera picker of "request footage near ...").
  footageCameraIds: 'footageCameraIds',
  footageDate: 'footageDate',
  footageFrom: 'footageFrom',
  footageTo: 'footageTo',
  footageEndDate: 'footageEndDate',
  whatHappened: 'whatHappened',
  ownerEmail: 'ownerEmail',
  linkDays: 'linkDays',
  // The chat upload form (its window and case reuse the inputs above).
  uploadCameraId: 'uploadCameraId',
  uploadPlace: 'uploadPlace',
  uploadOwner: 'uploadOwner',
  cameFrom: 'cameFrom',
  keepNonFootage: 'keepNonFootage',
} as const;

/** View only, or view and download: the domain's own type, so a card cannot offer a level the domain lacks. */
export type { AccessLevel };

/** The fixed data each verb's button carries (before Teams merges the card's inputs into it). */
export interface CardActionData {
  'footage.nextPage': { queryToken: string };
  'footage.pickPlace': { queryToken: string; placeId: string };
  /** One recording's button names it; "Request selected" sends none and relies on the multi-select. */
  'request.open': { fileIds?: string[] };
  /** formToken is the idempotency key: submitting the same form twice makes one request. */
  'request.submit': { formToken: string; fileIds: string[] };
  'request.approve': { requestId: string };
  'request.reject': { requestId: string };
  'request.refresh': { requestId: string };
  'grant.revoke': { requestId: string };
  /** Opens the request form: cameras named (a results card) or picked on the card (the near-by list); window as ISO instants. */
  'footageRequest.open': { cameraIds?: string[]; start?: string; end?: string; caseReference?: string };
  /** ownerGroups, when the cameras have several owners: each group's first camera id to the group's cameras. */
  'footageRequest.submit': { formToken: string; ownerGroups?: Record<string, string[]> };
  'footageRequest.cancel': { requestId: string };
  'footageRequest.extend': { requestId: string };
  'footageRequest.refresh': { requestId: string };
  'chatUpload.describe': { uploadId: string };
  'chatUpload.discard': { uploadId: string };
}

/** An invoke's payload after parsing: the verb plus typed, trimmed values. */
export type ParsedCardAction =
  | { verb: 'footage.nextPage'; queryToken: string }
  | { verb: 'footage.pickPlace'; queryToken: string; placeId: string }
  | { verb: 'request.open'; fileIds: string[] }
  | {
      verb: 'request.submit';
      formToken: string;
      fileIds: string[];
      /** Raw (trimmed) as typed: the domain validates the format and reports what is wrong. */
      caseReference: string;
      reason: string;
      access: AccessLevel;
      justification: string;
      /** Null when absent or not a whole number. */
      durationDays: number | null;
    }
  | { verb: 'request.approve'; requestId: string; comment: string; durationDays: number | null }
  | { verb: 'request.reject'; requestId: string; comment: string }
  | { verb: 'request.refresh'; requestId: string }
  | { verb: 'grant.revoke'; requestId: string }
  | { verb: 'footageRequest.open'; cameraIds: string[]; start: Date | null; end: Date | null; caseReference: string }
  | {
      verb: 'footageRequest.submit';
      formToken: string;
      cameraIds: string[];
      /** As the inputs send them (yyyy-mm-dd, HH:mm); the domain reads and checks them. */
      date: string;
      from: string;
      to: string;
      endDate: string;
      caseReference: string;
      whatHappened: string;
      ownerEmail: string;
      /** With several owners: each camera's owner email as typed, by camera id. */
      cameraOwnerEmails: Record<string, string>;
      linkDays: number | null;
    }
  | { verb: 'footageRequest.cancel'; requestId: string }
  | { verb: 'footageRequest.extend'; requestId: string }
  | { verb: 'footageRequest.refresh'; requestId: string }
  | {
      verb: 'chatUpload.describe';
      uploadId: string;
      /** As typed; the domain checks it against the registry. */
      cameraId: string;
      date: string;
      from: string;
      to: string;
      endDate: string;
      caseReference: string;
      cameFrom: string;
      keepNonFootage: boolean;
      /** For a camera not in the registry. */
      place: string;
      owner: string;
    }
  | { verb: 'chatUpload.discard'; uploadId: string };
