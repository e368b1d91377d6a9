import { randomUUID } from 'node:crypto';
import type { TurnContext } from 'botbuilder';
import type { Application, TurnState } from '@microsoft/teams-ai';
import { CARD_VERBS, parseCardAction, type AdaptiveCard, type ParsedCardAction } from '../../cards';
import { requestTarget } from '../../footage/access';
import type { Person } from '../../footage/people';
import { personOf } from '../person';
import { answerActionWithCard, answerActionWithMessage, scopeOf, sendCard } from '../turn-helpers';
import { notFoundCard, orBoxUnavailable, recordCopy, refusalAnswer, requestForm, type AccessRouteDeps } from './deps';

/**
 * The Universal Actions of the access flow (Action.Execute verbs). Every answer is a card in the
 * invoke response, including refusals, so Teams never shows its own "something went wrong". What
 * the card data says is only a claim: ids are looked up and every rule re-checked in the domain.
 */
type Verb = ParsedCardAction['verb'];
type ActionOf<V extends Verb> = Extract<ParsedCardAction, { verb: V }>;

export function registerAccessActions(app: Application<TurnState>, deps: AccessRouteDeps): void {
  on(app, deps, CARD_VERBS.requestAccess, openForm);
  on(app, deps, CARD_VERBS.submitRequest, submit);
  on(app, deps, CARD_VERBS.approve, (d, c, p, a) => decide(d, c, p, a.requestId, { decision: 'approved', comment: a.comment, durationDays: a.durationDays }));
  on(app, deps, CARD_VERBS.reject, (d, c, p, a) => decide(d, c, p, a.requestId, { decision: 'rejected', comment: a.comment, durationDays: null }));
  on(app, deps, CARD_VERBS.refresh, refresh);
  on(app, deps, CARD_VERBS.revoke, revoke);
}

/**
 * Registers one verb: parses the data (a malformed or forged payload is refused and audited), then
 * answers with the handler's card unless the handler answered itself.
 */
function on<V extends Verb>(
  app: Application<TurnState>,
  deps: AccessRouteDeps,
  verb: V,
  handler: (deps: AccessRouteDeps, context: TurnContext, person: Person, action: ActionOf<V>) => Promise<AdaptiveCard | null>,
): void {
  app.adaptiveCards.actionExecute(verb, async (context, _state, data) => {
    const person = personOf(context);
    const parsed = parseCardAction(verb, data);
    const card = parsed.ok && parsed.action.verb === verb
      ? await orBoxUnavailable(() => handler(deps, context, person, parsed.action as ActionOf<V>))
      : refusalAnswer(await deps.service.refuse(person, targetOf(data), verb, { code: 'invalid_action', message: `That button's data could not be read (${parsed.ok ? 'wrong action' : parsed.reason}). Nothing was changed.` }));
    // Null: the handler answered the invoke itself.
    if (card) await answerActionWithCard(context, card);
    return card ?? 'answered';
  });
}

function targetOf(data: unknown): string {
  const requestId = typeof data === 'object' && data !== null ? (data as Record<string, unknown>).requestId : undefined;
  return typeof requestId === 'string' && /^[A-Za-z0-9-]{1,64}$/.test(requestId) ? requestTarget(requestId) : 'card';
}

/** The form goes out as a new message, so the results card it came from stays as it was. */
async function openForm(deps: AccessRouteDeps, context: TurnContext, _person: Person, action: ActionOf<'request.open'>): Promise<AdaptiveCard | null> {
  const { found, missing } = await deps.catalog.getMany(action.fileIds);
  if (found.length === 0) return notFoundCard('Those recordings are no longer in Box, so access cannot be requested. Search again for what is there now.');
  const error = missing.length > 0 ? `${missing.length} of the recordings picked could not be found in Box and were left out.` : undefined;
  await sendCard(context, requestForm(deps, found, { formToken: randomUUID(), ...(error ? { error } : {}) }));
  await answerActionWithMessage(context, 'Fill in the request form below.');
  return null;
}

async function submit(deps: AccessRouteDeps, context: TurnContext, person: Person, action: ActionOf<'request.submit'>): Promise<AdaptiveCard> {
  // The refresh list names people by Teams id: learn the requester's from this very activity.
  const teamsId = context.activity.from?.id;
  if (teamsId && !person.teamsId) await deps.store.people.setTeamsId(person.aadObjectId, teamsId);
  const outcome = await deps.service.submit(person, {
    formToken: action.formToken,
    fileIds: action.fileIds,
    form: { caseReference: action.caseReference, reason: action.reason, access: action.access, justification: action.justification, durationDays: action.durationDays },
  });
  switch (outcome.kind) {
    case 'unknown_recordings':
      return notFoundCard('Some of the recordings in this form are no longer in Box, so the request was not sent. Search again and request what is there now.');
    case 'invalid':
      return requestForm(deps, outcome.recordings, {
        formToken: action.formToken,
        error: outcome.problem,
        values: {
          caseReference: action.caseReference,
          reason: action.reason,
          access: action.access,
          justification: action.justification,
          ...(action.durationDays === null ? {} : { durationDays: action.durationDays }),
        },
      });
    case 'submitted':
      // The answer replaces the form: that message becomes the officer's status card.
      await recordCopy(deps, context, outcome.request.id, 'status', context.activity.replyToId, person.aadObjectId);
      return deps.views.cardFor(outcome.request, 'requester');
  }
}

async function decide(
  deps: AccessRouteDeps,
  context: TurnContext,
  person: Person,
  requestId: string,
  input: { decision: 'approved' | 'rejected'; comment: string; durationDays: number | null },
): Promise<AdaptiveCard> {
  const outcome = await deps.service.decide(person, { requestId, ...input });
  switch (outcome.kind) {
    case 'refused':
      return refusalAnswer(outcome.refusal);
    case 'fix_comment':
      return deps.views.cardFor(outcome.request, 'approver', outcome.problem);
    case 'decided':
      if (context.activity.replyToId) {
        await recordCopy(deps, context, requestId, 'approval', context.activity.replyToId, scopeOf(context) === 'personal' ? person.aadObjectId : null);
      }
      return deps.views.cardFor(outcome.request, deps.service.viewerRole(person, outcome.request));
  }
}

/** Teams asks for the viewer's own view (Universal Actions refresh): decided from the roster and the store. */
async function refresh(deps: AccessRouteDeps, _context: TurnContext, person: Person, action: ActionOf<'request.refresh'>): Promise<AdaptiveCard> {
  const request = await deps.store.requests.get(action.requestId);
  if (!request) return refusalAnswer({ code: 'not_found', message: 'That request does not exist (any more).' });
  return deps.views.cardFor(request, deps.service.viewerRole(person, request));
}

async function revoke(deps: AccessRouteDeps, _context: TurnContext, person: Person, action: ActionOf<'grant.revoke'>): Promise<AdaptiveCard> {
  const outcome = await deps.service.revoke(person, action.requestId);
  if (outcome.kind === 'refused') return refusalAnswer(outcome.refusal);
  return deps.views.cardFor(outcome.request, deps.service.viewerRole(person, outcome.request));
}
