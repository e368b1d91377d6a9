/**
 * The access request form as the server judges it. The card checks the same rules, but a client may
 * skip card validation and a forged invoke always does, so nothing the officer typed is trusted
 * until it passes here.
 */
import type { AccessLevel } from '../ports/store';

export const CASE_REFERENCE_PATTERN = /^\d{7}\/\d{2}$/;
export const MAX_REASON_CHARS = 500;
export const MAX_JUSTIFICATION_CHARS = 500;

export interface DurationPolicy {
  /** Longest access a request may ask for (and a supervisor may approve). */
  maxDurationDays: number;
  /** What the form proposes, and what an absent value means. */
  defaultDurationDays: number;
}

/** What the officer typed, trimmed; `durationDays` null when absent or not a whole number. */
export interface RequestFormInput {
  caseReference: string;
  reason: string;
  access: AccessLevel;
  justification: string;
  durationDays: number | null;
}

export interface ValidRequestForm {
  caseReference: string;
  reason: string;
  access: AccessLevel;
  downloadJustification: string | null;
  durationDays: number;
}

export type FormCheck = { ok: true; form: ValidRequestForm } | { ok: false; problem: string };

/** The first problem found, said so the officer knows what to change. */
export function checkRequestForm(input: RequestFormInput, policy: DurationPolicy): FormCheck {
  const caseReference = input.caseReference.trim();
  const reason = input.reason.trim();
  const justification = input.justification.trim();
  if (!CASE_REFERENCE_PATTERN.test(caseReference)) {
    return fail('Enter the case reference as seven digits, a slash and two digits, e.g. 5212345/26.');
  }
  if (reason === '') return fail('Give the reason you need the footage.');
  if (reason.length > MAX_REASON_CHARS)
    return fail(`Shorten the reason to at most ${MAX_REASON_CHARS} characters (it has ${reason.length}).`);
  if (input.access === 'download') {
    if (justification === '') return fail('Say why you need to download the footage, or choose view only.');
    if (justification.length > MAX_JUSTIFICATION_CHARS) {
      return fail(`Shorten the download justification to at most ${MAX_JUSTIFICATION_CHARS} characters.`);
    }
  }
  const durationDays = input.durationDays ?? policy.defaultDurationDays;
  if (!Number.isInteger(durationDays) || durationDays < 1 || durationDays > policy.maxDurationDays) {
    return fail(`Choose a duration from 1 to ${policy.maxDurationDays} days.`);
  }
  return {
    ok: true,
    form: {
      caseReference,
      reason,
      access: input.access,
      // A justification typed for view-only access is not kept: it would suggest download was asked for.
      downloadJustification: input.access === 'download' ? justification : null,
      durationDays,
    },
  };
}

function fail(problem: string): FormCheck {
  return { ok: false, problem };
}
