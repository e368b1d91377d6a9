/**
 * The footage request rules without a database or Box: the form as the server judges it (cameras,
 * window at most 24 hours and not in the future, case reference, what happened, owner email, link
 * days), who may cancel or extend, and what the bytes of a file say it is.
 */
import { createHash, randomBytes } from 'node:crypto';
import { Readable } from 'node:stream';
import type { FootageRequest } from '../../../src/footage/footage-requests';
import {
  canManage,
  checkFootageForm,
  checkManage,
  classifyContent,
  digestContent,
  type FootageFormInput,
} from '../../../src/footage/footage-requests';
import type { Person } from '../../../src/footage/people';
import { demoGazetteer } from '../demo-data';

const NOW = new Date('2026-03-20T10:00:00Z');
const policy = { defaultLinkDays: 7 };

function form(overrides: Partial<FootageFormInput> = {}): FootageFormInput {
  return {
    cameraIds: ['LAM-0105'],
    date: '2026-03-03',
    from: '14:00',
    to: '16:00',
    caseReference: '5274265/26',
    whatHappened: 'A robbery outside Brixton Station; the suspect ran south.',
    ownerEmail: 'manager@example.com',
    linkDays: null,
    ...overrides,
  };
}

function problemOf(overrides: Partial<FootageFormInput>): string {
  const check = checkFootageForm(form(overrides), demoGazetteer(), policy, NOW);
  if (check.ok) throw new Error('expected a problem');
  return check.problem;
}

describe('the footage request form', () => {
  it('reads a London window (GMT in early March) and the default link days', () => {
    const check = checkFootageForm(form(), demoGazetteer(), policy, NOW);
    if (!check.ok) throw new Error(check.problem);
    expect(check.form.windowStart.toISOString()).toBe('2026-03-03T14:00:00.000Z');
    expect(check.form.windowEnd.toISOString()).toBe('2026-03-03T16:00:00.000Z');
    expect(check.form.linkDays).toBe(7);
    expect(check.form.cameras.map((c) => c.cameraId)).toEqual(['LAM-0105']);
  });

  it('reads a window across midnight and London summer time', () => {
    const check = checkFootageForm(
      form({ date: '2026-04-14', from: '22:00', to: '01:30' }),
      demoGazetteer(),
      policy,
      new Date('2026-05-01T00:00:00Z'),
    );
    if (!check.ok) throw new Error(check.problem);
    expect(check.form.windowStart.toISOString()).toBe('2026-04-14T21:00:00.000Z');
    expect(check.form.windowEnd.toISOString()).toBe('2026-04-15T00:30:00.000Z');
  });

  it('says what to change for each bad input', () => {
    expect(problemOf({ cameraIds: ['ZZZ-9999'] })).toMatch(/don't know a camera ZZZ-9999/);
    expect(problemOf({ cameraIds: [] })).toMatch(/at least one camera/);
    expect(problemOf({ date: '2026-03-25' })).toMatch(/future/);
    expect(
      checkFootageForm(form({ date: '2026-03-19', from: '09:00', to: '10:00' }), demoGazetteer(), policy, NOW).ok,
    ).toBe(true);
    expect(problemOf({ date: '' })).toMatch(/date/);
    expect(problemOf({ from: '25:00' })).toMatch(/start and end time/);
    expect(problemOf({ caseReference: '' })).toMatch(/Enter the case reference/);
    expect(problemOf({ caseReference: '12345' })).toMatch(/seven digits/);
    expect(problemOf({ whatHappened: ' ' })).toMatch(/what happened/);
    expect(problemOf({ whatHappened: 'x'.repeat(501) })).toMatch(/at most 500 characters \(it has 501\)/);
    expect(problemOf({ ownerEmail: 'not an email' })).toMatch(/not an email address/);
    expect(problemOf({ linkDays: 31 })).toMatch(/1 to 30 days/);
    expect(problemOf({ linkDays: 0 })).toMatch(/1 to 30 days/);
  });

  it('refuses more than 24 hours per camera; exactly 24 is allowed', () => {
    // 14:00 to 14:00 runs into the next day: exactly 24 hours.
    expect(checkFootageForm(form({ from: '14:00', to: '14:00' }), demoGazetteer(), policy, NOW).ok).toBe(true);
    expect(problemOf({ from: '14:00', to: '14:01', endDate: '2026-03-04' })).toMatch(/at most 24 hours/);
    expect(problemOf({ from: '14:00', to: '13:00', endDate: '2026-03-03' })).toMatch(/after its start/);
  });

  it('accepts owner addresses outside the force, whatever their domain', () => {
    expect(checkFootageForm(form({ ownerEmail: 'cctv.lambeth@example.org' }), demoGazetteer(), policy, NOW).ok).toBe(
      true,
    );
    expect(checkFootageForm(form({ ownerEmail: 'shop+cctv@corner-shop.co.uk' }), demoGazetteer(), policy, NOW).ok).toBe(
      true,
    );
  });
});

describe("each camera's owner", () => {
  it('gives each camera the email typed for its owner, the single field to the others', () => {
    const check = checkFootageForm(
      form({
        cameraIds: ['LAM-0105', 'LAM-0106', 'LAM-0108'],
        ownerEmail: 'fallback@example.org',
        cameraOwnerEmails: { 'LAM-0105': ' shop@example.com ', 'LAM-0106': 'cctv.lambeth@example.org' },
      }),
      demoGazetteer(),
      policy,
      NOW,
    );
    if (!check.ok) throw new Error(check.problem);
    expect(Object.fromEntries(check.form.ownerEmails)).toEqual({
      'LAM-0105': 'shop@example.com',
      'LAM-0106': 'cctv.lambeth@example.org',
      'LAM-0108': 'fallback@example.org',
    });
    expect(check.form.ownerEmail).toBe('shop@example.com');
  });

  it('names the owner whose email is wrong or missing', () => {
    expect(
      problemOf({
        cameraIds: ['LAM-0105', 'LAM-0106'],
        cameraOwnerEmails: { 'LAM-0105': 'a@b.org', 'LAM-0106': 'nope' },
      }),
    ).toMatch(/"nope" is not an email address. Enter the contact email of London Borough of Lambeth \(LAM-0106\)/);
    expect(
      problemOf({ cameraIds: ['LAM-0105', 'LAM-0106'], ownerEmail: '', cameraOwnerEmails: { 'LAM-0105': 'a@b.org' } }),
    ).toMatch(/^Enter the owner's contact email/);
  });

  it('refuses to ask the owner of a camera whose footage reaches Box by itself', () => {
    expect(problemOf({ cameraIds: ['SWK-0112'] })).toMatch(/reaches Box by itself/);
  });
});

describe('who may cancel or extend', () => {
  const alice: Person = {
    aadObjectId: 'a',
    name: 'PC Alice',
    role: 'officer',
    borough: 'Lambeth',
    email: 'alice@police.example',
  };
  const bob: Person = {
    aadObjectId: 'b',
    name: 'PC Bob',
    role: 'officer',
    borough: 'Lambeth',
    email: 'bob@police.example',
  };
  const dana: Person = {
    aadObjectId: 'd',
    name: 'Sgt Dana',
    role: 'supervisor',
    borough: 'Lambeth',
    email: 'dana@police.example',
  };
  const sam: Person = {
    aadObjectId: 's',
    name: 'Sgt Sam',
    role: 'supervisor',
    borough: 'Camden',
    email: 'sam@police.example',
  };
  const ada: Person = {
    aadObjectId: 'x',
    name: 'Admin Ada',
    role: 'admin',
    borough: null,
    email: 'ada@police.example',
  };
  const request = { requesterAadObjectId: 'a', status: 'waiting', filesReceived: 0 } as FootageRequest;

  it('allows the requester, their borough supervisors and admins only', () => {
    expect([alice, bob, dana, sam, ada].map((p) => canManage(p, request, alice))).toEqual([
      true,
      false,
      true,
      false,
      true,
    ]);
  });

  it('refuses a closed request with its state', () => {
    const check = checkManage(alice, { ...request, status: 'cancelled' }, alice, 'extend');
    expect(check).toEqual({
      ok: false,
      refusal: { code: 'not_open', message: 'The upload link is already closed: the request is cancelled.' },
    });
    expect(checkManage(bob, request, alice, 'cancel')).toMatchObject({ ok: false, refusal: { code: 'not_allowed' } });
  });
});

describe('what arrived', () => {
  it('hashes a stream chunk by chunk: the digest equals a one-shot hash of the same bytes', async () => {
    const chunks = Array.from({ length: 40 }, () => randomBytes(64 * 1024));
    const expected = createHash('sha256').update(Buffer.concat(chunks)).digest('hex');
    const digest = await digestContent(Readable.from(chunks));
    expect(digest.sha256).toBe(expected);
    expect(digest.sizeBytes).toBe(40 * 64 * 1024);
    expect(digest.head.equals(chunks[0].subarray(0, 64))).toBe(true);
  });

  it('tells video from the other things recorders export, by the bytes', () => {
    const mp4 = Buffer.concat([Buffer.from([0, 0, 0, 0x20]), Buffer.from('ftypisom')]);
    expect(classifyContent(mp4, 'export.bin')).toEqual({ contentType: 'video/mp4', isVideo: true });
    expect(
      classifyContent(Buffer.concat([Buffer.from('RIFF'), Buffer.alloc(4), Buffer.from('AVI ')]), 'cam.avi'),
    ).toEqual({ contentType: 'video/x-msvideo', isVideo: true });
    expect(classifyContent(Buffer.from([0x50, 0x4b, 0x03, 0x04]), 'player.zip')).toEqual({
      contentType: 'application/zip',
      isVideo: false,
    });
    expect(classifyContent(Buffer.from('MZ\x90\x00'), 'Player.exe')).toEqual({
      contentType: 'application/vnd.microsoft.portable-executable',
      isVideo: false,
    });
    expect(classifyContent(Buffer.from('How to play these files'), 'README.txt')).toEqual({
      contentType: 'text/plain',
      isVideo: false,
    });
    // A name is not enough: a text file called .mp4 is not video.
    expect(classifyContent(Buffer.from('not really a video'), 'clip.mp4').isVideo).toBe(false);
  });
});
