/**
 * The form's "Create upload link": the domain checks it, stores the request once per form, and
 * makes each camera's intake folder and upload link; the answer replaces the form with the link
 * card, or gives the form back with what to fix.
 */
import { footageRequestCard, type AdaptiveCard } from '../../cards';
import type { Person } from '../../footage/people';
import type { GazetteerCamera } from '../../footage/query';
import type { CardActionOf } from '../card-actions';
import { notConfiguredCard, type FootageRequestRouteDeps } from './deps';
import { formFor } from './request-footage';

/** The parsed button data: the card layer's type, so the two cannot drift apart. */
export type SubmitAction = Omit<CardActionOf<'footageRequest.submit'>, 'verb'>;

export async function submitForm(
  deps: FootageRequestRouteDeps,
  person: Person,
  action: SubmitAction,
): Promise<AdaptiveCard> {
  if (!deps.service) return notConfiguredCard();
  const outcome = await deps.service.submit(person, action.formToken, action);
  if (outcome.kind === 'invalid') {
    const known = action.cameraIds
      .map((id) => deps.gazetteer.camera(id))
      .filter((c): c is GazetteerCamera => c !== undefined);
    return formFor(deps, known, {
      formToken: action.formToken,
      error: outcome.problem,
      values: {
        cameraIds: action.cameraIds,
        date: action.date,
        from: action.from,
        to: action.to,
        endDate: action.endDate,
        caseReference: action.caseReference,
        whatHappened: action.whatHappened,
        ownerEmail: action.ownerEmail,
        cameraOwnerEmails: action.cameraOwnerEmails,
        ...(action.linkDays === null ? {} : { linkDays: action.linkDays }),
      },
    });
  }
  const notice = outcome.created
    ? { text: 'Upload link ready: send the owner the message below.', style: 'good' as const }
    : { text: 'This form was already sent; here is the request it made.', style: 'default' as const };
  return footageRequestCard(await deps.views.request(outcome.request, notice));
}
