/**
 * Asking camera owners for footage, in Teams: the form and link card actions. The typed commands
 * (`request footage ...`, `ask the owner of ...`, `my footage requests`) reach their handlers through
 * the command table (commands/footage-request-commands.ts).
 */
import type { Application, TurnState } from '@microsoft/teams-ai';
import { CARD_VERBS, refusalCard } from '../../cards';
import { onCardAction, type UnreadableAction } from '../card-actions';
import type { TeamsServices } from '../deps';
import { cancelRequest, extendRequest, refreshRequest } from './change';
import { openForm } from './open-form';
import { submitForm } from './submit';

export type { FootageRequestRouteDeps } from './deps';
export { createFootageRequestFeature, type FootageRequestFeature, type FootageRequestFeatureOptions } from './feature';
export { classifyFootageRequestText } from './text';

export function register(app: Application<TurnState>, services: TeamsServices): void {
  const deps = services.footageRequests;
  if (!deps) return;
  onCardAction(app, CARD_VERBS.footageRequestOpen, async ({ action }) => openForm(deps, action), unreadable);
  onCardAction(
    app,
    CARD_VERBS.footageRequestSubmit,
    ({ person, action }) => submitForm(deps, person, action),
    unreadable,
  );
  onCardAction(
    app,
    CARD_VERBS.footageRequestCancel,
    ({ person, action }) => cancelRequest(deps, person, action.requestId),
    unreadable,
  );
  onCardAction(
    app,
    CARD_VERBS.footageRequestExtend,
    ({ person, action }) => extendRequest(deps, person, action.requestId),
    unreadable,
  );
  onCardAction(
    app,
    CARD_VERBS.footageRequestRefresh,
    ({ person, action }) => refreshRequest(deps, person, action.requestId),
    unreadable,
  );
}

const unreadable: UnreadableAction = async ({ reason }) =>
  refusalCard({ reason: `That button's data could not be read (${reason}). Nothing was changed.` });
