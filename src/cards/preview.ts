/**
 * Message-extension results (findFootage). The card is inserted into any chat, where others who have
 * no grant will see it, so it shows metadata only: never a thumbnail or a link, whatever the
 * searching officer's own access.
 */
import { card, subtle, text } from './elements';
import { formatLondonWindow } from '../footage/format';
import { recordingFacts, recordingTitle } from './recording-view';
import { requestOneAction } from './results';
import type { AdaptiveCard } from './schema';
import { plainLine, TEXT_LIMITS } from './text';
import type { ResultRecording } from './view-models';

export type PreviewRecording = Omit<ResultRecording, 'access'>;

export function footagePreviewCard(recording: PreviewRecording): AdaptiveCard {
  return card(
    [
      text(recordingTitle(recording), { size: 'medium' }),
      text(formatLondonWindow(recording.from, recording.to), { spacing: 'small' }),
      recordingFacts(recording),
      subtle('CCTV Footage: access to the recording itself needs a supervisor’s approval.'),
    ],
    { actions: [requestOneAction(recording.fileId)], fallbackText: plainLine(`CCTV recording ${recording.cameraId}`) },
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

export function footageExtensionAttachment(recording: PreviewRecording): FootageExtensionAttachment {
  return {
    contentType: 'application/vnd.microsoft.card.adaptive',
    content: footagePreviewCard(recording),
    preview: footagePreviewListItem(recording),
  };
}
