/**
 * What the officer is sent when a request ends one way or another: the share-link card on
 * a grant, and the notices for rejection, expiry and revocation.
 */
import { countRecordings, formatLondonDateTime, formatLondonWindow } from '../footage/format';
import {
  actionSet,
  card,
  container,
  facts,
  heading,
  labelledParagraph,
  notice,
  openUrl,
  subtle,
  text,
} from './elements';
import { recordingBriefs, recordingTitle, thumbnailImage, withThumbnail } from './recording-view';
import type { AdaptiveCard, CardElement, ContainerStyle, FactSet } from './schema';
import { SHARING_VERBS, sharingAction } from './sharing-verbs';
import { CARD_SIZE_LIMITS, largestThatFits } from './size';
import { safeLine, TEXT_LIMITS } from './text';
import type { AccessLevel } from './verbs';
import type { GrantedRecording, RecordingSummary } from './view-models';

const ACCESS_LABELS: Readonly<Record<AccessLevel, string>> = { view: 'View only', download: 'View and download' };

export interface ShareLinkView {
  recordings: GrantedRecording[];
  expiresAt: Date;
  access: AccessLevel;
  caseReference: string;
  approvedBy: string;
  /**
   * Set when the bot marks the card after access ended: links and thumbnails go, the reason shows.
   */
  ended?: { kind: 'expired'; at: Date } | { kind: 'revoked'; at: Date; by: string };
}

export function shareLinkCard(view: ShareLinkView): AdaptiveCard {
  const available = view.ended ? 0 : view.recordings.filter((r) => r.thumbnailDataUri).length;
  return largestThatFits((included) => renderShareLink(view, included, available), available, CARD_SIZE_LIMITS.message);
}

function renderShareLink(view: ShareLinkView, thumbnailsIncluded: number, thumbnailsAvailable: number): AdaptiveCard {
  let thumbnailsLeft = thumbnailsIncluded;
  const live = view.ended === undefined;
  const items = view.recordings.map((recording) => {
    const showThumbnail = live && recording.thumbnailDataUri !== undefined && thumbnailsLeft > 0;
    if (showThumbnail) thumbnailsLeft -= 1;
    const details: CardElement[] = [
      text(recordingTitle(recording)),
      subtle(formatLondonWindow(recording.from, recording.to)),
      subtle(safeLine(recording.fileName, TEXT_LIMITS.fileName)),
    ];
    if (live)
      details.push(
        actionSet([
          openUrl(recording.openUrl, 'Open in Box'),
          sharingAction(SHARING_VERBS.history, { fileId: recording.fileId, page: 1 }, 'History'),
        ]),
      );
    const image =
      showThumbnail && recording.thumbnailDataUri ? thumbnailImage(recording.thumbnailDataUri, recording) : undefined;
    return container(withThumbnail(image, details), { separator: true, spacing: 'medium' });
  });
  const state = endedLine(view);
  return card(
    [
      heading(`Access granted: ${countRecordings(view.recordings.length)}`),
      ...(state ? [notice(state, 'default')] : []),
      facts([
        ['Case', safeLine(view.caseReference, 20)],
        ['Access', ACCESS_LABELS[view.access]],
        ['Approved by', safeLine(view.approvedBy, TEXT_LIMITS.name)],
        [live ? 'Access until' : 'Access ended', formatLondonDateTime(view.ended?.at ?? view.expiresAt)],
      ]),
      ...items,
      ...(thumbnailsAvailable > thumbnailsIncluded
        ? [subtle('Some thumbnails were left out to keep this card small; open the recording in Box to see it.')]
        : []),
      ...(live
        ? [subtle('The links open only for you, signed in to Box, until access ends. Everything you open is recorded.')]
        : []),
    ],
    {
      fallbackText: state ?? `Access granted to ${countRecordings(view.recordings.length)}.`,
      ...(live
        ? {
            actions: [
              sharingAction(
                SHARING_VERBS.openShare,
                { fileIds: view.recordings.map((r) => r.fileId) },
                'Share with colleagues',
              ),
            ],
          }
        : {}),
    },
  );
}

function endedLine(view: ShareLinkView): string | undefined {
  if (!view.ended) return undefined;
  if (view.ended.kind === 'expired') return `Access expired on ${formatLondonDateTime(view.ended.at)}.`;
  return `Access was revoked by ${safeLine(view.ended.by, TEXT_LIMITS.name)} on ${formatLondonDateTime(view.ended.at)}.`;
}

/** The shape every end-of-request notice shares: headline, what happened, the case and the recordings. */
function outcomeCard(
  headline: string,
  what: string,
  style: ContainerStyle,
  details: FactSet,
  extra: CardElement[],
  recordings: RecordingSummary[],
): AdaptiveCard {
  return card([heading(headline), notice(what, style), details, ...extra, ...recordingBriefs(recordings)], {
    fallbackText: what,
  });
}

export interface RejectionNoticeView {
  recordings: RecordingSummary[];
  caseReference: string;
  rejectedBy: string;
  rejectedAt: Date;
  reason: string;
}

export function rejectionNotice(view: RejectionNoticeView): AdaptiveCard {
  return outcomeCard(
    'Access request rejected',
    `${safeLine(view.rejectedBy, TEXT_LIMITS.name)} rejected your request on ${formatLondonDateTime(view.rejectedAt)}.`,
    'attention',
    facts([['Case', safeLine(view.caseReference, 20)]]),
    labelledParagraph('Reason', view.reason),
    view.recordings,
  );
}

export interface ExpiryNoticeView {
  recordings: RecordingSummary[];
  caseReference: string;
  expiredAt: Date;
}

export function expiryNotice(view: ExpiryNoticeView): AdaptiveCard {
  return outcomeCard(
    'Access expired',
    `Your access to ${countRecordings(view.recordings.length)} ended on ${formatLondonDateTime(view.expiredAt)}.`,
    'default',
    facts([['Case', safeLine(view.caseReference, 20)]]),
    [subtle('If you still need it, request access again.')],
    view.recordings,
  );
}

export interface RevocationNoticeView {
  recordings: RecordingSummary[];
  caseReference: string;
  revokedBy: string;
  revokedAt: Date;
  reason?: string | null;
}

export function revocationNotice(view: RevocationNoticeView): AdaptiveCard {
  return outcomeCard(
    'Access revoked',
    `${safeLine(view.revokedBy, TEXT_LIMITS.name)} revoked your access to ${countRecordings(view.recordings.length)} on ${formatLondonDateTime(view.revokedAt)}.`,
    'warning',
    facts([['Case', safeLine(view.caseReference, 20)]]),
    view.reason ? labelledParagraph('Reason', view.reason) : [],
    view.recordings,
  );
}
