/**
 * The Universal Actions of sharing and custody cards. Each answer is a card in the invoke response
 * (refusals too); the data a card sends is only a claim: ids are looked up and every rule is
 * checked again in the domain from the roster and the store.
 */
import type { Application, TurnState } from '@microsoft/teams-ai';
import type { TurnContext } from 'botbuilder';
import {
  parseSharingAction,
  partnerChoiceCard,
  recordingSummary,
  SHARING_VERB_LIST,
  type AdaptiveCard,
  type ParsedSharingAction,
  type SharingVerb,
} from '../../cards';
import { audit } from '../../footage/access/audit';
import type { Person } from '../../footage/people';
import { findPartner, type PartnerOutcome } from '../../footage/sharing';
import { personOf } from '../person';
import { answerActionWithCard, answerActionWithMessage, sendCard } from '../turn-helpers';
import { exportOf, historyOf, partnerForm, shareForm } from './commands';
import { NOBODY_REACHED, notFound, orBoxDown, refusedCard, type SharingRouteDeps } from './deps';

type Handler = (
  deps: SharingRouteDeps,
  context: TurnContext,
  person: Person,
  action: ParsedSharingAction,
) => Promise<AdaptiveCard | null>;

export function registerSharingActions(app: Application<TurnState>, deps: SharingRouteDeps): void {
  for (const verb of SHARING_VERB_LIST) {
    app.adaptiveCards.actionExecute(verb, async (context, _state, data) => {
      const person = personOf(context);
      const parsed = parseSharingAction(verb, data);
      let card: AdaptiveCard | null;
      if (parsed.ok) {
        // Null: the handler answered the invoke itself.
        card = await orBoxDown(() => HANDLERS[verb](deps, context, person, parsed.action));
      } else {
        await audit(deps.store.audit, person.aadObjectId, 'refused', 'card', {
          action: verb,
          code: 'invalid_action',
          reason: parsed.reason,
        });
        card = refusedCard({
          code: 'invalid',
          message: `That button's data could not be read (${parsed.reason}). Nothing was changed.`,
        });
      }
      if (card) await answerActionWithCard(context, card);
      return card ?? 'answered';
    });
  }
}

const HANDLERS: Record<SharingVerb, Handler> = {
  'share.open': async (deps, context, person, a) => {
    if (a.verb !== 'share.open') return null;
    const { found } = await deps.catalog.getMany(a.fileIds);
    if (found.length === 0) {
      await answerActionWithCard(context, notFound(a.fileIds.join(', ')));
      return null;
    }
    await sendCard(context, await shareForm(deps, person, found));
    await answerActionWithMessage(context, 'Pick the colleagues in the form below.');
    return null;
  },
  'share.submit': async (deps, _context, person, a) => {
    if (a.verb !== 'share.submit') return null;
    const { found } = await deps.catalog.getMany(a.fileIds);
    if (found.length === 0) return notFound(a.fileIds.join(', '));
    const outcome = await deps.colleagues.share(person, {
      formToken: a.formToken,
      recordings: found,
      recipients: a.recipients,
      reason: a.reason || null,
      caseReference: a.caseReference || null,
      access: a.access,
      durationDays: a.durationDays,
    });
    if (outcome.kind === 'refused') return shareForm(deps, person, found, outcome.refusal.message);
    const current = await deps.colleagues.get(outcome.group.id);
    return deps.views.shareCard(
      outcome.group,
      current?.requests ?? [],
      person,
      outcome.approverReached ? undefined : NOBODY_REACHED,
    );
  },
  'share.decide': async (deps, _context, person, a) => {
    if (a.verb !== 'share.decide') return null;
    const outcome = await deps.colleagues.decide(person, {
      groupId: a.groupId,
      approve: a.approveIds,
      comment: a.comment,
      durationDays: a.durationDays,
    });
    if (outcome.kind === 'refused') {
      const current = await deps.colleagues.get(a.groupId);
      return current
        ? deps.views.shareCard(current.group, current.requests, person, outcome.refusal.message)
        : refusedCard(outcome.refusal);
    }
    return deps.views.shareCard(outcome.group, outcome.requests, person);
  },
  'share.refresh': async (deps, _context, person, a) => {
    if (a.verb !== 'share.refresh') return null;
    const current = await deps.colleagues.get(a.groupId);
    return current
      ? deps.views.shareCard(current.group, current.requests, person)
      : refusedCard({ code: 'not_found', message: 'That share does not exist (any more).' });
  },
  'partner.open': async (deps, context, person, a) => {
    if (a.verb !== 'partner.open') return null;
    const recording = await deps.catalog.get(a.fileId);
    if (!recording) return notFound(a.fileId);
    const partners = deps.partners.partners;
    const partner = a.partnerId ? findPartner(partners, a.partnerId) : partners.length === 1 ? partners[0] : undefined;
    if (a.partnerId && !partner) return notFound(a.partnerId);
    // A new message, so the card the button was on stays as it was.
    await sendCard(
      context,
      partner
        ? await partnerForm(deps, person, recording, partner)
        : partnerChoiceCard({ recording: recordingSummary(recording), partners: [...partners] }),
    );
    await answerActionWithMessage(context, partner ? 'Fill in the form below.' : 'Pick the partner below.');
    return null;
  },
  'partner.submit': async (deps, _context, person, a) => {
    if (a.verb !== 'partner.submit') return null;
    const partner = findPartner(deps.partners.partners, a.partnerId);
    const recording = await deps.catalog.get(a.fileId);
    if (!partner || !recording) return notFound(a.fileId);
    const outcome = await deps.partners.request(person, {
      formToken: a.formToken,
      recording,
      partner,
      email: a.email,
      reason: a.reason,
      caseReference: a.caseReference || null,
      durationDays: a.durationDays,
    });
    if (outcome.kind === 'refused') return refusedCard(outcome.refusal);
    return deps.views.partnerCard(
      outcome.share,
      person,
      outcome.approverReached === false ? NOBODY_REACHED : undefined,
    );
  },
  'partner.approve': (deps, _c, person, a) => partnerDecision(deps, person, a, true),
  'partner.reject': (deps, _c, person, a) => partnerDecision(deps, person, a, false),
  'partner.refresh': async (deps, _context, person, a) => {
    if (a.verb !== 'partner.refresh') return null;
    const share = await deps.partners.get(a.shareId);
    return share
      ? deps.views.partnerCard(share, person)
      : refusedCard({ code: 'not_found', message: 'That partner share does not exist.' });
  },
  'partner.revoke': async (deps, _context, person, a) => {
    if (a.verb !== 'partner.revoke') return null;
    return partnerAnswer(deps, person, a.shareId, await deps.partners.revoke(person, a.shareId));
  },
  'partner.download.request': async (deps, _context, person, a) => {
    if (a.verb !== 'partner.download.request') return null;
    return partnerAnswer(
      deps,
      person,
      a.shareId,
      await deps.partners.requestDownload(person, a.shareId, a.justification),
    );
  },
  'partner.download.approve': async (deps, _context, person, a) => {
    if (a.verb !== 'partner.download.approve') return null;
    return partnerAnswer(deps, person, a.shareId, await deps.partners.decideDownload(person, a.shareId, true));
  },
  'partner.download.reject': async (deps, _context, person, a) => {
    if (a.verb !== 'partner.download.reject') return null;
    return partnerAnswer(deps, person, a.shareId, await deps.partners.decideDownload(person, a.shareId, false));
  },
  'custody.history': async (deps, _context, person, a) => {
    if (a.verb !== 'custody.history') return null;
    const recording = await deps.catalog.get(a.fileId);
    return recording ? historyOf(deps, person, recording, a.page) : notFound(a.fileId);
  },
  'custody.export': async (deps, _context, person, a) => {
    if (a.verb !== 'custody.export') return null;
    const recording = await deps.catalog.get(a.fileId);
    return recording ? exportOf(deps, person, recording) : notFound(a.fileId);
  },
  'recording.state': async (deps, _context, person, a) => {
    if (a.verb !== 'recording.state') return null;
    return (await deps.views.channelCard(a.fileId, person)) ?? notFound(a.fileId);
  },
};

async function partnerDecision(
  deps: SharingRouteDeps,
  person: Person,
  a: ParsedSharingAction,
  approve: boolean,
): Promise<AdaptiveCard | null> {
  if (a.verb !== 'partner.approve' && a.verb !== 'partner.reject') return null;
  return partnerAnswer(
    deps,
    person,
    a.shareId,
    await deps.partners.decide(person, a.shareId, { approve, comment: a.comment, durationDays: a.durationDays }),
  );
}

/** The share as the person now sees it; a refusal is said on the card itself when the share exists. */
async function partnerAnswer(
  deps: SharingRouteDeps,
  person: Person,
  shareId: string,
  outcome: PartnerOutcome,
): Promise<AdaptiveCard> {
  if (outcome.kind === 'done') return deps.views.partnerCard(outcome.share, person);
  const share = await deps.partners.get(shareId);
  return share ? deps.views.partnerCard(share, person, outcome.refusal.message) : refusedCard(outcome.refusal);
}
