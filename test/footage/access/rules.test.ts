import {
  checkDecision,
  checkRequestForm,
  checkRevocation,
  eligibleApprovers,
  planRouting,
  viewerRoleOf,
} from '../../../src/footage/access';
import { collaborationFor, grantsIn, sharedLinkFor, type LiveGrant } from '../../../src/footage/access/live-grants';
import type { Person } from '../../../src/footage/people';
import type { AccessRequest, AccessRequestStatus } from '../../../src/footage/ports/store';

/** The access flow's pure rules: the form, who may decide or revoke, where cards go, what Box is told. */
const person = (name: string, role: Person['role'], borough: string | null): Person => ({
  aadObjectId: `aad-${name}`,
  name,
  role,
  borough,
  email: `${name}@police.example`,
  teamsId: `29:${name}`,
});
const alice = person('alice', 'officer', 'Lambeth');
const ben = person('ben', 'officer', 'Southwark');
const dana = person('dana', 'supervisor', 'Lambeth');
const ed = person('ed', 'supervisor', 'Southwark');
const priya = person('priya', 'admin', null);

function request(overrides: Partial<AccessRequest> = {}): AccessRequest {
  const now = new Date('2026-03-20T10:00:00Z');
  return {
    id: 'r1',
    idempotencyKey: 'k',
    requesterAadObjectId: alice.aadObjectId,
    recordings: [],
    caseReference: '5212345/26',
    reason: 'r',
    access: 'view',
    downloadJustification: null,
    durationDays: 7,
    status: 'pending',
    decidedBy: null,
    decidedAt: null,
    decisionComment: null,
    approvedDurationDays: null,
    expiresAt: null,
    revokedBy: null,
    revokedAt: null,
    createdAt: now,
    updatedAt: now,
    ...overrides,
  };
}

describe('the request form', () => {
  const policy = { maxDurationDays: 30, defaultDurationDays: 7 };
  const good = {
    caseReference: '5212345/26',
    reason: 'Robbery',
    access: 'view' as const,
    justification: '',
    durationDays: 7,
  };

  test('a complete form is accepted, trimmed, with the duration asked', () => {
    expect(checkRequestForm({ ...good, caseReference: ' 5212345/26 ', reason: ' Robbery ' }, policy)).toEqual({
      ok: true,
      form: {
        caseReference: '5212345/26',
        reason: 'Robbery',
        access: 'view',
        downloadJustification: null,
        durationDays: 7,
      },
    });
  });

  test.each([
    ['5212345', /seven digits, a slash and two digits/],
    ['521234/26', /seven digits/],
    ['5212345/2026', /seven digits/],
    ['abcdefg/26', /seven digits/],
  ])('case reference %s is refused', (caseReference, problem) => {
    const check = checkRequestForm({ ...good, caseReference }, policy);
    expect(check.ok).toBe(false);
    expect(!check.ok && check.problem).toMatch(problem);
  });

  test('the reason is required and at most 500 characters', () => {
    expect(checkRequestForm({ ...good, reason: '  ' }, policy)).toMatchObject({
      ok: false,
      problem: expect.stringMatching(/reason/),
    });
    expect(checkRequestForm({ ...good, reason: 'x'.repeat(501) }, policy)).toMatchObject({
      ok: false,
      problem: expect.stringMatching(/500/),
    });
    expect(checkRequestForm({ ...good, reason: 'x'.repeat(500) }, policy).ok).toBe(true);
  });

  test('download needs a justification; view drops one typed anyway', () => {
    expect(checkRequestForm({ ...good, access: 'download' }, policy)).toMatchObject({
      ok: false,
      problem: expect.stringMatching(/download/),
    });
    expect(checkRequestForm({ ...good, access: 'download', justification: 'CPS' }, policy)).toMatchObject({
      ok: true,
      form: { downloadJustification: 'CPS' },
    });
    expect(checkRequestForm({ ...good, justification: 'CPS' }, policy)).toMatchObject({
      ok: true,
      form: { downloadJustification: null },
    });
  });

  test('the duration defaults to the policy and stays within 1..max', () => {
    expect(checkRequestForm({ ...good, durationDays: null }, policy)).toMatchObject({
      ok: true,
      form: { durationDays: 7 },
    });
    expect(checkRequestForm({ ...good, durationDays: 30 }, policy).ok).toBe(true);
    for (const durationDays of [0, 31])
      expect(checkRequestForm({ ...good, durationDays }, policy)).toMatchObject({
        ok: false,
        problem: expect.stringMatching(/1 to 30 days/),
      });
  });
});

describe('who may decide', () => {
  const approve = { decision: 'approved' as const, durationDays: null };

  test('a supervisor or admin may decide someone else’s pending request, as asked or shorter', () => {
    expect(checkDecision(dana, request(), approve, 30)).toEqual({ ok: true, approvedDurationDays: 7 });
    expect(checkDecision(priya, request(), { decision: 'approved', durationDays: 3 }, 30)).toEqual({
      ok: true,
      approvedDurationDays: 3,
    });
    expect(checkDecision(ed, request(), { decision: 'rejected', durationDays: 99 }, 30)).toEqual({
      ok: true,
      approvedDurationDays: null,
    });
  });

  test.each([
    ['an officer', ben, request(), approve, 'not_an_approver'],
    [
      'the requester, even a supervisor',
      dana,
      request({ requesterAadObjectId: dana.aadObjectId }),
      approve,
      'own_request',
    ],
    ['a decided request', dana, request({ status: 'approved' }), approve, 'not_pending'],
    ['a missing request', dana, undefined, approve, 'not_found'],
    [
      'a longer duration than asked',
      dana,
      request(),
      { decision: 'approved' as const, durationDays: 8 },
      'duration_too_long',
    ],
    ['a duration of zero', dana, request(), { decision: 'approved' as const, durationDays: 0 }, 'invalid_duration'],
  ])('%s is refused', (_what, decider, stored, input, code) => {
    expect(checkDecision(decider, stored, input, 30)).toMatchObject({ ok: false, refusal: { code } });
  });

  test("a supervisor decides their own borough's requests; admins any; APPROVAL_SCOPE=force any supervisor", () => {
    const borough = { scope: 'borough' as const, requester: alice };
    expect(checkDecision(dana, request(), approve, 30, borough)).toMatchObject({ ok: true });
    expect(checkDecision(priya, request(), approve, 30, borough)).toMatchObject({ ok: true });
    expect(checkDecision(ed, request(), approve, 30, borough)).toEqual({
      ok: false,
      refusal: {
        code: 'not_an_approver',
        message: 'Only a Lambeth supervisor or an administrator can decide this request.',
      },
    });
    expect(checkDecision(ed, request(), approve, 30, { scope: 'force', requester: alice })).toMatchObject({ ok: true });
    // A requester no longer on the roster has no borough: only an administrator decides.
    expect(checkDecision(dana, request(), approve, 30, { scope: 'borough', requester: undefined })).toMatchObject({
      ok: false,
      refusal: { message: expect.stringMatching(/Only an administrator/) },
    });
    expect(viewerRoleOf(ed, request(), borough)).toBe('other');
    expect(viewerRoleOf(dana, request(), borough)).toBe('approver');
  });

  test('routing follows the scope: the borough first, then administrators (or, with force, every other supervisor)', () => {
    const chloe = person('chloe', 'officer', 'Westminster');
    expect(planRouting(alice, [dana, ed, priya], 'borough')).toEqual({ borough: [dana], fallback: [priya] });
    expect(planRouting(chloe, [dana, ed, priya], 'borough')).toEqual({ borough: [], fallback: [priya] });
    expect(planRouting(chloe, [dana, ed, priya], 'force')).toEqual({ borough: [], fallback: [dana, ed] });
    expect(eligibleApprovers(alice, [priya, ed, dana], 'borough').map((p) => p.name)).toEqual(['dana', 'priya']);
  });

  test('a requested duration above a lowered maximum can only be approved up to the maximum', () => {
    expect(checkDecision(dana, request({ durationDays: 20 }), approve, 14)).toMatchObject({
      ok: false,
      refusal: { code: 'duration_too_long', message: expect.stringMatching(/at most 14 days/) },
    });
  });

  test('revoking needs a supervisor or admin and access that is live or being set up', () => {
    const live: AccessRequestStatus[] = ['approved', 'granting', 'granted', 'partially_failed'];
    for (const status of live) expect(checkRevocation(dana, request({ status }))).toEqual({ ok: true });
    for (const status of ['pending', 'rejected', 'failed', 'expired', 'revoked'] as const) {
      expect(checkRevocation(dana, request({ status }))).toMatchObject({
        ok: false,
        refusal: { code: 'not_revocable' },
      });
    }
    expect(checkRevocation(alice, request({ status: 'granted' }))).toMatchObject({
      ok: false,
      refusal: { code: 'not_an_approver' },
    });
  });

  test('each viewer’s role comes from the roster and the stored request', () => {
    expect(viewerRoleOf(alice, request())).toBe('requester');
    expect(viewerRoleOf(dana, request())).toBe('approver');
    expect(viewerRoleOf(priya, request())).toBe('approver');
    expect(viewerRoleOf(ben, request())).toBe('other');
    expect(viewerRoleOf(dana, request({ requesterAadObjectId: dana.aadObjectId }))).toBe('requester');
  });
});

describe('where approval cards go', () => {
  test('the borough’s supervisors first, the others as the fallback, never the requester or admins', () => {
    expect(planRouting(alice, [dana, ed])).toEqual({ borough: [dana], fallback: [ed] });
    expect(planRouting(dana, [dana, ed])).toEqual({ borough: [], fallback: [ed] });
    expect(planRouting(person('chloe', 'officer', 'Westminster'), [dana, ed])).toEqual({
      borough: [],
      fallback: [dana, ed],
    });
    expect(planRouting(alice, [dana, priya])).toEqual({ borough: [dana], fallback: [] });
  });

  test('everyone who may decide, borough supervisors first, admins last, without the requester', () => {
    expect(eligibleApprovers(alice, [priya, ed, alice, ben, dana]).map((p) => p.name)).toEqual(['dana', 'ed', 'priya']);
    expect(eligibleApprovers(dana, [priya, ed, dana]).map((p) => p.name)).toEqual(['ed', 'priya']);
  });
});

describe('what Box is told when grants overlap', () => {
  const at = (day: number): Date => new Date(Date.UTC(2026, 2, day));
  const grant = (access: 'view' | 'download', day: number, extra: Partial<LiveGrant> = {}): LiveGrant => ({
    requestId: 'x',
    requesterAadObjectId: alice.aadObjectId,
    boxFileId: 'f1',
    access,
    expiresAt: at(day),
    collaborationId: 'c1',
    sharedLinkUrl: 'https://l',
    ...extra,
  });

  test('a person’s collaboration serves the strongest and longest of their live grants', () => {
    expect(collaborationFor({ access: 'view', expiresAt: at(10) }, [])).toEqual({
      role: 'previewer',
      expiresAt: at(10),
    });
    expect(collaborationFor({ access: 'view', expiresAt: at(10) }, [grant('download', 5)])).toEqual({
      role: 'viewer',
      expiresAt: at(10),
    });
    expect(collaborationFor({ access: 'view', expiresAt: at(10) }, [grant('view', 20)])).toEqual({
      role: 'previewer',
      expiresAt: at(20),
    });
  });

  test('a file’s link lasts as long as any grant and allows download only if every grant does', () => {
    expect(sharedLinkFor({ access: 'download', expiresAt: at(10) }, [])).toEqual({
      unsharedAt: at(10),
      canDownload: true,
    });
    expect(sharedLinkFor({ access: 'download', expiresAt: at(10) }, [grant('view', 12)])).toEqual({
      unsharedAt: at(12),
      canDownload: false,
    });
  });

  test('only recordings holding a collaboration count as live grants', () => {
    const base = request({ status: 'granted', expiresAt: at(9) });
    const recordings = [
      {
        boxFileId: 'a',
        fileName: 'a',
        state: 'granted' as const,
        collaborationId: 'c-a',
        sharedLinkUrl: null,
        error: null,
        updatedAt: at(1),
      },
      {
        boxFileId: 'b',
        fileName: 'b',
        state: 'pending' as const,
        collaborationId: 'c-b',
        sharedLinkUrl: null,
        error: null,
        updatedAt: at(1),
      },
      {
        boxFileId: 'c',
        fileName: 'c',
        state: 'pending' as const,
        collaborationId: null,
        sharedLinkUrl: null,
        error: null,
        updatedAt: at(1),
      },
      {
        boxFileId: 'd',
        fileName: 'd',
        state: 'revoked' as const,
        collaborationId: 'c-d',
        sharedLinkUrl: null,
        error: null,
        updatedAt: at(1),
      },
    ];
    expect(grantsIn({ ...base, recordings }).map((g) => g.boxFileId)).toEqual(['a', 'b']);
    expect(grantsIn({ ...base, recordings, expiresAt: null })).toEqual([]);
  });
});
