/**
 * Cards about one access request. They carry Teams' refresh (Universal Actions), so each
 * listed person's client fetches the view for them: approvers get Approve/Reject, the requester the
 * status, anyone else only that the request exists. Which view a person gets is decided by the server
 * from the store; these builders only draw it.
 */
import { countRecordings, formatDays, formatLondonDateTime } from '../footage/format';
import { card, container, execute, facts, heading, labelledParagraph, notice, subtle, text } from './elements';
import { recordingBriefs } from './recording-view';
import type { AdaptiveCard, CardElement, Choice, ContainerStyle, Refresh } from './schema';
import { safeLine, safeParagraph, TEXT_LIMITS } from './text';
import { CARD_VERBS, INPUT_IDS } from './verbs';
import type { RequestStatus, RequestView } from './view-models';

/** Teams gives user-specific views (automatic refresh) to at most 60 listed users. */
export const MAX_REFRESH_USERS = 60;

export interface RefreshOptions {
  /**
   * Teams user ids (MRIs, "29:…") whose clients fetch their own view: the requester first, then the
   * eligible approvers. Teams allows at most 60, so the list is cut there, keeping the requester.
   */
  refreshUserIds: string[];
}

export function requestRefresh(requestId: string, userIds: string[]): Refresh {
  return {
    action: execute(CARD_VERBS.refresh, { requestId }, 'Refresh'),
    userIds: [...new Set(userIds)].slice(0, MAX_REFRESH_USERS),
  };
}

const ACCESS_LABELS = { view: 'View only', download: 'Download' } as const;

/** Who asked, for what, and why: the same on every view. */
function requestDetails(view: RequestView): CardElement[] {
  const requester = view.requester.borough
    ? `${safeLine(view.requester.name, TEXT_LIMITS.name)} (${safeLine(view.requester.borough, TEXT_LIMITS.name)})`
    : safeLine(view.requester.name, TEXT_LIMITS.name);
  const body: CardElement[] = [
    heading(`Access request: ${countRecordings(view.recordings.length)}`),
    facts([
      ['Requested by', requester],
      ['Case', safeLine(view.caseReference, 20)],
      ['Access', ACCESS_LABELS[view.access]],
      ['Duration asked', formatDays(view.durationDays)],
      ['Requested', formatLondonDateTime(view.requestedAt)],
      // Supervisors name the request in `revoke <request id>`.
      ['Request id', safeLine(view.requestId, 64)],
    ]),
    ...labelledParagraph('Reason', view.reason),
  ];
  if (view.access === 'download' && view.justification) {
    body.push(...labelledParagraph('Why download', view.justification));
  }
  if (!view.requesterHasBoxUser) {
    body.push(
      notice('No Box user has this officer’s email, so nothing can be granted until one is created.', 'attention'),
    );
  }
  body.push(container(recordingBriefs(view.recordings), { separator: true }));
  return body;
}

/** One line saying where the request stands, coloured by outcome. */
export function statusLine(view: RequestView): { text: string; style: ContainerStyle } {
  const decidedBy = view.decision
    ? `${safeLine(view.decision.by, TEXT_LIMITS.name)} on ${formatLondonDateTime(view.decision.at)}`
    : 'a supervisor';
  switch (view.status) {
    case 'pending':
      return { text: 'Waiting for a supervisor’s decision.', style: 'warning' };
    case 'approved':
      return { text: `Approved by ${decidedBy}. Access is being set up in Box.`, style: 'good' };
    case 'granted':
      return {
        text: `Approved by ${decidedBy}.${view.expiresAt ? ` Access until ${formatLondonDateTime(view.expiresAt)}.` : ''}`,
        style: 'good',
      };
    case 'failed':
      return {
        text: `Approved by ${decidedBy}, but access could not be set up: ${safeLine(view.failure ?? 'Box did not complete the grant.')}`,
        style: 'attention',
      };
    case 'rejected':
      return { text: `Rejected by ${decidedBy}.`, style: 'attention' };
    case 'expired':
      return {
        text: `Access expired${view.expiresAt ? ` on ${formatLondonDateTime(view.expiresAt)}` : ''}.`,
        style: 'default',
      };
    case 'revoked':
      return {
        text: view.revocation
          ? `Access revoked by ${safeLine(view.revocation.by, TEXT_LIMITS.name)} on ${formatLondonDateTime(view.revocation.at)}.`
          : 'Access revoked.',
        style: 'default',
      };
  }
}

function statusBlock(view: RequestView): CardElement {
  const status = statusLine(view);
  return notice(status.text, status.style);
}

/** Status first, then the details: the cards that only inform. */
function informationCard(view: RequestView, options: RefreshOptions, notes: CardElement[]): AdaptiveCard {
  return card([statusBlock(view), ...notes, ...requestDetails(view)], {
    refresh: requestRefresh(view.requestId, options.refreshUserIds),
    fallbackText: statusLine(view).text,
  });
}

/** The requester's card: details and status, refreshed as the request moves on. */
export function requestStatusCard(view: RequestView, options: RefreshOptions): AdaptiveCard {
  const notes: CardElement[] = [];
  if (view.status === 'pending') {
    notes.push(
      subtle(
        view.noApproverReachable
          ? 'No supervisor could be reached just now: your request waits in the queue, and supervisors will see it under **approvals**.'
          : 'You will get a card with the link once a supervisor approves.',
      ),
    );
  }
  return informationCard(view, options, notes);
}

export interface ApproverViewOptions extends RefreshOptions {
  /** Shown above the buttons when the server sends the card back, e.g. "Give a reason to reject." */
  notice?: string;
}

const DURATION_STEPS = [1, 2, 3, 5, 7, 10, 14, 21, 30, 45, 60, 90];

/** Durations an approver may pick: the one asked for, or shorter. */
function durationChoices(requested: number): Choice[] {
  const shorter = DURATION_STEPS.filter((days) => days < requested);
  return [
    ...shorter.map((days) => ({ title: formatDays(days), value: String(days) })),
    { title: `${formatDays(requested)} (as asked)`, value: String(requested) },
  ];
}

export function approverView(view: RequestView, options: ApproverViewOptions): AdaptiveCard {
  const body: CardElement[] = [statusBlock(view), ...requestDetails(view)];
  if (options.notice) body.push(notice(safeLine(options.notice), 'attention'));
  body.push(
    {
      type: 'Input.ChoiceSet',
      id: INPUT_IDS.approvedDurationDays,
      label: 'Grant access for',
      style: 'compact',
      choices: durationChoices(view.durationDays),
      value: String(view.durationDays),
      separator: true,
    },
    {
      type: 'Input.Text',
      id: INPUT_IDS.decisionComment,
      label: 'Comment (required to reject)',
      isMultiline: true,
      maxLength: TEXT_LIMITS.paragraph,
    },
  );
  return card(body, {
    actions: [
      execute(CARD_VERBS.approve, { requestId: view.requestId }, 'Approve', { style: 'positive' }),
      execute(CARD_VERBS.reject, { requestId: view.requestId }, 'Reject', { style: 'destructive' }),
    ],
    refresh: requestRefresh(view.requestId, options.refreshUserIds),
    fallbackText: 'An access request is waiting for your decision.',
  });
}

export interface DecidedViewOptions extends RefreshOptions {
  /** Supervisors may end a live grant early from the card; the server re-checks who clicked. */
  canRevoke?: boolean;
}

/** After the decision every copy shows who decided, when (London time) and the comment. */
export function decidedView(view: RequestView, options: DecidedViewOptions): AdaptiveCard {
  const decision = view.decision;
  const body: CardElement[] = [statusBlock(view)];
  if (decision) {
    const decisionFacts = facts([
      ['Decided by', safeLine(decision.by, TEXT_LIMITS.name)],
      ['When', formatLondonDateTime(decision.at)],
      [
        'Granted for',
        decision.durationDays !== undefined && view.status !== 'rejected'
          ? decision.durationDays === view.durationDays
            ? formatDays(decision.durationDays)
            : `${formatDays(decision.durationDays)} (asked for ${formatDays(view.durationDays)})`
          : undefined,
      ],
    ]);
    body.push(decisionFacts);
    if (decision.comment) body.push(text(`**Comment:** ${safeParagraph(decision.comment)}`));
  }
  body.push(...requestDetails(view));
  const live = view.status === 'approved' || view.status === 'granted';
  const actions =
    options.canRevoke && live
      ? [execute(CARD_VERBS.revoke, { requestId: view.requestId }, 'Revoke access', { style: 'destructive' })]
      : [];
  return card(body, {
    actions,
    refresh: requestRefresh(view.requestId, options.refreshUserIds),
    fallbackText: statusLine(view).text,
  });
}

export type ApprovalViewer = 'approver' | 'requester' | 'other';

/** Where a request stands, in words that name nobody: all a restricted viewer is told. */
const RESTRICTED_STATUS: Readonly<Record<RequestStatus, string>> = {
  pending: 'Waiting for a decision.',
  approved: 'Decided.',
  granted: 'Decided.',
  failed: 'Decided.',
  rejected: 'Decided.',
  expired: 'Ended.',
  revoked: 'Ended.',
};

/**
 * What someone who neither asked nor may decide sees (and what a shared channel is sent): that the
 * request exists, and nothing of the case, the reason, the recordings or the people. "Show details"
 * asks the server again, which answers each clicker by their own role.
 */
export function restrictedView(
  view: Pick<RequestView, 'requestId' | 'status'>,
  options: ApproverViewOptions,
): AdaptiveCard {
  return card(
    [
      heading('Access request'),
      ...(options.notice ? [notice(safeLine(options.notice), 'good')] : []),
      text(RESTRICTED_STATUS[view.status]),
      subtle('Only the officer who asked, the people who may decide it and administrators can see its details.'),
      facts([['Request id', safeLine(view.requestId, 64)]]),
    ],
    {
      actions: [execute(CARD_VERBS.refresh, { requestId: view.requestId }, 'Show details')],
      refresh: requestRefresh(view.requestId, options.refreshUserIds),
      fallbackText: 'An access request.',
    },
  );
}

/**
 * The view for one viewer, as the refresh handler needs it: while pending by role, after the decision
 * the decided view for those who asked or may decide (with Revoke for approvers), and for anyone else
 * only that the request exists. `viewer` comes from the store, never the card.
 */
export function approvalCardFor(view: RequestView, viewer: ApprovalViewer, options: ApproverViewOptions): AdaptiveCard {
  if (viewer === 'other') return restrictedView(view, options);
  if (view.status !== 'pending')
    return decidedView(view, { refreshUserIds: options.refreshUserIds, canRevoke: viewer === 'approver' });
  if (viewer === 'approver') return approverView(view, options);
  return requestStatusCard(view, options);
}
