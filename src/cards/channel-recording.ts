/**
 * A recording card for a channel or group chat that shows each viewer their own state through
 * Universal Actions refresh: "You have access until …" with Open in Box, or Request access. Teams
 * refreshes automatically for at most 60 listed people; for a bigger audience the card carries a
 * button that fetches the viewer's state on demand instead.
 */
import { formatLondonDateTime } from '../footage/format';
import { MAX_REFRESH_USERS } from './approval';
import { actionSet, card, container, execute, heading, notice, openUrl } from './elements';
import { recordingBriefs } from './recording-view';
import type { AdaptiveCard, CardAction, CardElement } from './schema';
import { SHARING_VERBS, sharingAction, sharingRefresh } from './sharing-verbs';
import { CARD_VERBS } from './verbs';
import type { RecordingSummary } from './view-models';

export type ViewerState =
  | { kind: 'anyone' }
  | { kind: 'granted'; openUrl: string; expiresAt: Date; canShare: boolean }
  | { kind: 'none'; canDecide: boolean };

export interface ChannelRecordingView {
  recording: RecordingSummary;
  /** The audience's Teams ids; refresh only when there are at most 60. */
  audience: string[];
  state: ViewerState;
}

export function channelRecordingCard(view: ChannelRecordingView): AdaptiveCard {
  const { recording, state } = view;
  const actions: CardAction[] = [];
  const body: CardElement[] = [
    heading(recording.cameraName ? `${recording.cameraId}: ${recording.cameraName}` : recording.cameraId),
    container(recordingBriefs([recording])),
  ];
  if (state.kind === 'granted') {
    body.push(
      notice(`You have access until ${formatLondonDateTime(state.expiresAt)}.`, 'good'),
      actionSet([openUrl(state.openUrl, 'Open in Box')]),
    );
    if (state.canShare) {
      actions.push(
        sharingAction(SHARING_VERBS.openShare, { fileIds: [recording.fileId] }, 'Share with colleagues'),
        sharingAction(SHARING_VERBS.openPartner, { fileId: recording.fileId }, 'Share with a partner'),
      );
    }
  } else if (state.kind === 'none') {
    body.push(notice('You have no access to this recording.', 'default'));
    actions.push(execute(CARD_VERBS.requestAccess, { fileIds: [recording.fileId] }, 'Request access'));
    if (state.canDecide)
      actions.push(sharingAction(SHARING_VERBS.openShare, { fileIds: [recording.fileId] }, 'Share with colleagues'));
  }
  if (state.kind !== 'granted')
    actions.push(sharingAction(SHARING_VERBS.history, { fileId: recording.fileId, page: 1 }, 'History'));
  const small = view.audience.length > 0 && view.audience.length <= MAX_REFRESH_USERS;
  if (state.kind === 'anyone' && !small)
    actions.unshift(sharingAction(SHARING_VERBS.recordingState, { fileId: recording.fileId }, 'Show my access'));
  return card(body, {
    actions,
    ...(small
      ? { refresh: sharingRefresh(SHARING_VERBS.recordingState, { fileId: recording.fileId }, view.audience) }
      : {}),
  });
}
