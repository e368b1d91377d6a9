/** The sharing and custody cards are valid Adaptive Cards within Teams' rules, in every view. */
import {
  CARD_SIZE_LIMITS,
  channelRecordingCard,
  historyCard,
  partnerFormCard,
  partnerShareCard,
  shareCard,
  shareFormCard,
  type PartnerShareView,
} from '../../src/cards';
import { assertValidCard, cardValidationErrors } from '../support/card-validation';

const recording = {
  fileId: '30000000001',
  fileName: 'LAM-0105_20260311T0200Z_60min.mp4',
  cameraId: 'LAM-0105',
  cameraName: 'Brixton Station (south)',
  borough: 'Lambeth',
  from: new Date('2026-03-11T02:00:00Z'),
  to: new Date('2026-03-11T03:00:00Z'),
};
const valid = (card: unknown): void => assertValidCard(card, { limitBytes: CARD_SIZE_LIMITS.message });
const verbs = (card: { actions?: Array<{ verb?: string; title: string }> }): string[] =>
  (card.actions ?? []).map((a) => a.verb ?? a.title);

describe('sharing cards', () => {
  it('the share form carries the Teams typeahead and the roster as static choices', () => {
    const form = shareFormCard({
      formToken: 't1',
      recordings: [recording],
      colleagues: [{ id: 'b1', name: 'DC Ben Okafor' }],
      maxDays: 3,
      defaultDays: 7,
    });
    valid(form);
    const picker = form.body.find((e) => e.type === 'Input.ChoiceSet' && e.id === 'recipients') as unknown as Record<
      string,
      unknown
    >;
    expect(picker['choices.data']).toEqual({ type: 'Data.Query', dataset: 'roster' });
    expect(picker.choices).toEqual([{ title: 'DC Ben Okafor', value: 'b1' }]);
    // The validator checks the Teams extension's shape rather than ignoring it.
    const broken = JSON.parse(JSON.stringify(form)) as { body: Array<Record<string, unknown>> };
    broken.body.find((e) => e.id === 'recipients')!['choices.data'] = { type: 'Data.Other' };
    expect(cardValidationErrors(broken, { limitBytes: CARD_SIZE_LIMITS.message })).toContain(
      "bot: /body/2 choices.data must be { type: 'Data.Query', dataset }",
    );
  });

  it('the share card lets an approver pick people only while someone waits', () => {
    const base = {
      groupId: 'g1',
      sharer: 'PC Alice Carter',
      recordings: [recording],
      caseReference: '5212345/26',
      reason: 'Team',
      access: 'view' as const,
      durationDays: 3,
      direct: false,
      decidedBy: null,
      refreshUserIds: ['29:a', '29:d'],
    };
    const waiting = shareCard({
      ...base,
      canDecide: true,
      members: [{ id: 'b1', name: 'DC Ben Okafor', state: 'pending', expiresAt: null }],
    });
    valid(waiting);
    expect(verbs(waiting)).toEqual(['share.decide']);
    const decided = shareCard({
      ...base,
      canDecide: true,
      decidedBy: 'Sgt Dana Whitfield',
      members: [{ id: 'b1', name: 'DC Ben Okafor', state: 'granted', expiresAt: new Date('2026-03-23T10:00:00Z') }],
    });
    valid(decided);
    expect(verbs(decided)).toEqual([]);
    expect(JSON.stringify(decided)).toContain('DC Ben Okafor: has access until');
  });

  it('the partner card shows each viewer their own buttons', () => {
    const view: PartnerShareView = {
      shareId: 'p1',
      partnerName: 'Crown Prosecution Service',
      email: 'j@cps.gov.uk',
      sharer: 'PC Alice Carter',
      recording,
      caseReference: '5212345/26',
      reason: 'Charging',
      durationDays: 3,
      status: 'granted',
      decidedBy: 'Sgt Dana Whitfield',
      comment: null,
      expiresAt: new Date('2026-03-23T10:00:00Z'),
      download: 'requested',
      downloadJustification: 'Court',
      error: null,
      may: { decide: false, revoke: true, askDownload: false, decideDownload: true },
      refreshUserIds: ['29:a'],
    };
    valid(partnerShareCard(view));
    expect(verbs(partnerShareCard(view))).toEqual([
      'partner.download.approve',
      'partner.download.reject',
      'partner.revoke',
    ]);
    const asking = partnerShareCard({
      ...view,
      download: 'none',
      may: { decide: false, revoke: false, askDownload: true, decideDownload: false },
    });
    valid(asking);
    expect(verbs(asking)).toEqual(['Ask for download']);
    valid(
      partnerFormCard({
        formToken: 'f',
        recording,
        partner: { id: 'cps', name: 'Crown Prosecution Service', domains: ['cps.gov.uk'] },
        caseReference: null,
        maxDays: 5,
        defaultDays: 7,
      }),
    );
  });

  it('a channel card refreshes for up to 60 people and offers a button above that', () => {
    const small = channelRecordingCard({
      recording,
      audience: Array.from({ length: 60 }, (_, i) => `29:${i}`),
      state: { kind: 'anyone' },
    });
    valid(small);
    expect(small.refresh?.userIds).toHaveLength(60);
    const large = channelRecordingCard({
      recording,
      audience: Array.from({ length: 61 }, (_, i) => `29:${i}`),
      state: { kind: 'anyone' },
    });
    valid(large);
    expect(large.refresh).toBeUndefined();
    expect(verbs(large)).toContain('recording.state');
  });

  it('the history card pages', () => {
    const entries = [
      {
        at: new Date('2026-03-20T10:00:00Z'),
        source: 'box' as const,
        who: 'PC Alice Carter',
        what: 'Previewed in Box',
        auditSeq: null,
      },
    ];
    const middle = historyCard({ fileId: '1', fileName: 'a.mp4', sha256: 'ab', entries, page: 2, pages: 3, total: 25 });
    valid(middle);
    expect(verbs(middle)).toEqual(['custody.history', 'custody.history', 'custody.export', 'partner.open']);
    expect(
      verbs(historyCard({ fileId: '1', fileName: 'a.mp4', sha256: null, entries: [], page: 1, pages: 1, total: 0 })),
    ).toEqual(['custody.export', 'partner.open']);
  });
});
