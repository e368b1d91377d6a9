/**
 * Asking camera owners for footage, in Teams: the typed commands, the form and link card actions.
 * `register(app, deps)` adds the routes; it must run before the catch-all message route.
 */
import type { TurnContext } from 'botbuilder';
import type { Application, TurnState } from '@microsoft/teams-ai';
import { CARD_VERBS, parseCardAction, refusalCard, type AdaptiveCard, type ParsedCardAction } from '../../cards';
import { orBoxUnavailable } from '../access/deps';
import { personOf } from '../person';
import { answerActionWithCard, sendCard } from '../turn-helpers';
import { cancelRequest, extendRequest } from './change';
import type { FootageRequestRouteDeps } from './deps';
import { myFootageRequests } from './my-requests';
import { openForm } from './open-form';
import { requestFootageFromText } from './request-footage';
import { submitForm } from './submit';
import { classifyFootageRequestText } from './text';

export { createFootageRequestFeature, type FootageRequestFeature, type FootageRequestFeatureOptions } from './feature';
export type { FootageRequestRouteDeps } from './deps';
export { classifyFootageRequestText } from './text';

type Verb = ParsedCardAction['verb'];
type ActionOf<V extends Verb> = Extract<ParsedCardAction, { verb: V }>;

export function register(app: Application<TurnState>, deps: FootageRequestRouteDeps): void {
  app.message(
    async (context) => classifyFootageRequestText(context.activity.text) !== undefined,
    async (context) => {
      const command = classifyFootageRequestText(context.activity.text);
      if (!command) return;
      const card = command.kind === 'myFootageRequests'
        ? await myFootageRequests(deps, personOf(context))
        : requestFootageFromText(context, deps, command.text);
      await sendCard(context, card);
    },
  );
  on(app, CARD_VERBS.footageRequestOpen, async (_context, action) => openForm(deps, action));
  on(app, CARD_VERBS.footageRequestSubmit, (context, action) => submitForm(deps, personOf(context), action));
  on(app, CARD_VERBS.footageRequestCancel, (context, action) => cancelRequest(deps, personOf(context), action.requestId));
  on(app, CARD_VERBS.footageRequestExtend, (context, action) => extendRequest(deps, personOf(context), action.requestId));
}

/** One verb: parse the untrusted data, run the handler, answer the invoke with its card (Box outages included). */
function on<V extends Verb>(app: Application<TurnState>, verb: V, handler: (context: TurnContext, action: ActionOf<V>) => Promise<AdaptiveCard>): void {
  app.adaptiveCards.actionExecute(verb, async (context, _state, data) => {
    const parsed = parseCardAction(verb, data);
    const card = parsed.ok && parsed.action.verb === verb
      ? await orBoxUnavailable(() => handler(context, parsed.action as ActionOf<V>))
      : refusalCard({ reason: `That button's data could not be read (${parsed.ok ? 'wrong action' : parsed.reason}). Nothing was changed.` });
    await answerActionWithCard(context, card);
    return card;
  });
}
