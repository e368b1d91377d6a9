/**
 * The typed commands of sharing and custody: `share <…> with <people or partner>`, `share <…>`
 * (the form with the people picker), `history <…>`, `export history <…>`, `verify <…>` and
 * `verify audit`. Classified apart from the other commands so both lists stay small; every answer
 * is a card, refusals included.
 */
import type { TurnContext } from 'botbuilder';
import { randomUUID } from 'node:crypto';
import {
  auditCheckCard,
  confirmationCard,
  exportedCard,
  historyCard,
  partnerFormCard,
  recordingSummary,
  shareFormCard,
  verifyCard,
  type AdaptiveCard,
} from '../../cards';
import { boxFileUrl } from '../../footage/access';
import { canDecide, type Person } from '../../footage/people';
import type { Recording } from '../../footage/recording';
import {
  findPartner,
  ownAccess,
  partnerTarget,
  shareTarget,
  splitNames,
  wholeDaysLeft,
  type Partner,
} from '../../footage/sharing';
import { referenceOf, toAddress } from '../conversation-address';
import { personOf } from '../person';
import { scopeOf, sendCard } from '../turn-helpers';
import { NOBODY_REACHED, notFound, orBoxDown, recordingsNamed, refusedCard, type SharingRouteDeps } from './deps';

export type SharingCommand =
  | { kind: 'shareWith'; target: string; people: string; days: number | null; caseReference: string | null }
  | { kind: 'shareForm'; target: string }
  | { kind: 'history'; target: string }
  | { kind: 'exportHistory'; target: string }
  | { kind: 'verifyAudit' }
  | { kind: 'verify'; target: string }
  | { kind: 'pendingShares' };

export function classifySharingText(raw: string | undefined): SharingCommand | undefined {
  const text = (raw ?? '').replace(/\s+/g, ' ').trim();
  if (text.length > 1000) return undefined;
  if (/^verify (the )?audit( (log|chain))?$/i.test(text)) return { kind: 'verifyAudit' };
  if (/^(pending )?shares$/i.test(text)) return { kind: 'pendingShares' };
  const verify = /^verify (.+)$/i.exec(text);
  if (verify) return { kind: 'verify', target: verify[1] };
  const exported = /^export (?:the )?history (?:of )?(.+)$/i.exec(text);
  if (exported) return { kind: 'exportHistory', target: exported[1] };
  const history = /^history (?:of )?(.+)$/i.exec(text);
  if (history) return { kind: 'history', target: history[1] };
  const shareWith = /^share (.+?) with (.+?)(?: for (\d{1,3}) days?)?(?: (?:for|on) case (\d{7}\/\d{2}))?$/i.exec(text);
  if (shareWith)
    return {
      kind: 'shareWith',
      target: shareWith[1],
      people: shareWith[2],
      days: shareWith[3] ? Number(shareWith[3]) : null,
      caseReference: shareWith[4] ?? null,
    };
  const share = /^share (.+)$/i.exec(text);
  if (share) return { kind: 'shareForm', target: share[1] };
  return undefined;
}

/** Handles the text if it is a sharing command; false leaves it to the other commands. */
export async function handleSharingText(context: TurnContext, deps: SharingRouteDeps): Promise<boolean> {
  const command = classifySharingText(context.activity.text);
  if (!command) return false;
  const person = personOf(context);
  if (command.kind === 'pendingShares') {
    await pendingShares(context, deps, person);
    return true;
  }
  await sendCard(context, await orBoxDown(() => answer(context, deps, person, command)));
  return true;
}

/** Each share waiting for this supervisor's decision, as its own card. */
async function pendingShares(context: TurnContext, deps: SharingRouteDeps, person: Person): Promise<void> {
  const groups = await deps.colleagues.pendingFor(person);
  const partnerShares = await deps.partners.pendingFor(person);
  if (groups.length === 0 && partnerShares.length === 0) {
    await sendCard(
      context,
      canDecide(person)
        ? confirmationCard({
            title: 'No shares waiting',
            message: 'No share with colleagues or partners is waiting for your decision.',
          })
        : refusedCard({ code: 'not_an_approver', message: 'Only supervisors and administrators decide shares.' }),
    );
    return;
  }
  // Each card is recorded as a copy, so a decision taken elsewhere redraws it without its buttons.
  const recipient = scopeOf(context) === 'personal' ? person.aadObjectId : null;
  const sent = async (subject: string, messageId: string | undefined): Promise<void> => {
    if (messageId)
      await deps.store.sharing.shareCards.record({
        subject,
        recipientAadObjectId: recipient,
        messageId,
        address: toAddress(referenceOf(context)),
      });
  };
  for (const group of groups.slice(0, 10)) {
    const current = await deps.colleagues.get(group.id);
    await sent(
      shareTarget(group.id),
      await sendCard(context, await deps.views.shareCard(group, current?.requests ?? [], person)),
    );
  }
  for (const share of partnerShares.slice(0, 10))
    await sent(partnerTarget(share.id), await sendCard(context, await deps.views.partnerCard(share, person)));
}

async function answer(
  context: TurnContext,
  deps: SharingRouteDeps,
  person: Person,
  command: Exclude<SharingCommand, { kind: 'pendingShares' }>,
): Promise<AdaptiveCard> {
  if (command.kind === 'verifyAudit') {
    const outcome = await deps.custody.verifyAudit(person);
    return outcome.kind === 'refused' ? refusedCard(outcome.refusal) : auditCheckCard(outcome);
  }
  const recordings = await recordingsNamed(deps, person, command.target);
  if (recordings.length === 0) return notFound(command.target);
  switch (command.kind) {
    case 'shareWith':
      return shareWith(context, deps, person, recordings, command);
    case 'shareForm':
      return shareForm(deps, person, recordings);
    case 'history':
      return historyOf(deps, person, recordings[0], 1);
    case 'exportHistory':
      return exportOf(deps, person, recordings[0]);
    case 'verify': {
      const outcome = await deps.custody.verify(person, recordings[0]);
      if (outcome.kind === 'refused') return refusedCard(outcome.refusal);
      return verifyCard({
        fileName: recordings[0].fileName,
        matches: outcome.matches,
        expected: outcome.expected,
        actual: outcome.actual,
        checkedAt: deps.now(),
      });
    }
  }
}

async function shareWith(
  context: TurnContext,
  deps: SharingRouteDeps,
  person: Person,
  recordings: Recording[],
  command: Extract<SharingCommand, { kind: 'shareWith' }>,
): Promise<AdaptiveCard> {
  const partner = findPartner(deps.partners.partners, command.people);
  if (partner) return partnerForm(deps, person, recordings[0], partner);
  // The message id makes a resent message one share, as the form token does for the form.
  const outcome = await deps.colleagues.share(person, {
    formToken: `msg:${context.activity.id ?? randomUUID()}`,
    recordings,
    recipients: splitNames(command.people),
    reason: null,
    caseReference: command.caseReference,
    access: null,
    durationDays: command.days,
  });
  if (outcome.kind === 'refused') return refusedCard(outcome.refusal);
  const current = await deps.colleagues.get(outcome.group.id);
  return deps.views.shareCard(
    outcome.group,
    current?.requests ?? [],
    person,
    outcome.approverReached ? undefined : NOBODY_REACHED,
  );
}

export async function partnerForm(
  deps: SharingRouteDeps,
  person: Person,
  recording: Recording,
  partner: Partner,
): Promise<AdaptiveCard> {
  return partnerFormCard({
    formToken: randomUUID(),
    recording: recordingSummary(recording),
    partner,
    caseReference: recording.caseReference,
    maxDays: Math.max(1, await maxDaysFor(deps, person, recording)),
    defaultDays: deps.policy.defaultDurationDays,
  });
}

async function maxDaysFor(deps: SharingRouteDeps, person: Person, recording: Recording): Promise<number> {
  if (canDecide(person)) return deps.policy.maxDurationDays;
  const own = await ownAccess(deps.store.requests, person, recording.fileId, deps.now());
  return own.kind === 'live'
    ? Math.min(deps.policy.maxDurationDays, wholeDaysLeft(own.expiresAt, deps.now()))
    : deps.policy.defaultDurationDays;
}

export async function shareForm(
  deps: SharingRouteDeps,
  person: Person,
  recordings: Recording[],
  error?: string,
): Promise<AdaptiveCard> {
  const people = (await deps.store.people.list()).filter((p) => p.aadObjectId !== person.aadObjectId);
  const maxDays = Math.min(...(await Promise.all(recordings.map((r) => maxDaysFor(deps, person, r)))));
  return shareFormCard({
    formToken: randomUUID(),
    recordings: recordings.map(recordingSummary),
    colleagues: people.map((p) => ({ id: p.aadObjectId, name: p.name })),
    maxDays: Math.max(1, maxDays),
    defaultDays: deps.policy.defaultDurationDays,
    ...(error ? { error } : {}),
  });
}

export async function historyOf(
  deps: SharingRouteDeps,
  person: Person,
  recording: Recording,
  page: number,
): Promise<AdaptiveCard> {
  const outcome = await deps.custody.history(person, recording, page);
  if (outcome.kind === 'refused') return refusedCard(outcome.refusal);
  return historyCard({
    fileId: recording.fileId,
    fileName: recording.fileName,
    sha256: recording.sha256,
    entries: outcome.entries,
    page: outcome.page,
    pages: outcome.pages,
    total: outcome.total,
  });
}

export async function exportOf(deps: SharingRouteDeps, person: Person, recording: Recording): Promise<AdaptiveCard> {
  const outcome = await deps.custody.exportHistory(person, recording);
  if (outcome.kind === 'refused') return refusedCard(outcome.refusal);
  return exportedCard({
    fileName: recording.fileName,
    folderPath: outcome.folderPath.join('/'),
    csvUrl: boxFileUrl(outcome.csvFileId),
    pdfUrl: boxFileUrl(outcome.pdfFileId),
    entries: outcome.entries,
  });
}
