/**
 * The access request form. The card checks what it can (required fields, the case
 * reference format, lengths); the domain checks all of it again on submit, because a client may
 * skip card validation and a forged invoke skips it always.
 */
import { countRecordings, formatDays } from '../footage/format';
import { card, execute, heading, notice, subtle } from './elements';
import { recordingBriefs } from './recording-view';
import type { AdaptiveCard, CardElement } from './schema';
import { safeLine, truncate } from './text';
import { CARD_VERBS, INPUT_IDS, type AccessLevel } from './verbs';
import type { RecordingSummary } from './view-models';

/** Seven digits, a slash, two digits (e.g. 5212345/26), as the card's regex. */
export const CASE_REFERENCE_REGEX = '^[0-9]{7}/[0-9]{2}$';
export const REASON_MAX_CHARS = 500;
export const JUSTIFICATION_MAX_CHARS = 500;

export interface RequestFormValues {
  caseReference: string;
  reason: string;
  access: AccessLevel;
  justification: string;
  durationDays: number;
}

export interface RequestFormView {
  recordings: RecordingSummary[];
  defaults: { durationDays: number };
  maxDurationDays: number;
  /** Idempotency key: the same form submitted twice makes one request. */
  formToken: string;
  /** What the officer typed, when the form comes back with a problem to fix. */
  values?: Partial<RequestFormValues>;
  /** What to fix, said by the server after it re-checked the form. */
  error?: string;
}

export function requestFormCard(view: RequestFormView): AdaptiveCard {
  const values = view.values ?? {};
  const duration = Math.min(Math.max(1, values.durationDays ?? view.defaults.durationDays), view.maxDurationDays);
  const body: CardElement[] = [
    heading(`Request access to ${countRecordings(view.recordings.length)}`),
    ...recordingBriefs(view.recordings),
  ];
  if (view.error) body.push(notice(safeLine(view.error), 'attention'));
  body.push(
    {
      type: 'Input.Text',
      id: INPUT_IDS.caseReference,
      label: 'Case reference',
      placeholder: 'e.g. 5212345/26',
      regex: CASE_REFERENCE_REGEX,
      maxLength: 10,
      isRequired: true,
      errorMessage: 'Enter the case reference as seven digits, a slash and two digits, e.g. 5212345/26.',
      ...initial(values.caseReference, 10),
      separator: true,
    },
    {
      type: 'Input.Text',
      id: INPUT_IDS.reason,
      label: `Reason (at most ${REASON_MAX_CHARS} characters)`,
      placeholder: 'What the footage is needed for',
      isMultiline: true,
      maxLength: REASON_MAX_CHARS,
      isRequired: true,
      errorMessage: `Give a reason of at most ${REASON_MAX_CHARS} characters.`,
      ...initial(values.reason, REASON_MAX_CHARS),
    },
    {
      type: 'Input.ChoiceSet',
      id: INPUT_IDS.access,
      label: 'Access',
      style: 'expanded',
      choices: [
        { title: 'View only', value: 'view' },
        { title: 'Download (give a justification below)', value: 'download' },
      ],
      value: values.access ?? 'view',
      isRequired: true,
      errorMessage: 'Choose view only or download.',
    },
    {
      type: 'Input.Text',
      id: INPUT_IDS.justification,
      label: 'Why download is needed (required for download)',
      isMultiline: true,
      maxLength: JUSTIFICATION_MAX_CHARS,
      ...initial(values.justification, JUSTIFICATION_MAX_CHARS),
    },
    {
      type: 'Input.Number',
      id: INPUT_IDS.durationDays,
      label: `Duration in days (at most ${view.maxDurationDays})`,
      min: 1,
      max: view.maxDurationDays,
      value: duration,
      isRequired: true,
      errorMessage: `Enter a number of days from 1 to ${view.maxDurationDays}.`,
    },
    subtle(
      `A supervisor from your borough decides. Access lasts ${formatDays(duration)} unless you or they shorten it.`,
    ),
  );
  return card(body, {
    actions: [
      execute(
        CARD_VERBS.submitRequest,
        { formToken: view.formToken, fileIds: view.recordings.map((r) => r.fileId) },
        'Send request',
        { style: 'positive' },
      ),
    ],
    fallbackText: 'Request access to CCTV footage.',
  });
}

/** Input values are shown verbatim (inputs render no Markdown), only bounded. */
function initial(value: string | undefined, max: number): { value?: string } {
  return value ? { value: truncate(value, max) } : {};
}
