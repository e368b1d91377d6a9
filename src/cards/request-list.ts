/**
 * Lists of access requests: `my requests` for an officer, and the summary line of
 * `approvals` when there is nothing to decide. One card for the whole list, so a long history is
 * one message rather than a flood of cards.
 */
import { countRecordings, formatLondonDateTime } from '../footage/format';
import { statusLine } from './approval';
import { card, container, facts, heading, notice, subtle, text } from './elements';
import type { AdaptiveCard, CardElement } from './schema';
import { cardParagraph, plainText, safeLine, TEXT_LIMITS, type CardText } from './text';
import type { RequestView } from './view-models';

export interface RequestListView {
  title: string;
  requests: RequestView[];
  /** Said when the list is empty. */
  emptyText: CardText;
  /** E.g. "Showing your 10 most recent requests." */
  footnote?: string;
}

export function requestListCard(view: RequestListView): AdaptiveCard {
  const body: CardElement[] = [heading(safeLine(view.title))];
  if (view.requests.length === 0) body.push(text(cardParagraph(view.emptyText, TEXT_LIMITS.shortLine)));
  view.requests.forEach((request, index) => {
    const status = statusLine(request);
    body.push(
      container(
        [
          text(`**${safeLine(request.caseReference, 20)}** · ${countRecordings(request.recordings.length)}`),
          notice(status.text, status.style),
          facts([
            ['Requested', formatLondonDateTime(request.requestedAt)],
            ['Request id', safeLine(request.requestId, 64)],
          ]),
        ],
        { separator: index > 0, spacing: 'medium' },
      ),
    );
  });
  if (view.footnote) body.push(subtle(safeLine(view.footnote)));
  return card(body, {
    fallbackText: view.requests.length === 0 ? plainText(view.emptyText) : `${view.title}: ${view.requests.length}`,
  });
}
