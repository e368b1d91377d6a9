/** Approve or reject on an approval card; the card the supervisor clicked becomes the decided view. */
import type { AdaptiveCard } from '../../cards';
import type { CardActionOf, CardActionTurn } from '../card-actions';
import { scopeOf } from '../turn-helpers';
import { recordCopy, refusalAnswer, type AccessRouteDeps } from './deps';

type DecisionAction = CardActionOf<'request.approve'> | CardActionOf<'request.reject'>;

export async function decide(
  deps: AccessRouteDeps,
  { context, person, action }: CardActionTurn<DecisionAction>,
): Promise<AdaptiveCard> {
  const input =
    action.verb === 'request.approve'
      ? { decision: 'approved' as const, comment: action.comment, durationDays: action.durationDays }
      : { decision: 'rejected' as const, comment: action.comment, durationDays: null };
  const outcome = await deps.service.decide(person, { requestId: action.requestId, ...input });
  switch (outcome.kind) {
    case 'refused':
      return refusalAnswer(outcome.refusal);
    case 'fix_comment':
      return deps.views.cardFor(outcome.request, 'approver', outcome.problem);
    case 'decided':
      if (context.activity.replyToId) {
        await recordCopy(
          deps,
          context,
          action.requestId,
          'approval',
          context.activity.replyToId,
          scopeOf(context) === 'personal' ? person.aadObjectId : null,
        );
      }
      return deps.views.cardFor(outcome.request, await deps.service.viewerRole(person, outcome.request));
  }
}
