/**
 * What the access routes need, built once by the composition root, and the small pieces several
 * of its handlers share: the request form, refusals, and remembering the cards put into a chat.
 */
import type { TurnContext } from 'botbuilder';
import {
  errorCard,
  recordingSummary,
  refusalCard,
  requestFormCard,
  type AdaptiveCard,
  type CardText,
  type RequestFormValues,
} from '../../cards';
import type {
  AccessRecords,
  AccessRequest,
  AccessService,
  CardKind,
  RecordingCatalog,
  Refusal,
} from '../../footage/access';
import { MESSAGES } from '../../footage/messages';
import type { Person } from '../../footage/people';
import type { Recording } from '../../footage/recording';
import { referenceOf, toAddress } from '../conversation-address';
import type { RequestViews } from './views';

export interface AccessRouteDeps {
  records: AccessRecords;
  service: AccessService;
  catalog: RecordingCatalog;
  views: RequestViews;
}

export function refusalAnswer(refusal: Refusal): AdaptiveCard {
  return refusalCard({ reason: refusal.message });
}

export function requestForm(
  deps: AccessRouteDeps,
  recordings: Recording[],
  options: { formToken: string; values?: Partial<RequestFormValues>; error?: string },
): AdaptiveCard {
  const policy = deps.service.policy;
  return requestFormCard({
    recordings: recordings.map(recordingSummary),
    defaults: { durationDays: policy.defaultDurationDays },
    maxDurationDays: policy.maxDurationDays,
    formToken: options.formToken,
    ...(options.values ? { values: options.values } : {}),
    ...(options.error ? { error: options.error } : {}),
  });
}

/** Remembers a card the bot put into this conversation, so later changes of the request update it. */
export async function recordCopy(
  deps: AccessRouteDeps,
  context: TurnContext,
  requestId: string,
  kind: CardKind,
  messageId: string | undefined,
  recipient: string | null,
): Promise<void> {
  if (!messageId) return;
  await deps.records.recordCard({
    requestId,
    kind,
    recipientAadObjectId: recipient,
    messageId,
    address: toAddress(referenceOf(context)),
  });
}

export function notFoundCard(what: CardText): AdaptiveCard {
  return errorCard({ title: MESSAGES.recordingNotFoundTitle, message: what, retryable: false });
}

/**
 * What the revoker sees: their own view of the request, and, for a supervisor who may revoke but not
 * see the details (another borough's), only that they revoked it.
 */
export async function revokedCard(
  deps: AccessRouteDeps,
  person: Person,
  request: AccessRequest,
): Promise<AdaptiveCard> {
  const role = await deps.service.viewerRole(person, request);
  return deps.views.cardFor(request, role, role === 'other' ? `Access revoked by ${person.name}.` : undefined);
}
