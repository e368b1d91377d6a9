/**
 * Cards for sharing recordings with colleagues: the form with a people picker (Teams' typeahead over
 * the roster through `Data.Query`, with the roster as a static list for clients without it), and the
 * share card whose views differ by viewer (approvers pick whom to approve, everyone else sees where
 * each person stands). Every copy refreshes itself through Universal Actions.
 */
import { countRecordings, formatDays, formatLondonDateTime } from '../footage/format';
import { MAX_REFRESH_USERS } from './approval';
import { card, container, facts, heading, labelledParagraph, notice, subtle, text } from './elements';
import { recordingBriefs } from './recording-view';
import type { AdaptiveCard, CardElement, ChoiceSetInput, ContainerStyle } from './schema';
import { SHARING_INPUT_IDS as I, SHARING_VERBS, sharingAction, sharingRefresh } from './sharing-verbs';
import { safeLine, TEXT_LIMITS } from './text';
import type { RecordingSummary } from './view-models';

/** The dataset the people picker asks the bot for (`application/search`). */
export const ROSTER_DATASET = 'roster';

export interface PersonChoice {
  /** Entra object id: what comes back in the answer. */
  id: string;
  name: string;
}

/** A multi-select people picker: typeahead where Teams supports it, the listed people otherwise. */
export function peoplePicker(id: string, label: string, fallback: PersonChoice[]): ChoiceSetInput {
  const input: ChoiceSetInput & { 'choices.data': { type: 'Data.Query'; dataset: string } } = {
    type: 'Input.ChoiceSet',
    id,
    label,
    isMultiSelect: true,
    style: 'compact',
    isRequired: true,
    errorMessage: 'Pick at least one colleague.',
    choices: fallback.map((p) => ({ title: safeLine(p.name, TEXT_LIMITS.name), value: p.id })),
    'choices.data': { type: 'Data.Query', dataset: ROSTER_DATASET },
  };
  return input;
}

export interface ShareFormView {
  formToken: string;
  recordings: RecordingSummary[];
  /** The roster minus the sharer, for clients without typeahead. */
  colleagues: PersonChoice[];
  maxDays: number;
  defaultDays: number;
  error?: string;
}

export function shareFormCard(view: ShareFormView): AdaptiveCard {
  const dayChoices = Array.from({ length: Math.max(1, view.maxDays) }, (_, i) => ({
    title: formatDays(i + 1),
    value: String(i + 1),
  }));
  return card(
    [
      heading(`Share ${countRecordings(view.recordings.length)} with colleagues`),
      ...(view.error ? [notice(safeLine(view.error, 300), 'attention')] : []),
      container(recordingBriefs(view.recordings)),
      peoplePicker(I.recipients, 'Colleagues', view.colleagues),
      {
        type: 'Input.Text',
        id: I.reason,
        label: 'Why they need it',
        isMultiline: true,
        maxLength: 500,
        placeholder: 'e.g. Reviewing for the identification parade',
      },
      {
        type: 'Input.Text',
        id: I.caseReference,
        label: 'Case reference (if not the one your access was granted for)',
        maxLength: 10,
        placeholder: '5212345/26',
      },
      {
        type: 'Input.ChoiceSet',
        id: I.durationDays,
        label: `How long (at most ${formatDays(view.maxDays)})`,
        style: 'compact',
        value: String(Math.min(view.defaultDays, view.maxDays)),
        choices: dayChoices,
      },
      subtle('A supervisor approves each colleague; nobody gets longer or stronger access than you hold.'),
    ],
    {
      actions: [
        sharingAction(
          SHARING_VERBS.submitShare,
          { formToken: view.formToken, fileIds: view.recordings.map((r) => r.fileId) },
          'Share',
          { style: 'positive' },
        ),
      ],
    },
  );
}

export type MemberState = 'pending' | 'approved' | 'granted' | 'rejected' | 'failed' | 'expired' | 'revoked';

export interface ShareMemberView {
  id: string;
  name: string;
  state: MemberState;
  expiresAt: Date | null;
}

export interface ShareCardView {
  groupId: string;
  sharer: string;
  recordings: RecordingSummary[];
  caseReference: string;
  reason: string;
  access: 'view' | 'download';
  durationDays: number;
  direct: boolean;
  members: ShareMemberView[];
  decidedBy: string | null;
  refreshUserIds: string[];
  /** The viewer may decide (supervisor or admin, not the sharer) and someone is still waiting. */
  canDecide: boolean;
  problem?: string;
}

const STATE_WORDS: Record<MemberState, string> = {
  pending: 'waiting for approval',
  approved: 'approved, access being set up',
  granted: 'has access',
  rejected: 'not approved',
  failed: 'approved, but access could not be set up',
  expired: 'access expired',
  revoked: 'access revoked',
};

export function shareCard(view: ShareCardView): AdaptiveCard {
  const lines = view.members.map(
    (m) =>
      `${safeLine(m.name, TEXT_LIMITS.name)}: ${STATE_WORDS[m.state]}${m.expiresAt && (m.state === 'granted' || m.state === 'approved') ? ` until ${formatLondonDateTime(m.expiresAt)}` : ''}`,
  );
  const pending = view.members.filter((m) => m.state === 'pending');
  const status: { text: string; style: ContainerStyle } =
    pending.length > 0
      ? {
          text: `Waiting for a supervisor to decide ${pending.length === 1 ? '1 colleague' : `${pending.length} colleagues`}.`,
          style: 'warning',
        }
      : {
          text: view.direct
            ? `Shared directly by ${safeLine(view.sharer, TEXT_LIMITS.name)}.`
            : `Decided${view.decidedBy ? ` by ${safeLine(view.decidedBy, TEXT_LIMITS.name)}` : ''}.`,
          style: 'good',
        };
  const body: CardElement[] = [
    heading(`Share: ${countRecordings(view.recordings.length)}`),
    notice(status.text, status.style),
    ...(view.problem ? [notice(safeLine(view.problem, 300), 'attention')] : []),
    facts([
      ['Shared by', safeLine(view.sharer, TEXT_LIMITS.name)],
      ['Case', safeLine(view.caseReference, 20)],
      ['Access', view.access === 'download' ? 'View and download' : 'View only'],
      ['Duration asked', formatDays(view.durationDays)],
      ['Share id', view.groupId],
    ]),
    ...labelledParagraph('Reason', view.reason),
    text(lines.map((l) => `- ${l}`).join('\n')),
    container(recordingBriefs(view.recordings), { separator: true }),
  ];
  const actions = [];
  if (view.canDecide && pending.length > 0) {
    body.push(
      {
        type: 'Input.ChoiceSet',
        id: I.approveIds,
        label: 'Approve',
        isMultiSelect: true,
        style: 'expanded',
        value: pending.map((m) => m.id).join(','),
        choices: pending.map((m) => ({ title: safeLine(m.name, TEXT_LIMITS.name), value: m.id })),
      },
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
      {
        type: 'Input.Text',
        id: I.comment,
        label: 'Comment (the reason, for anyone not approved)',
        isMultiline: true,
        maxLength: 500,
      },
    );
    actions.push(sharingAction(SHARING_VERBS.decideShare, { groupId: view.groupId }, 'Decide', { style: 'positive' }));
  }
  return card(body, {
    actions,
    ...(view.refreshUserIds.length > 0
      ? {
          refresh: sharingRefresh(
            SHARING_VERBS.refreshShare,
            { groupId: view.groupId },
            [...new Set(view.refreshUserIds)].slice(0, MAX_REFRESH_USERS),
          ),
        }
      : {}),
  });
}
