/**
 * Message-extension results (findFootage). The card is inserted into any chat, where others who have
 * no grant will see it, so it shows metadata only: never a thumbnail or a link, whatever the
 * searching officer's own access.
 */
import { formatLondonWindow } from '../footage/format';
import { MAX_REFRESH_USERS } from './approval';
import { card, subtle, text } from './elements';
import { recordingFacts, recordingTitle } from './recording-view';
import { requestOneAction } from './results';
import type { AdaptiveCard } from './schema';
import { SHARING_VERBS, sharingAction, sharingRefresh } from './sharing-verbs';
import { plainLine, TEXT_LIMITS } from './text';
import type { ResultRecording } from './view-models';

export type PreviewRecording = Omit<ResultRecording, 'access'>;

/**
 * With the audience's Teams ids (at most 60), each of them sees their own state through refresh
 * (see channel-recording.ts); for a larger audience a button fetches it on demand.
 */
export function footagePreviewCard(recording: PreviewRecording, audience: string[] = []): AdaptiveCard {
  const perViewer = audience.length > 0 && audience.length <= MAX_REFRESH_USERS;
  const onDemand =
    audience.length > MAX_REFRESH_USERS
      ? [sharingAction(SHARING_VERBS.recordingState, { fileId: recording.fileId }, 'Show my access')]
      : [];
  return card(
    [
      text(recordingTitle(recording), { size: 'medium' }),
      text(formatLondonWindow(recording.from, recording.to), { spacing: 'small' }),
      recordingFacts(recording),
      subtle('CCTV Footage: access to the recording itself needs a supervisor’s approval.'),
    ],
    {
      actions: [requestOneAction(recording.fileId), ...onDemand],
      fallbackText: plainLine(`CCTV recording ${recording.cameraId}`),
      ...(perViewer
        ? { refresh: sharingRefresh(SHARING_VERBS.recordingState, { fileId: recording.fileId }, audience) }
        : {}),
    },
  );
}

/** The entry in the compose-extension result list (a thumbnail card with title and text only). */
export interface ThumbnailPreview {
  contentType: 'application/vnd.microsoft.card.thumbnail';
  content: { title: string; text: string };
}

export function footagePreviewListItem(recording: PreviewRecording): ThumbnailPreview {
  return {
    contentType: 'application/vnd.microsoft.card.thumbnail',
    content: {
      title: plainLine(`${recording.cameraName} (${recording.cameraId})`, TEXT_LIMITS.name),
      text: plainLine(`${formatLondonWindow(recording.from, recording.to)} · ${recording.borough}`),
    },
  };
}

/** One compose-extension result: the card to insert plus its list preview. */
export interface FootageExtensionAttachment {
  contentType: 'application/vnd.microsoft.card.adaptive';
  content: AdaptiveCard;
  preview: ThumbnailPreview;
}

export function footageExtensionAttachment(
  recording: PreviewRecording,
  audience: string[] = [],
): FootageExtensionAttachment {
  return {
    contentType: 'application/vnd.microsoft.card.adaptive',
    content: footagePreviewCard(recording, audience),
    preview: footagePreviewListItem(recording),
  };
}
