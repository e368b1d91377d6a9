/**
 * The Universal Action verbs of sharing and custody cards, with the data each button carries and a
 * parser for what comes back. Kept beside the access verbs rather than in them: data holds only ids
 * and what the person typed or picked, and the server re-reads everything else from the store.
 */
import type { CardAction, Refresh } from './schema';

export const SHARING_VERBS = {
  openShare: 'share.open',
  submitShare: 'share.submit',
  decideShare: 'share.decide',
  refreshShare: 'share.refresh',
  openPartner: 'partner.open',
  submitPartner: 'partner.submit',
  approvePartner: 'partner.approve',
  rejectPartner: 'partner.reject',
  refreshPartner: 'partner.refresh',
  revokePartner: 'partner.revoke',
  requestDownload: 'partner.download.request',
  approveDownload: 'partner.download.approve',
  rejectDownload: 'partner.download.reject',
  history: 'custody.history',
  exportHistory: 'custody.export',
  recordingState: 'recording.state',
} as const;

export type SharingVerb = (typeof SHARING_VERBS)[keyof typeof SHARING_VERBS];

export const SHARING_VERB_LIST: readonly SharingVerb[] = Object.values(SHARING_VERBS);

export const SHARING_INPUT_IDS = {
  recipients: 'recipients',
  reason: 'shareReason',
  durationDays: 'shareDurationDays',
  access: 'shareAccess',
  caseReference: 'shareCaseReference',
  approveIds: 'approveIds',
  comment: 'shareComment',
  email: 'partnerEmail',
  justification: 'downloadJustification',
} as const;

/** The fixed data of each verb's buttons. */
export interface SharingActionData {
  'share.open': { fileIds: string[] };
  'share.submit': { formToken: string; fileIds: string[] };
  'share.decide': { groupId: string };
  'share.refresh': { groupId: string };
  /** Without a partner: the bot asks which one. */
  'partner.open': { fileId: string; partnerId?: string };
  'partner.submit': { formToken: string; fileId: string; partnerId: string };
  'partner.approve': { shareId: string };
  'partner.reject': { shareId: string };
  'partner.refresh': { shareId: string };
  'partner.revoke': { shareId: string };
  'partner.download.request': { shareId: string };
  'partner.download.approve': { shareId: string };
  'partner.download.reject': { shareId: string };
  'custody.history': { fileId: string; page: number };
  'custody.export': { fileId: string };
  'recording.state': { fileId: string };
}

/**
 * An Action.Execute of a sharing verb. The card schema types Action.Execute by the access verbs; the
 * validator (test/support/card-validation.ts) knows these verbs too.
 */
export function sharingAction<V extends SharingVerb>(
  verb: V,
  data: SharingActionData[V],
  title: string,
  options: { style?: 'positive' | 'destructive'; associatedInputs?: 'Auto' | 'None' } = {},
): CardAction {
  return { type: 'Action.Execute', verb, data, title, ...options } as unknown as CardAction;
}

export function sharingRefresh<V extends SharingVerb>(verb: V, data: SharingActionData[V], userIds: string[]): Refresh {
  return { action: { type: 'Action.Execute', verb, data, title: 'Refresh' }, userIds } as unknown as Refresh;
}

// ---------------------------------------------------------------------------------------------
// Parsing what Teams sends back

const ID = /^[A-Za-z0-9._:-]{1,128}$/;
const MAX_TEXT = 10_000;
const MAX_LIST = 60;

export type ParsedSharingAction =
  | { verb: 'share.open'; fileIds: string[] }
  | {
      verb: 'share.submit';
      formToken: string;
      fileIds: string[];
      recipients: string[];
      reason: string;
      durationDays: number | null;
      access: 'view' | 'download';
      caseReference: string;
    }
  | { verb: 'share.decide'; groupId: string; approveIds: string[]; comment: string; durationDays: number | null }
  | { verb: 'share.refresh'; groupId: string }
  | { verb: 'partner.open'; fileId: string; partnerId: string | null }
  | {
      verb: 'partner.submit';
      formToken: string;
      fileId: string;
      partnerId: string;
      email: string;
      reason: string;
      durationDays: number | null;
      caseReference: string;
    }
  | { verb: 'partner.approve' | 'partner.reject'; shareId: string; comment: string; durationDays: number | null }
  | {
      verb: 'partner.refresh' | 'partner.revoke' | 'partner.download.approve' | 'partner.download.reject';
      shareId: string;
    }
  | { verb: 'partner.download.request'; shareId: string; justification: string }
  | { verb: 'custody.history'; fileId: string; page: number }
  | { verb: 'custody.export' | 'recording.state'; fileId: string };

export type ParseSharingResult = { ok: true; action: ParsedSharingAction } | { ok: false; reason: string };

class Bad extends Error {}

export function parseSharingAction(verb: SharingVerb, data: unknown): ParseSharingResult {
  const d = (typeof data === 'object' && data !== null && !Array.isArray(data) ? data : {}) as Record<string, unknown>;
  try {
    return { ok: true, action: parse(verb, d) };
  } catch (error) {
    if (error instanceof Bad) return { ok: false, reason: error.message };
    throw error;
  }
}

function parse(verb: SharingVerb, d: Record<string, unknown>): ParsedSharingAction {
  const I = SHARING_INPUT_IDS;
  switch (verb) {
    case 'share.open':
      return { verb, fileIds: list(d.fileIds, 'fileIds') };
    case 'share.submit':
      return {
        verb,
        formToken: id(d, 'formToken'),
        fileIds: list(d.fileIds, 'fileIds'),
        recipients: text(d, I.recipients)
          .split(',')
          .map((s) => s.trim())
          .filter(Boolean)
          .slice(0, MAX_LIST),
        reason: text(d, I.reason),
        durationDays: whole(d[I.durationDays]),
        access: d[I.access] === 'download' ? 'download' : 'view',
        caseReference: text(d, I.caseReference),
      };
    case 'share.decide':
      return {
        verb,
        groupId: id(d, 'groupId'),
        approveIds: text(d, I.approveIds)
          .split(',')
          .map((s) => s.trim())
          .filter((s) => ID.test(s)),
        comment: text(d, I.comment),
        durationDays: whole(d[I.durationDays]),
      };
    case 'share.refresh':
      return { verb, groupId: id(d, 'groupId') };
    case 'partner.open':
      return { verb, fileId: id(d, 'fileId'), partnerId: d.partnerId === undefined ? null : id(d, 'partnerId') };
    case 'partner.submit':
      return {
        verb,
        formToken: id(d, 'formToken'),
        fileId: id(d, 'fileId'),
        partnerId: id(d, 'partnerId'),
        email: text(d, I.email),
        reason: text(d, I.reason),
        durationDays: whole(d[I.durationDays]),
        caseReference: text(d, I.caseReference),
      };
    case 'partner.approve':
    case 'partner.reject':
      return { verb, shareId: id(d, 'shareId'), comment: text(d, I.comment), durationDays: whole(d[I.durationDays]) };
    case 'partner.download.request':
      return { verb, shareId: id(d, 'shareId'), justification: text(d, I.justification) };
    case 'partner.refresh':
    case 'partner.revoke':
    case 'partner.download.approve':
    case 'partner.download.reject':
      return { verb, shareId: id(d, 'shareId') };
    case 'custody.history':
      return { verb, fileId: id(d, 'fileId'), page: whole(d.page) ?? 1 };
    case 'custody.export':
    case 'recording.state':
      return { verb, fileId: id(d, 'fileId') };
  }
}

function id(d: Record<string, unknown>, name: string): string {
  const value = d[name];
  if (typeof value !== 'string' || !ID.test(value)) throw new Bad(`${name} is missing or invalid`);
  return value;
}

function list(value: unknown, name: string): string[] {
  if (
    !Array.isArray(value) ||
    value.length === 0 ||
    value.length > 50 ||
    !value.every((v) => typeof v === 'string' && ID.test(v))
  )
    throw new Bad(`${name} must list file ids`);
  return [...new Set(value as string[])];
}

function text(d: Record<string, unknown>, name: string): string {
  const value = d[name];
  if (value === undefined || value === null) return '';
  if (typeof value !== 'string') throw new Bad(`${name} must be text`);
  if (value.length > MAX_TEXT) throw new Bad(`${name} is too long`);
  return value.trim();
}

function whole(value: unknown): number | null {
  const n =
    typeof value === 'number'
      ? value
      : typeof value === 'string' && /^\s*\d{1,6}\s*$/.test(value)
        ? Number(value)
        : NaN;
  return Number.isSafeInteger(n) && n >= 0 ? n : null;
}
