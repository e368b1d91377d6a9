/**
 * The access flow in Teams: the card buttons of requests, approvals and grants. Typed commands
 * (request, my requests, approvals, revoke, the approvals channel) reach their handlers through the
 * command table; proactive messages go out through the notifier.
 */
import type { Application, TurnState } from '@microsoft/teams-ai';
import { CARD_VERBS } from '../../cards';
import { requestTarget } from '../../footage/access';
import { onCardAction, type UnreadableAction } from '../card-actions';
import type { TeamsServices } from '../deps';
import { decide } from './decide';
import { refusalAnswer, type AccessRouteDeps } from './deps';
import { openForm } from './open-form';
import { refresh } from './refresh';
import { revokeButton } from './revoke-button';
import { submit } from './submit';

export type { AccessRouteDeps } from './deps';

export function register(app: Application<TurnState>, services: TeamsServices): void {
  const deps = services.access;
  const unreadable = refuseUnreadable(deps);
  onCardAction(app, CARD_VERBS.requestAccess, (turn) => openForm(deps, turn), unreadable);
  onCardAction(app, CARD_VERBS.submitRequest, (turn) => submit(deps, turn), unreadable);
  onCardAction(app, CARD_VERBS.approve, (turn) => decide(deps, turn), unreadable);
  onCardAction(app, CARD_VERBS.reject, (turn) => decide(deps, turn), unreadable);
  onCardAction(app, CARD_VERBS.refresh, (turn) => refresh(deps, turn), unreadable);
  onCardAction(app, CARD_VERBS.revoke, (turn) => revokeButton(deps, turn), unreadable);
}

/** A malformed or forged payload is refused, and the refusal audited like any other. */
function refuseUnreadable(deps: AccessRouteDeps): UnreadableAction {
  return async ({ person, verb, data, reason }) => {
    const refusal = await deps.service.refuse(person, targetOf(data), verb, {
      code: 'invalid_action',
      message: `That button's data could not be read (${reason}). Nothing was changed.`,
    });
    return refusalAnswer(refusal);
  };
}

function targetOf(data: unknown): string {
  const requestId = typeof data === 'object' && data !== null ? (data as Record<string, unknown>).requestId : undefined;
  return typeof requestId === 'string' && /^[A-Za-z0-9-]{1,64}$/.test(requestId) ? requestTarget(requestId) : 'card';
}
