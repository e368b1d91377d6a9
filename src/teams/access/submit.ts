/** The request form sent: checked and stored by the access service; the form becomes the officer's status card. */
import type { AdaptiveCard } from '../../cards';
import type { CardActionOf, CardActionTurn } from '../card-actions';
import { notFoundCard, recordCopy, requestForm, type AccessRouteDeps } from './deps';

export async function submit(
  deps: AccessRouteDeps,
  { context, person, action }: CardActionTurn<CardActionOf<'request.submit'>>,
): Promise<AdaptiveCard> {
  // The refresh list names people by Teams id: learn the requester's from this very activity.
  await deps.records.learnTeamsId(person, context.activity.from?.id);
  const outcome = await deps.service.submit(person, {
    formToken: action.formToken,
    fileIds: action.fileIds,
    form: {
      caseReference: action.caseReference,
      reason: action.reason,
      access: action.access,
      justification: action.justification,
      durationDays: action.durationDays,
    },
  });
  switch (outcome.kind) {
    case 'unknown_recordings':
      return notFoundCard(
        'Some of the recordings in this form are no longer in Box, so the request was not sent. Search again and request what is there now.',
      );
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
