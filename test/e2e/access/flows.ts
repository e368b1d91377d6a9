import type { Recording } from '../../../src/footage/recording';
import type { Harness } from '../../support/harness';
import type { BotResponse, Scope, TeamsUser } from '../../support/teams-client';
import {
  actionData,
  actionsOf,
  cardText,
  invokeCard,
  personalConversation,
  postedCards,
  waitForPosted,
  type Card,
  type PostedCard,
} from './support';

/** The steps people take, as Teams sends them: typed commands and button clicks on the cards the bot sent. */
export interface FormAnswers {
  caseReference?: string;
  reason?: string;
  access?: 'view' | 'download';
  justification?: string;
  durationDays?: string;
}

export const GOOD_FORM: Required<Omit<FormAnswers, 'justification'>> = {
  caseReference: '5212345/26',
  reason: 'Robbery outside the station; the suspect ran south.',
  access: 'view',
  durationDays: '7',
};

/** A few demo recordings of one camera, from Box (the same search a results card comes from). */
export async function recordingsOf(h: Harness, cameraId: string, count: number): Promise<Recording[]> {
  const page = await h.bot.box!.searchRecordings({ cameraIds: [cameraId], limit: 100 });
  const recordings = [...page.recordings].sort((a, b) => a.fileId.localeCompare(b.fileId)).slice(0, count);
  if (recordings.length < count) throw new Error(`only ${recordings.length} recordings of ${cameraId}`);
  return recordings;
}

/** The newest form card in the user's chat. */
export async function latestForm(h: Harness, user: TeamsUser, after = 0): Promise<{ id: string; card: Card }> {
  await h.connector.waitFor(() => formsIn(h, user).length > after);
  const forms = formsIn(h, user);
  return forms[forms.length - 1];
}

function formsIn(h: Harness, user: TeamsUser): Array<{ id: string; card: Card }> {
  return postedCards(h.connector, personalConversation(user)).filter((p) =>
    actionsOf(p.card).some((a) => a.verb === 'request.submit'),
  );
}

/** Fills in and sends a form card; the invoke answer replaces the form. */
export async function submitForm(
  h: Harness,
  user: TeamsUser,
  form: { id: string; card: Card },
  answers: FormAnswers,
): Promise<BotResponse> {
  const data = actionData(form.card, 'request.submit');
  const inputs = Object.fromEntries(Object.entries(answers).filter(([, v]) => v !== undefined));
  return h.teams.execute(user, 'request.submit', { ...data, ...inputs }, { replyToId: form.id });
}

/** `request <name>`, then the form sent back filled in. Returns the request id from the status card. */
export async function requestByName(
  h: Harness,
  user: TeamsUser,
  target: string,
  answers: FormAnswers = GOOD_FORM,
): Promise<{ requestId: string; statusCard: Card; formId: string }> {
  const before = formsIn(h, user).length;
  await h.teams.say(user, `request ${target}`);
  const form = await latestForm(h, user, before);
  const statusCard = invokeCard(await submitForm(h, user, form, answers));
  return { requestId: requestIdOf(statusCard), statusCard, formId: form.id };
}

/** "Request access" on a results card (one recording, or several picked), then the form. */
export async function requestByIds(
  h: Harness,
  user: TeamsUser,
  fileIds: string[],
  answers: FormAnswers = GOOD_FORM,
): Promise<{ requestId: string; statusCard: Card; formId: string }> {
  const before = formsIn(h, user).length;
  const opened = await h.teams.execute(
    user,
    'request.open',
    fileIds.length === 1 ? { fileIds } : { selectedFileIds: fileIds.join(',') },
  );
  expect(opened.status).toBe(200);
  const form = await latestForm(h, user, before);
  const statusCard = invokeCard(await submitForm(h, user, form, answers));
  return { requestId: requestIdOf(statusCard), statusCard, formId: form.id };
}

/** Request ids appear on every card about a request (for `revoke <id>`); the refresh action carries it too. */
export function requestIdOf(card: Card): string {
  const refresh = card.refresh as { action?: { data?: { requestId?: string } } } | undefined;
  const id = refresh?.action?.data?.requestId;
  if (!id) throw new Error(`card names no request: ${cardText(card).slice(0, 300)}`);
  return id;
}

/** The approval card about `requestId` in the approver's chat (or a channel). */
export async function approvalCard(h: Harness, conversationId: string, requestId: string): Promise<PostedCard> {
  return waitForPosted(h.connector, conversationId, new RegExp(`"requestId":"${requestId}"`));
}

export async function decide(
  h: Harness,
  approver: TeamsUser,
  requestId: string,
  decision: 'approve' | 'reject',
  inputs: { decisionComment?: string; approvedDurationDays?: string } = {},
  scope: Scope = { type: 'personal' },
): Promise<BotResponse> {
  const conversation = scope.type === 'personal' ? personalConversation(approver) : undefined;
  const replyToId = conversation
    ? postedCards(h.connector, conversation).find((p) => cardText(p.card).includes(`"requestId":"${requestId}"`))?.id
    : undefined;
  return h.teams.execute(approver, `request.${decision}`, { requestId, ...inputs }, { replyToId, scope });
}
