/**
 * The inputs that describe a piece of footage the same way wherever it is asked for (a file
 * attached in the chat, a request to a camera owner): when it was recorded and the case it is for.
 * One place, so both forms send the same ids and the domain reads them with the same checks.
 */
import { CASE_REFERENCE_REGEX } from './request-form';
import type { CardInput, DateInput, TextInput, TimeInput } from './schema';
import { truncate } from './text';
import { INPUT_IDS } from './verbs';

/** A prefilled value, cut to what the input accepts; no `value` at all when there is nothing to show. */
export function initial(value: string | undefined, max = 100): { value?: string } {
  return value ? { value: truncate(value, max) } : {};
}

/** Date, from, to and the optional end date, in London wall-clock time. */
export function footageWindowInputs(
  values: { date?: string; from?: string; to?: string; endDate?: string },
  dateLabel: string,
): Array<DateInput | TimeInput> {
  return [
    {
      type: 'Input.Date',
      id: INPUT_IDS.footageDate,
      label: dateLabel,
      isRequired: true,
      errorMessage: 'Choose the date of the footage.',
      ...initial(values.date),
    },
    {
      type: 'Input.Time',
      id: INPUT_IDS.footageFrom,
      label: 'From',
      isRequired: true,
      errorMessage: 'Give the start time.',
      ...initial(values.from),
    },
    {
      type: 'Input.Time',
      id: INPUT_IDS.footageTo,
      label: 'To (an earlier time means the next day)',
      isRequired: true,
      errorMessage: 'Give the end time.',
      ...initial(values.to),
    },
    {
      type: 'Input.Date',
      id: INPUT_IDS.footageEndDate,
      label: 'End date, if not the start date or the next day',
      ...initial(values.endDate),
    },
  ];
}

/** The case reference, checked by the client against the force's format before it is sent. */
export function caseReferenceInput(value: string | undefined, extra: Pick<CardInput, 'separator'> = {}): TextInput {
  return {
    type: 'Input.Text',
    id: INPUT_IDS.caseReference,
    label: 'Case reference',
    placeholder: 'e.g. 5274265/26',
    regex: CASE_REFERENCE_REGEX,
    maxLength: 10,
    isRequired: true,
    errorMessage: 'Enter the case reference as seven digits, a slash and two digits, e.g. 5274265/26.',
    ...initial(value, 10),
    ...extra,
  };
}
