/**
 * Cards for sharing a recording with a partner organisation: the form (the partner person's email,
 * the reason, how long), and the partner share card, whose buttons depend on the viewer: approvers
 * decide, the sharer and supervisors revoke or ask for download, admins allow or refuse download.
 */
import { formatDays, formatLondonDateTime } from '../footage/format';
import { MAX_REFRESH_USERS } from './approval';
import { card, container, facts, heading, labelledParagraph, notice, subtle } from './elements';
import { recordingBriefs } from './recording-view';
import type { AdaptiveCard, CardAction, CardElement, ContainerStyle } from './schema';
import { SHARING_INPUT_IDS as I, SHARING_VERBS, sharingAction, sharingRefresh } from './sharing-verbs';
import { safeLine, TEXT_LIMITS } from './text';
import type { RecordingSummary } from './view-models';

export interface PartnerFormView {
  formToken: string;
  recording: RecordingSummary;
  partner: { id: string; name: string; domains: string[] };
  caseReference: string | null;
  maxDays: number;
  defaultDays: number;
  error?: string;
  values?: { email?: string; reason?: string };
}

export function partnerFormCard(view: PartnerFormView): AdaptiveCard {
  const domains = view.partner.domains.map((d) => `@${d}`).join(', ');
  return card(
    [
      heading(`Share with ${safeLine(view.partner.name, TEXT_LIMITS.name)}`),
      ...(view.error ? [notice(safeLine(view.error, 300), 'attention')] : []),
      container(recordingBriefs([view.recording])),
      {
        type: 'Input.Text',
        id: I.email,
        label: `Email (${domains})`,
        isRequired: true,
        errorMessage: 'Give the email address.',
        maxLength: 254,
        ...(view.values?.email ? { value: view.values.email } : {}),
      },
      {
        type: 'Input.Text',
        id: I.reason,
        label: 'Reason',
        isRequired: true,
        errorMessage: 'Give the reason.',
        isMultiline: true,
        maxLength: 500,
        ...(view.values?.reason ? { value: view.values.reason } : {}),
      },
      {
        type: 'Input.Text',
        id: I.caseReference,
        label: 'Case reference',
        maxLength: 10,
        ...(view.caseReference ? { value: view.caseReference } : {}),
        placeholder: '5212345/26',
      },
      {
        type: 'Input.ChoiceSet',
        id: I.durationDays,
        label: `How long (at most ${formatDays(view.maxDays)})`,
        style: 'compact',
        value: String(Math.min(view.defaultDays, view.maxDays)),
        choices: Array.from({ length: Math.max(1, view.maxDays) }, (_, i) => ({
          title: formatDays(i + 1),
          value: String(i + 1),
        })),
      },
      subtle(
        'A supervisor must approve. The partner can watch in Box (watermarked) but not download; download needs an administrator’s approval.',
      ),
    ],
    {
      actions: [
        sharingAction(
          SHARING_VERBS.submitPartner,
          { formToken: view.formToken, fileId: view.recording.fileId, partnerId: view.partner.id },
          'Ask for approval',
          { style: 'positive' },
        ),
      ],
    },
  );
}

/** Which partner to share with, when the deployment knows several. */
export function partnerChoiceCard(view: {
  recording: RecordingSummary;
  partners: Array<{ id: string; name: string }>;
}): AdaptiveCard {
  return card(
    [
      heading('Share with a partner'),
      container(recordingBriefs([view.recording])),
      subtle('Pick the organisation; a supervisor approves before anything is shared.'),
    ],
    {
      actions: view.partners
        .slice(0, 5)
        .map((p) =>
          sharingAction(
            SHARING_VERBS.openPartner,
            { fileId: view.recording.fileId, partnerId: p.id },
            safeLine(p.name, TEXT_LIMITS.name),
          ),
        ),
    },
  );
}

export interface PartnerShareView {
  shareId: string;
  partnerName: string;
  email: string;
  sharer: string;
  recording: RecordingSummary;
  caseReference: string;
  reason: string;
  durationDays: number;
  status: 'pending' | 'rejected' | 'approved' | 'granting' | 'granted' | 'failed' | 'revoked' | 'expired';
  decidedBy: string | null;
  comment: string | null;
  expiresAt: Date | null;
  download: 'none' | 'requested' | 'approved' | 'rejected';
  downloadJustification: string | null;
  error: string | null;
  /** What the viewer may do, decided by the server. */
  may: { decide: boolean; revoke: boolean; askDownload: boolean; decideDownload: boolean };
  refreshUserIds: string[];
  problem?: string;
}

function statusOf(view: PartnerShareView): { text: string; style: ContainerStyle } {
  const by = view.decidedBy ? ` by ${safeLine(view.decidedBy, TEXT_LIMITS.name)}` : '';
  switch (view.status) {
    case 'pending':
      return { text: 'Waiting for a supervisor’s approval.', style: 'warning' };
    case 'rejected':
      return { text: `Rejected${by}.`, style: 'attention' };
    case 'approved':
    case 'granting':
      return { text: `Approved${by}. Access is being set up in Box.`, style: 'good' };
    case 'granted':
      return {
        text: `${view.download === 'approved' ? 'Can view and download' : 'Can view (watermarked), not download'} until ${view.expiresAt ? formatLondonDateTime(view.expiresAt) : '?'}.`,
        style: 'good',
      };
    case 'failed':
      return { text: `Access could not be set up: ${safeLine(view.error ?? 'Box refused.', 200)}`, style: 'attention' };
    case 'revoked':
      return { text: 'Access revoked.', style: 'default' };
    case 'expired':
      return { text: 'Access expired.', style: 'default' };
  }
}

export function partnerShareCard(view: PartnerShareView): AdaptiveCard {
  const status = statusOf(view);
  const body: CardElement[] = [
    heading(`Partner share: ${safeLine(view.partnerName, TEXT_LIMITS.name)}`),
    notice(status.text, status.style),
    ...(view.problem ? [notice(safeLine(view.problem, 300), 'attention')] : []),
    facts([
      ['Partner email', safeLine(view.email, 254)],
      ['Shared by', safeLine(view.sharer, TEXT_LIMITS.name)],
      ['Case', safeLine(view.caseReference, 20)],
      ['Duration asked', formatDays(view.durationDays)],
      [
        'Download',
        view.download === 'none'
          ? 'not asked'
          : view.download === 'requested'
            ? 'asked, waiting for an administrator'
            : view.download,
      ],
      ['Share id', view.shareId],
    ]),
    ...labelledParagraph('Reason', view.reason),
    ...(view.comment ? labelledParagraph('Comment', view.comment) : []),
    ...(view.downloadJustification ? labelledParagraph('Why download', view.downloadJustification) : []),
    container(recordingBriefs([view.recording]), { separator: true }),
  ];
  const actions: CardAction[] = [];
  if (view.may.decide) {
    body.push(
      {
        type: 'Input.ChoiceSet',
        id: I.durationDays,
        label: 'Duration',
        style: 'compact',
        value: String(view.durationDays),
        choices: Array.from({ length: view.durationDays }, (_, i) => ({
          title: formatDays(i + 1),
          value: String(i + 1),
        })),
      },
      { type: 'Input.Text', id: I.comment, label: 'Comment (required to reject)', isMultiline: true, maxLength: 500 },
    );
    actions.push(
      sharingAction(SHARING_VERBS.approvePartner, { shareId: view.shareId }, 'Approve', { style: 'positive' }),
      sharingAction(SHARING_VERBS.rejectPartner, { shareId: view.shareId }, 'Reject', { style: 'destructive' }),
    );
  }
  if (view.may.decideDownload) {
    actions.push(
      sharingAction(SHARING_VERBS.approveDownload, { shareId: view.shareId }, 'Allow download', { style: 'positive' }),
      sharingAction(SHARING_VERBS.rejectDownload, { shareId: view.shareId }, 'Refuse download', {
        style: 'destructive',
      }),
    );
  }
  if (view.may.askDownload) {
    actions.push({
      type: 'Action.ShowCard',
      title: 'Ask for download',
      card: {
        type: 'AdaptiveCard',
        body: [
          {
            type: 'Input.Text',
            id: I.justification,
            label: 'Why the partner must download',
            isRequired: true,
            errorMessage: 'Give the justification.',
            isMultiline: true,
            maxLength: 500,
          },
        ],
        actions: [sharingAction(SHARING_VERBS.requestDownload, { shareId: view.shareId }, 'Send to an administrator')],
      },
    });
  }
  if (view.may.revoke)
    actions.push(
      sharingAction(SHARING_VERBS.revokePartner, { shareId: view.shareId }, 'Revoke', {
        style: 'destructive',
        associatedInputs: 'None',
      }),
    );
  return card(body, {
    actions,
    ...(view.refreshUserIds.length > 0
      ? {
          refresh: sharingRefresh(
            SHARING_VERBS.refreshPartner,
            { shareId: view.shareId },
            [...new Set(view.refreshUserIds)].slice(0, MAX_REFRESH_USERS),
          ),
        }
      : {}),
  });
}
