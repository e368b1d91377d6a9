/**
 * Who may cancel or extend a footage request, decided from the roster and the stored request only
 * (never from what a card says): the officer who asked, a supervisor of that officer's borough, or
 * an administrator.
 */
import type { Person } from '../people';
import { describeFootageStatus } from './status';
import { OPEN_STATUSES, type FootageRequest } from './types';

export type FootageRefusalCode = 'not_found' | 'not_allowed' | 'not_open' | 'too_long';

export interface FootageRefusal {
  code: FootageRefusalCode;
  /** Safe to show to the person who acted. */
  message: string;
}

export type ManageCheck = { ok: true } | { ok: false; refusal: FootageRefusal };

/** `requester` is the roster record of the officer who asked (undefined if they left the roster). */
export function canManage(person: Person, request: FootageRequest, requester: Person | undefined): boolean {
  if (person.aadObjectId === request.requesterAadObjectId) return true;
  if (person.role === 'admin') return true;
  return (
    person.role === 'supervisor' &&
    requester !== undefined &&
    requester.borough !== null &&
    requester.borough === person.borough
  );
}

export function checkManage(
  person: Person,
  request: FootageRequest | undefined,
  requester: Person | undefined,
  action: 'cancel' | 'extend',
): ManageCheck {
  if (!request) return refuse('not_found', 'That footage request does not exist (any more).');
  if (!canManage(person, request, requester)) {
    return refuse(
      'not_allowed',
      `Only the officer who asked, their supervisors or an administrator can ${action} this footage request.`,
    );
  }
  if (!OPEN_STATUSES.includes(request.status)) {
    const closed = `The upload link is already closed: the request is ${describeFootageStatus(request)}.`;
    // Each link takes one submission; reopening a complete request's links would take a second.
    const more =
      request.status === 'complete' && action === 'extend'
        ? ' Each upload link takes one submission; if the owner has more footage, make a new request.'
        : '';
    return refuse('not_open', closed + more);
  }
  return { ok: true };
}

function refuse(code: FootageRefusalCode, message: string): { ok: false; refusal: FootageRefusal } {
  return { ok: false, refusal: { code, message } };
}
