import {
  approvalCardFor,
  approverView,
  CARD_SIZE_LIMITS,
  CASE_REFERENCE_REGEX,
  decidedView,
  expiryNotice,
  rejectionNotice,
  requestFormCard,
  requestStatusCard,
  restrictedView,
  revocationNotice,
  shareLinkCard,
  type AdaptiveCard,
  type RequestView,
} from '../../src/cards';
import { assertValidCard } from '../support/card-validation';
import { buttons, findAll, inputIds, verbsOf, visibleText } from './card-query';
import { APPROVER_IDS, HOSTILE, pendingRequest, REQUESTER_ID, summaries, tenGrantedRecordings } from './fixtures';

const refresh = { refreshUserIds: [REQUESTER_ID, ...APPROVER_IDS] };

interface InputShape {
  id: string;
  isRequired?: boolean;
  errorMessage?: string;
  regex?: string;
  maxLength?: number;
  min?: number;
  max?: number;
  value?: unknown;
  choices?: Array<{ value: string }>;
}

function input(card: AdaptiveCard, id: string): InputShape {
  const found = [
    ...findAll<InputShape>(card, 'Input.Text'),
    ...findAll<InputShape>(card, 'Input.Number'),
    ...findAll<InputShape>(card, 'Input.ChoiceSet'),
  ].find((i) => i.id === id);
  if (!found) throw new Error(`no input ${id}`);
  return found;
}

describe('request form', () => {
  const form = requestFormCard({
    recordings: summaries(2),
    defaults: { durationDays: 7 },
    maxDurationDays: 30,
    formToken: 'form-abc',
  });

  it('asks for case reference, reason, access with justification and duration', () => {
    expect(inputIds(form)).toEqual(['caseReference', 'reason', 'access', 'justification', 'durationDays']);
    expect(visibleText(form)).toMatch(/^Request access to 2 recordings/);
  });

  it('requires a case reference of seven digits / two digits', () => {
    const caseReference = input(form, 'caseReference');
    expect(caseReference).toMatchObject({ isRequired: true, regex: CASE_REFERENCE_REGEX });
    expect(caseReference.errorMessage).toMatch(/seven digits/);
    const pattern = new RegExp(CASE_REFERENCE_REGEX);
    expect(['5212345/26', '0000001/00'].every((v) => pattern.test(v))).toBe(true);
    expect(
      ['521234/26', '52123456/26', '5212345/2', '5212345-26', ' 5212345/26', '5212345/26x'].some((v) =>
        pattern.test(v),
      ),
    ).toBe(false);
  });

  it('requires a reason of at most 500 characters', () => {
    expect(input(form, 'reason')).toMatchObject({ isRequired: true, maxLength: 500 });
  });

  it('offers view or download, defaulting to view', () => {
    const access = input(form, 'access');
    expect(access.choices?.map((c) => c.value)).toEqual(['view', 'download']);
    expect(access.value).toBe('view');
  });

  it('defaults the duration to 7 days, bounded by the maximum', () => {
    expect(input(form, 'durationDays')).toMatchObject({ value: 7, min: 1, max: 30, isRequired: true });
    const asked = requestFormCard({
      recordings: summaries(1),
      defaults: { durationDays: 7 },
      maxDurationDays: 30,
      formToken: 'f',
      values: { durationDays: 90 },
    });
    expect(input(asked, 'durationDays').value).toBe(30);
  });

  it('submits with the form token (idempotency key) and the file ids only', () => {
    const recordings = summaries(2);
    expect(buttons(form)).toEqual([
      expect.objectContaining({
        verb: 'request.submit',
        data: { formToken: 'form-abc', fileIds: recordings.map((r) => r.fileId) },
      }),
    ]);
  });

  it('comes back with what was typed and what to fix', () => {
    const again = requestFormCard({
      recordings: summaries(1),
      defaults: { durationDays: 7 },
      maxDurationDays: 30,
      formToken: 'form-abc',
      values: { caseReference: '12/3', reason: HOSTILE.reason500, access: 'download' },
      error: 'Enter the case reference as seven digits, a slash and two digits.',
    });
    expect(input(again, 'caseReference').value).toBe('12/3');
    expect(input(again, 'reason').value).toBe(HOSTILE.reason500);
    expect(input(again, 'access').value).toBe('download');
    expect(visibleText(again)).toContain('Enter the case reference as seven digits');
  });
});

describe('approval card views', () => {
  const request = pendingRequest();

  it('gives approvers Approve and Reject, with a comment and a duration they may shorten', () => {
    const card = approverView(request, refresh);
    expect(buttons(card).map((b) => [b.verb, b.title, b.data])).toEqual([
      ['request.approve', 'Approve', { requestId: 'req-0001' }],
      ['request.reject', 'Reject', { requestId: 'req-0001' }],
    ]);
    expect(inputIds(card)).toEqual(['approvedDurationDays', 'decisionComment']);
    const duration = input(card, 'approvedDurationDays');
    expect(duration.value).toBe('7');
    expect(duration.choices?.map((c) => Number(c.value))).toEqual([1, 2, 3, 5, 7]);
  });

  it('gives the requester the status without decision buttons', () => {
    const card = requestStatusCard(request, refresh);
    expect(verbsOf(card)).toEqual([]);
    expect(inputIds(card)).toEqual([]);
    expect(visibleText(card)).toMatch(/^Waiting for a supervisor’s decision\./);
    expect(visibleText(card)).toContain('You will get a card with the link once a supervisor approves.');
  });

  it('tells the requester when no supervisor could be reached', () => {
    expect(visibleText(requestStatusCard(pendingRequest({ noApproverReachable: true }), refresh))).toContain(
      'waits in the queue',
    );
  });

  it('tells anyone else only that the request exists, before and after the decision', () => {
    for (const shown of [
      request,
      pendingRequest({
        status: 'granted',
        decision: { by: 'Sgt Dana Whitfield', at: new Date('2026-03-03T16:00:00Z'), comment: 'Fine.' },
      }),
    ]) {
      const card = restrictedView(shown, refresh);
      expect(verbsOf(card)).toEqual(['request.refresh']);
      const text = visibleText(card);
      expect(text).toContain('Request id: req-0001');
      for (const detail of [
        'Alice',
        'Lambeth',
        '5212345/26',
        shown.reason,
        'Dana',
        'Fine.',
        shown.recordings[0].fileName,
      ])
        expect(text).not.toContain(detail);
      expect(approvalCardFor(shown, 'other', refresh)).toEqual(card);
    }
  });

  it('refreshes for the requester and the approvers with the request id only', () => {
    for (const card of [
      approverView(request, refresh),
      requestStatusCard(request, refresh),
      restrictedView(request, refresh),
      decidedView(request, refresh),
    ]) {
      expect(card.refresh).toEqual({
        action: { type: 'Action.Execute', verb: 'request.refresh', data: { requestId: 'req-0001' }, title: 'Refresh' },
        userIds: [REQUESTER_ID, ...APPROVER_IDS],
      });
    }
  });

  it('lists at most 60 users to refresh, without duplicates, the requester first', () => {
    const many = [REQUESTER_ID, REQUESTER_ID, ...Array.from({ length: 80 }, (_, i) => `29:approver-${i}`)];
    const userIds = approverView(request, { refreshUserIds: many }).refresh?.userIds ?? [];
    expect(userIds).toHaveLength(60);
    expect(new Set(userIds).size).toBe(60);
    expect(userIds[0]).toBe(REQUESTER_ID);
  });

  it('warns the approver when the officer has no Box user', () => {
    expect(visibleText(approverView(pendingRequest({ requesterHasBoxUser: false }), refresh))).toContain(
      'No Box user has this officer’s email',
    );
  });

  it('cannot be made to show a link or formatting by what people typed, and keeps unicode', () => {
    const hostile = pendingRequest({
      requester: { name: HOSTILE.unicode, borough: 'Lambeth' },
      reason: HOSTILE.link,
      access: 'download',
      justification: HOSTILE.dateFunction,
    });
    const text = visibleText(approverView(hostile, refresh));
    expect(text).toContain('\\[Open footage in Box\\](https://evil.example/steal) \\*\\*urgent\\*\\*');
    expect(text).not.toMatch(/(^|[^\\])\[Open footage/);
    expect(text).not.toContain('{{DATE');
    expect(text).toContain(`Requested by: ${HOSTILE.unicode} (Lambeth)`);
  });

  it('shortens very long names', () => {
    const text = visibleText(
      approverView(pendingRequest({ requester: { name: HOSTILE.longName, borough: null } }), refresh),
    );
    const shown = /Requested by: (.*)/.exec(text)?.[1] ?? '';
    expect(shown.endsWith('…')).toBe(true);
    expect(Array.from(shown)).toHaveLength(80);
  });

  it('shows the download justification', () => {
    const text = visibleText(
      approverView(pendingRequest({ access: 'download', justification: 'For the CPS file' }), refresh),
    );
    expect(text).toContain('Access: Download');
    expect(text).toContain('**Why download**\nFor the CPS file');
  });
});

describe('decided view', () => {
  const approved: RequestView = pendingRequest({
    status: 'granted',
    decision: {
      by: 'Sgt Dana Whitfield',
      at: new Date('2026-03-29T01:30:00Z'),
      comment: 'Three days is enough.',
      durationDays: 3,
    },
    expiresAt: new Date('2026-04-01T01:30:00Z'),
  });

  it('shows who decided, when in London time, the comment and the shortened duration', () => {
    const text = visibleText(decidedView(approved, refresh));
    expect(text).toContain('Decided by: Sgt Dana Whitfield');
    expect(text).toContain('When: Sun 29 Mar 2026, 02:30 BST');
    expect(text).toContain('**Comment:** Three days is enough.');
    expect(text).toContain('Granted for: 3 days (asked for 7 days)');
    expect(text).toContain(
      'Approved by Sgt Dana Whitfield on Sun 29 Mar 2026, 02:30 BST. Access until Wed 1 Apr 2026, 02:30 BST.',
    );
  });

  it('is what the requester and approvers get once decided; only approvers get Revoke while access lasts', () => {
    expect(verbsOf(approvalCardFor(approved, 'approver', refresh))).toEqual(['grant.revoke']);
    expect(verbsOf(approvalCardFor(approved, 'requester', refresh))).toEqual([]);
    expect(verbsOf(approvalCardFor(approved, 'other', refresh))).toEqual(['request.refresh']);
    expect(verbsOf(approvalCardFor({ ...approved, status: 'expired' }, 'approver', refresh))).toEqual([]);
    for (const viewer of ['approver', 'requester'] as const) {
      expect(visibleText(approvalCardFor(approved, viewer, refresh))).toContain('Decided by: Sgt Dana Whitfield');
    }
    expect(visibleText(approvalCardFor(approved, 'other', refresh))).not.toContain('Dana');
  });

  it('shows a rejection with its comment, and a failed grant with the reason', () => {
    const rejected = pendingRequest({
      status: 'rejected',
      decision: { by: 'Sgt Dana Whitfield', at: new Date('2026-03-03T16:00:00Z'), comment: 'Not enough detail.' },
    });
    expect(visibleText(decidedView(rejected, refresh))).toContain(
      'Rejected by Sgt Dana Whitfield on Tue 3 Mar 2026, 16:00 GMT.',
    );
    expect(visibleText(decidedView(rejected, refresh))).toContain('**Comment:** Not enough detail.');
    const failed = pendingRequest({
      status: 'failed',
      decision: { by: 'Sgt Dana Whitfield', at: new Date('2026-03-03T16:00:00Z') },
      failure: 'Box refused the collaboration.',
    });
    expect(visibleText(decidedView(failed, refresh))).toContain(
      'access could not be set up: Box refused the collaboration.',
    );
  });

  it('routes pending requests by viewer', () => {
    const pending = pendingRequest();
    expect(verbsOf(approvalCardFor(pending, 'approver', refresh))).toEqual(['request.approve', 'request.reject']);
    expect(verbsOf(approvalCardFor(pending, 'requester', refresh))).toEqual([]);
    expect(verbsOf(approvalCardFor(pending, 'other', refresh))).toEqual(['request.refresh']);
  });
});

describe('share-link card', () => {
  const base = {
    expiresAt: new Date('2026-04-01T12:00:00Z'),
    access: 'download' as const,
    caseReference: '5212345/26',
    approvedBy: 'Sgt Dana Whitfield',
  };

  it('has an "Open in Box" button per recording, the expiry in London time, the access, case and approver', () => {
    const recordings = tenGrantedRecordings()
      .slice(0, 3)
      .map((r) => ({ ...r, thumbnailDataUri: undefined }));
    const card = shareLinkCard({ ...base, recordings });
    expect(findAll<{ title: string; url: string }>(card, 'Action.OpenUrl').map((a) => [a.title, a.url])).toEqual(
      recordings.map((r) => ['Open in Box', r.openUrl]),
    );
    const text = visibleText(card);
    expect(text).toMatch(/^Access granted: 3 recordings/);
    expect(text).toContain('Access until: Wed 1 Apr 2026, 13:00 BST');
    expect(text).toContain('Access: View and download');
    expect(text).toContain('Case: 5212345/26');
    expect(text).toContain('Approved by: Sgt Dana Whitfield');
  });

  it('keeps ten recordings with thumbnails within 80 KB, with every link', () => {
    const card = shareLinkCard({ ...base, recordings: tenGrantedRecordings() });
    assertValidCard(card, { limitBytes: CARD_SIZE_LIMITS.message });
    expect(findAll(card, 'Image').length).toBeGreaterThan(0);
    expect(findAll(card, 'Action.OpenUrl')).toHaveLength(10);
  });

  it('once access has ended, shows why and drops links and thumbnails', () => {
    const card = shareLinkCard({
      ...base,
      recordings: tenGrantedRecordings(),
      ended: { kind: 'expired', at: new Date('2026-04-01T12:00:00Z') },
    });
    expect(findAll(card, 'Action.OpenUrl')).toHaveLength(0);
    expect(findAll(card, 'Image')).toHaveLength(0);
    expect(visibleText(card)).toContain('Access expired on Wed 1 Apr 2026, 13:00 BST.');
  });
});

describe('notices', () => {
  it('tells the officer the rejection reason', () => {
    const text = visibleText(
      rejectionNotice({
        recordings: summaries(1),
        caseReference: '5212345/26',
        rejectedBy: 'Sgt Dana Whitfield',
        rejectedAt: new Date('2026-03-03T16:00:00Z'),
        reason: 'Use the **council** copy instead.',
      }),
    );
    expect(text).toContain('Sgt Dana Whitfield rejected your request on Tue 3 Mar 2026, 16:00 GMT.');
    expect(text).toContain('**Reason**\nUse the \\*\\*council\\*\\* copy instead.');
  });

  it('tells the officer when access expired and when it was revoked, and by whom', () => {
    expect(
      visibleText(
        expiryNotice({
          recordings: summaries(1),
          caseReference: '5212345/26',
          expiredAt: new Date('2026-03-10T16:00:00Z'),
        }),
      ),
    ).toContain('Your access to 1 recording ended on Tue 10 Mar 2026, 16:00 GMT.');
    expect(
      visibleText(
        revocationNotice({
          recordings: summaries(2),
          caseReference: '5212345/26',
          revokedBy: 'Insp Ravi Mehta',
          revokedAt: new Date('2026-03-30T09:00:00Z'),
        }),
      ),
    ).toContain('Insp Ravi Mehta revoked your access to 2 recordings on Mon 30 Mar 2026, 10:00 BST.');
  });
});
