/**
 * A footage request as the officer sees it: the upload link per camera, when it closes, a message
 * ready to send the owner, and Cancel / Extend while the link is open (re-authorised on the server).
 * Also the officer's list of requests.
 */
import { formatLondonDateTime, formatLondonWindow } from '../footage/format';
import { MAX_REFRESH_USERS } from './approval';
import { actionSet, card, container, execute, facts, heading, notice, openUrl, subtle, text } from './elements';
import type { AdaptiveCard, CardElement, ShowCardAction } from './schema';
import { safeLine, safeParagraph } from './text';
import { CARD_VERBS } from './verbs';

export interface FootageRequestCameraView {
  cameraId: string;
  cameraName: string;
  owner: string;
  /** Where this camera's message goes: each camera's owner gets its own. */
  ownerEmail: string;
  uploadUrl: string | null;
  /** Plain text for the owner (email or text message); null until the link exists. */
  ownerMessage: string | null;
  /** The owner's submission arrived and this camera's link was closed (one submission per link). */
  linkClosed: boolean;
}

export interface FootageRequestView {
  requestId: string;
  caseReference: string;
  windowStart: Date;
  windowEnd: Date;
  expiresAt: Date;
  /** "waiting for the owner to upload", "2 files received", "cancelled"... */
  statusLabel: string;
  open: boolean;
  cameras: FootageRequestCameraView[];
  /** A line above everything else: what just happened, or why an action was refused. */
  notice?: { text: string; style: 'good' | 'attention' | 'default' };
  /**
   * Teams users whose clients fetch the card's current state each time they show it (Universal
   * Actions refresh): a link card seen after the owner's submission says complete, not waiting.
   */
  refreshUserIds?: string[];
}

export function footageRequestCard(view: FootageRequestView): AdaptiveCard {
  const body: CardElement[] = [heading(`Footage request ${view.requestId}`)];
  if (view.notice) body.push(notice(safeLine(view.notice.text, 300), view.notice.style));
  body.push(
    facts([
      ['Case', safeLine(view.caseReference, 20)],
      ['Window', formatLondonWindow(view.windowStart, view.windowEnd)],
      [view.open ? 'Link open until' : 'Link closed', view.open ? formatLondonDateTime(view.expiresAt) : null],
      ['Status', safeLine(view.statusLabel, 80)],
    ]),
  );
  for (const camera of view.cameras) body.push(cameraSection(camera, view.open));
  const actions = view.open
    ? [
        execute(CARD_VERBS.footageRequestExtend, { requestId: view.requestId }, 'Extend by 7 days', {
          associatedInputs: 'None',
        }),
        execute(CARD_VERBS.footageRequestCancel, { requestId: view.requestId }, 'Cancel', {
          style: 'destructive',
          associatedInputs: 'None',
        }),
      ]
    : [];
  return card(body, {
    actions,
    fallbackText: `Footage request ${view.requestId}: ${view.statusLabel}.`,
    ...(view.refreshUserIds && view.refreshUserIds.length > 0
      ? {
          refresh: {
            action: execute(CARD_VERBS.footageRequestRefresh, { requestId: view.requestId }, 'Refresh'),
            userIds: view.refreshUserIds.slice(0, MAX_REFRESH_USERS),
          },
        }
      : {}),
  });
}

function cameraSection(camera: FootageRequestCameraView, open: boolean): CardElement {
  const items: CardElement[] = [
    text(`**${safeLine(camera.cameraId, 20)}** ${safeLine(camera.cameraName, 80)}`),
    subtle(`${safeLine(camera.owner, 120)} · ${safeLine(camera.ownerEmail, 254)}`),
  ];
  if (!camera.uploadUrl) {
    items.push(subtle('The upload link could not be made yet: send the form again to finish it.'));
  } else if (camera.linkClosed) {
    items.push(subtle('Footage received: this upload link is closed (one submission per link).'));
  } else if (open) {
    items.push(subtle(`Upload link: ${safeLine(camera.uploadUrl, 300)}`));
    const actions: Array<ReturnType<typeof openUrl> | ShowCardAction> = [openUrl(camera.uploadUrl, 'Open upload page')];
    if (camera.ownerMessage) {
      actions.push({
        type: 'Action.ShowCard',
        title: 'Message for the owner',
        card: {
          type: 'AdaptiveCard',
          body: [
            subtle(`Copy this into an email to ${safeLine(camera.ownerEmail, 254)} or a text message:`),
            text(safeParagraph(camera.ownerMessage, 2000)),
          ],
        },
      });
    }
    items.push(actionSet(actions));
  }
  return container(items, { separator: true, spacing: 'medium' });
}

export interface FootageRequestListItem {
  requestId: string;
  caseReference: string;
  cameraIds: string[];
  windowStart: Date;
  windowEnd: Date;
  statusLabel: string;
  createdAt: Date;
}

export function footageRequestListCard(items: FootageRequestListItem[], footnote?: string): AdaptiveCard {
  const body: CardElement[] = [heading('Your footage requests')];
  if (items.length === 0) {
    body.push(
      text(
        'You have not asked any camera owner for footage yet. Try: request footage from camera LAM-0105 on 03/03/2026 between 2pm and 4pm for case 5274265/26',
      ),
    );
  }
  for (const item of items) {
    body.push(
      container(
        [
          text(
            `**${safeLine(item.requestId, 20)}** · case ${safeLine(item.caseReference, 20)} · ${item.cameraIds.map((id) => safeLine(id, 20)).join(', ')}`,
          ),
          subtle(`${formatLondonWindow(item.windowStart, item.windowEnd)} · ${safeLine(item.statusLabel, 80)}`),
          subtle(`Asked ${formatLondonDateTime(item.createdAt)}`),
        ],
        { separator: true },
      ),
    );
  }
  if (footnote) body.push(subtle(safeLine(footnote, 200)));
  return card(body, { fallbackText: 'Your footage requests.' });
}
