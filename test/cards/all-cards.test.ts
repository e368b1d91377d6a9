/**
 * Every card the bot can send, built from realistic and worst-case inputs, must pass the schema,
 * the adaptivecards library, the bot's own rules and Teams' size limit; and every button's data may
 * hold only ids and inputs (never a name, role or permission the server might be tempted to trust).
 */
import {
  approvalCardFor,
  approverView,
  CARD_SIZE_LIMITS,
  chatUploadCard,
  chatUploadFormCard,
  chatUploadReminderCard,
  chatUploadWrongPlaceCard,
  decidedView,
  errorCard,
  expiryNotice,
  footagePreviewCard,
  noMatchCard,
  notRegisteredCard,
  placePickerCard,
  refusalCard,
  rejectionNotice,
  requestFormCard,
  requestStatusCard,
  restrictedView,
  resultRecording,
  resultsCard,
  revocationNotice,
  shareLinkCard,
  stagedUploadsCard,
  unknownPlaceCard,
  unknownTextCard,
  welcomeCard,
  type AdaptiveCard,
  type CardActionData,
  type CardVerb,
  type ChatUploadCardView,
} from '../../src/cards';
import type { SharingActionData, SharingVerb } from '../../src/cards/sharing-verbs';
import { COMMANDS } from '../../src/teams/commands';
import { helpCardFor } from '../../src/teams/help/views';
import { assertValidCard } from '../support/card-validation';
import { findAll } from './card-query';
import {
  APPROVER_IDS,
  DEMO_RECORDINGS,
  HOSTILE,
  hostileRecording,
  pendingRequest,
  REQUESTER_ID,
  summaries,
  tenGrantedRecordings,
  tenGrantedWithThumbnails,
} from './fixtures';

const WELCOME_EXAMPLES = COMMANDS.filter((c) => c.featured).flatMap((c) => c.examples);

const chatUpload: ChatUploadCardView = {
  uploadId: 'a1b2c3d4e5f6',
  fileName: 'LAM-0105_20260303T1400Z_60min.mp4',
  state: 'staged',
  sizeBytes: 104_857_600,
  transferredBytes: 104_857_600,
  sha256: 'a'.repeat(64),
};
const refresh = { refreshUserIds: [REQUESTER_ID, ...APPROVER_IDS] };
const decided = pendingRequest({
  status: 'granted',
  decision: { by: HOSTILE.longName, at: new Date('2026-03-29T01:30:00Z'), comment: HOSTILE.reason500, durationDays: 3 },
  expiresAt: new Date('2026-04-01T01:30:00Z'),
});
const worstRequest = pendingRequest({
  requester: { name: HOSTILE.longName, borough: HOSTILE.unicode },
  recordings: tenGrantedRecordings(),
  reason: HOSTILE.reason500,
  access: 'download',
  justification: HOSTILE.link,
  requesterHasBoxUser: false,
  noApproverReachable: true,
});
const endedShare = { kind: 'revoked', at: new Date('2026-03-30T09:00:00Z'), by: 'Sgt Dana Whitfield' } as const;

const MESSAGE_CARDS: Array<[string, () => AdaptiveCard]> = [
  [
    'welcome (officer)',
    () => welcomeCard({ person: { name: 'PC Alice Carter', role: 'officer' }, examples: WELCOME_EXAMPLES }),
  ],
  [
    'welcome (supervisor, hostile name)',
    () => welcomeCard({ person: { name: HOSTILE.link, role: 'supervisor' }, examples: WELCOME_EXAMPLES }),
  ],
  ['welcome (unknown person)', () => welcomeCard({ person: null, examples: WELCOME_EXAMPLES })],
  ['help (officer)', () => helpCardFor(COMMANDS, 'officer')],
  ['help (admin)', () => helpCardFor(COMMANDS, 'admin')],
  ['not registered', () => notRegisteredCard({ whomToAsk: 'your CCTV single point of contact' })],
  ['unknown text', () => unknownTextCard(COMMANDS.flatMap((c) => c.examples))],
  [
    'error (retryable)',
    () => errorCard({ title: 'Box is not answering', message: HOSTILE.reason500, retryable: true }),
  ],
  ['error (final)', () => errorCard({ title: HOSTILE.longName, message: HOSTILE.link, retryable: false })],
  ['refusal', () => refusalCard({ reason: 'This request was already approved by Sgt Dana Whitfield.' })],
  [
    'results: 10 granted with thumbnails',
    () =>
      resultsCard({
        understood: ['Near Brixton Station (500 m)', HOSTILE.link],
        total: 1234,
        pageStart: 0,
        recordings: tenGrantedWithThumbnails(),
        nextPage: { queryToken: 'q.abc-123' },
      }),
  ],
  [
    'results: 10 without access, hostile text',
    () =>
      resultsCard({
        understood: ['Camera LAM-0105', 'Tue 3 Mar 2026, 14:00–16:00 GMT'],
        total: null,
        pageStart: 10,
        recordings: DEMO_RECORDINGS.slice(0, 10).map((r, i) =>
          resultRecording(hostileRecording(r, i), { kind: 'none' }),
        ),
        nextPage: { queryToken: 'q.next' },
      }),
  ],
  [
    'results: last, empty page',
    () => resultsCard({ understood: ['In Lambeth'], total: 20, pageStart: 20, recordings: [] }),
  ],
  [
    'no match',
    () =>
      noMatchCard({
        understood: ['Near Brixton Station (500 m)'],
        hints: ['A 1 km radius finds 12 recordings', 'The whole day finds 3 recordings'],
      }),
  ],
  ['no match, no hints', () => noMatchCard({ understood: ['Case 5212345/26'], hints: [] })],
  [
    'place picker',
    () =>
      placePickerCard({
        text: 'Victoria',
        queryToken: 'q.1',
        candidates: Array.from({ length: 12 }, (_, i) => ({
          placeId: `place-${i}`,
          name: `Victoria ${HOSTILE.unicode} ${i}`,
          detail: 'Westminster',
        })),
      }),
  ],
  ['unknown place', () => unknownPlaceCard({ text: HOSTILE.link, suggestions: ['Brixton Station', 'Brick Lane'] })],
  [
    'request form (10 recordings, refilled with an error)',
    () =>
      requestFormCard({
        recordings: tenGrantedRecordings(),
        defaults: { durationDays: 7 },
        maxDurationDays: 30,
        formToken: 'form-1',
        values: {
          caseReference: '12/3',
          reason: HOSTILE.reason500,
          access: 'download',
          justification: HOSTILE.link,
          durationDays: 99,
        },
        error: 'Enter the case reference as seven digits, a slash and two digits.',
      }),
  ],
  ['request status (pending, nobody reachable)', () => requestStatusCard(worstRequest, refresh)],
  ['approver view (worst case)', () => approverView(worstRequest, { ...refresh, notice: 'Give a reason to reject.' })],
  ['restricted view', () => restrictedView(pendingRequest(), refresh)],
  ['decided view with revoke', () => decidedView(decided, { ...refresh, canRevoke: true })],
  [
    'decided: rejected',
    () =>
      approvalCardFor(
        pendingRequest({
          status: 'rejected',
          decision: { by: 'Sgt Dana Whitfield', at: new Date('2026-03-03T16:00:00Z'), comment: HOSTILE.link },
        }),
        'other',
        refresh,
      ),
  ],
  [
    'decided: failed',
    () =>
      approvalCardFor(
        pendingRequest({
          status: 'failed',
          decision: { by: 'Sgt Dana Whitfield', at: new Date('2026-03-03T16:00:00Z') },
          failure: 'Box refused the collaboration (403).',
        }),
        'requester',
        refresh,
      ),
  ],
  ['decided: expired', () => approvalCardFor({ ...decided, status: 'expired' }, 'approver', refresh)],
  [
    'decided: revoked',
    () =>
      approvalCardFor(
        { ...decided, status: 'revoked', revocation: { by: 'Insp Ravi Mehta', at: new Date('2026-03-30T09:00:00Z') } },
        'approver',
        refresh,
      ),
  ],
  [
    'share link: 10 recordings with thumbnails',
    () =>
      shareLinkCard({
        recordings: tenGrantedRecordings(),
        expiresAt: new Date('2026-04-01T12:00:00Z'),
        access: 'download',
        caseReference: '5212345/26',
        approvedBy: HOSTILE.longName,
      }),
  ],
  [
    'share link: revoked',
    () =>
      shareLinkCard({
        recordings: tenGrantedRecordings(),
        expiresAt: new Date('2026-04-01T12:00:00Z'),
        access: 'view',
        caseReference: '5212345/26',
        approvedBy: 'Sgt Dana Whitfield',
        ended: endedShare,
      }),
  ],
  [
    'rejection notice',
    () =>
      rejectionNotice({
        recordings: summaries(3),
        caseReference: '5212345/26',
        rejectedBy: 'Sgt Dana Whitfield',
        rejectedAt: new Date('2026-03-03T16:00:00Z'),
        reason: HOSTILE.reason500,
      }),
  ],
  [
    'expiry notice',
    () =>
      expiryNotice({
        recordings: summaries(10),
        caseReference: '5212345/26',
        expiredAt: new Date('2026-03-10T16:00:00Z'),
      }),
  ],
  [
    'chat upload: copying with progress',
    () =>
      chatUploadCard({
        ...chatUpload,
        state: 'receiving',
        sizeBytes: 1_288_490_188,
        transferredBytes: 432_013_312,
        sha256: null,
      }),
  ],
  [
    'chat upload: in Box, hostile name',
    () => chatUploadCard({ ...chatUpload, fileName: `${HOSTILE.link}${HOSTILE.bidi}`.repeat(4) }),
  ],
  [
    'chat upload: cataloguing',
    () =>
      chatUploadCard({
        ...chatUpload,
        state: 'submitted',
        described: {
          cameraId: 'LAM-0105',
          window: 'Tuesday 3 March 2026, 14:00 to 15:00',
          caseReference: '5274265/26',
        },
      }),
  ],
  [
    'chat upload: duplicate',
    () =>
      chatUploadCard({
        ...chatUpload,
        state: 'duplicate',
        duplicateOf: { fileId: '123456789', fileName: HOSTILE.longName },
      }),
  ],
  ...(
    [
      'expired_link',
      'empty_file',
      'too_large',
      'incomplete_download',
      'unknown_size',
      'box_refused',
      'box_unavailable',
    ] as const
  ).map((code): [string, () => AdaptiveCard] => [
    `chat upload: failed (${code})`,
    () => chatUploadCard({ ...chatUpload, state: 'failed', failure: { code, maxBytes: 50 * 1024 ** 3 } }),
  ]),
  [
    'chat upload: form, not footage, with a problem',
    () =>
      chatUploadFormCard({
        uploadId: 'a1b2c3d4e5f6',
        fileName: HOSTILE.unicode,
        footage: false,
        values: { cameraId: 'LAM-0105', cameFrom: HOSTILE.reason500 },
        problem: HOSTILE.dateFunction,
      }),
  ],
  [
    'chat upload: form, prefilled',
    () =>
      chatUploadFormCard({
        uploadId: 'a1b2c3d4e5f6',
        fileName: 'LAM-0105_20260303T1400Z_60min.mp4',
        footage: true,
        values: { cameraId: 'LAM-0105', date: '2026-03-03', from: '14:00', to: '15:00', caseReference: '5274265/26' },
      }),
  ],
  ['chat upload: wrong place', () => chatUploadWrongPlaceCard()],
  [
    'chat upload: reminder',
    () =>
      chatUploadReminderCard(
        {
          uploadId: 'a1b2c3d4e5f6',
          fileName: HOSTILE.bidi,
          sizeBytes: 10,
          uploaderName: 'PC Alice Carter',
          stagedAt: new Date('2026-03-03T14:00:00Z'),
        },
        3,
      ),
  ],
  [
    'chat upload: waiting in staging',
    () =>
      stagedUploadsCard(
        Array.from({ length: 20 }, (_, i) => ({
          uploadId: `a1b2c3d4e5${String(i).padStart(2, '0')}`,
          fileName: `${HOSTILE.longName}.mp4`,
          sizeBytes: 1_000_000 * i,
          uploaderName: HOSTILE.longName,
          stagedAt: new Date('2026-03-03T14:00:00Z'),
        })),
        57,
      ),
  ],
  [
    'revocation notice',
    () =>
      revocationNotice({
        recordings: summaries(1),
        caseReference: '5212345/26',
        revokedBy: 'Insp Ravi Mehta',
        revokedAt: new Date('2026-03-05T09:00:00Z'),
        reason: HOSTILE.bidi,
      }),
  ],
];

const MESSAGE_EXTENSION_CARDS: Array<[string, () => AdaptiveCard]> = [
  ['footage preview', () => footagePreviewCard(resultRecording(DEMO_RECORDINGS[5], { kind: 'none' }))],
  [
    'footage preview, hostile text',
    () => footagePreviewCard(resultRecording(hostileRecording(DEMO_RECORDINGS[0], 0), { kind: 'none' }, 480)),
  ],
];

/** The data keys each verb's button may carry: ids only (inputs are merged in by Teams, not built in). */
const ALLOWED_DATA_KEYS: { [V in CardVerb]: ReadonlyArray<keyof CardActionData[V]> } = {
  'footage.nextPage': ['queryToken'],
  'footage.pickPlace': ['queryToken', 'placeId'],
  'request.open': ['fileIds'],
  'request.submit': ['formToken', 'fileIds'],
  'request.approve': ['requestId'],
  'request.reject': ['requestId'],
  'request.refresh': ['requestId'],
  'footageRequest.refresh': ['requestId'],
  'grant.revoke': ['requestId'],
  'footageRequest.open': ['cameraIds', 'start', 'end', 'caseReference'],
  'footageRequest.submit': ['formToken'],
  'footageRequest.cancel': ['requestId'],
  'footageRequest.extend': ['requestId'],
  'chatUpload.describe': ['uploadId'],
  'chatUpload.discard': ['uploadId'],
};

const SHARING_ALLOWED_DATA_KEYS: { [V in SharingVerb]: ReadonlyArray<keyof SharingActionData[V]> } = {
  'share.open': ['fileIds'],
  'share.submit': ['formToken', 'fileIds'],
  'share.decide': ['groupId'],
  'share.refresh': ['groupId'],
  'partner.open': ['fileId', 'partnerId'],
  'partner.submit': ['formToken', 'fileId', 'partnerId'],
  'partner.approve': ['shareId'],
  'partner.reject': ['shareId'],
  'partner.refresh': ['shareId'],
  'partner.revoke': ['shareId'],
  'partner.download.request': ['shareId'],
  'partner.download.approve': ['shareId'],
  'partner.download.reject': ['shareId'],
  'custody.history': ['fileId', 'page'],
  'custody.export': ['fileId'],
  'recording.state': ['fileId'],
};

describe.each([
  ...MESSAGE_CARDS.map(([name, build]) => [name, build, CARD_SIZE_LIMITS.message] as const),
  ...MESSAGE_EXTENSION_CARDS.map(([name, build]) => [name, build, CARD_SIZE_LIMITS.messageExtension] as const),
])('%s', (_name, build, limitBytes) => {
  it('is a valid Adaptive Card 1.5 within Teams’ size limit', () => {
    expect(() => assertValidCard(build(), { limitBytes })).not.toThrow();
  });

  it('puts only ids in button data', () => {
    for (const { verb, data } of findAll<{ verb: CardVerb; data: Record<string, unknown> }>(
      build(),
      'Action.Execute',
    )) {
      const allowed = (ALLOWED_DATA_KEYS[verb] ??
        SHARING_ALLOWED_DATA_KEYS[verb as unknown as SharingVerb]) as readonly string[];
      expect(Object.keys(data).filter((key) => !allowed.includes(key))).toEqual([]);
    }
  });
});
