/** Invokes arrive as `value.action = { verb, data }`, with the card's inputs merged into data by Teams. */
import { ALL_CARD_VERBS, CARD_VERBS, INPUT_IDS, parseCardAction, type ParsedCardAction } from '../../src/cards';

function parsed(verb: unknown, data: unknown): ParsedCardAction {
  const result = parseCardAction(verb, data);
  if (!result.ok) throw new Error(`expected ${String(verb)} to parse, got: ${result.reason}`);
  return result.action;
}

function refused(verb: unknown, data: unknown): string {
  const result = parseCardAction(verb, data);
  if (result.ok) throw new Error(`expected ${String(verb)} to be refused, got ${JSON.stringify(result.action)}`);
  return result.reason;
}

describe('parseCardAction', () => {
  it('knows exactly the exported verbs', () => {
    expect([...ALL_CARD_VERBS].sort()).toEqual([
      'chatUpload.describe',
      'chatUpload.discard',
      'footage.nextPage',
      'footage.pickPlace',
      'footageRequest.cancel',
      'footageRequest.extend',
      'footageRequest.open',
      'footageRequest.refresh',
      'footageRequest.submit',
      'grant.revoke',
      'request.approve',
      'request.open',
      'request.refresh',
      'request.reject',
      'request.submit',
    ]);
    expect(refused('request.delete', { requestId: 'r1' })).toBe('unknown action');
    expect(refused(undefined, {})).toBe('unknown action');
  });

  it('parses the chat upload form: the tick box only when ticked, the rest as typed', () => {
    const data = {
      uploadId: 'a1b2c3d4e5f6',
      uploadCameraId: ' lam-0105 ',
      footageDate: '2026-03-03',
      footageFrom: '14:00',
      footageTo: '15:00',
      caseReference: '5274265/26',
      cameFrom: 'USB stick',
      keepNonFootage: 'true',
    };
    expect(parsed(CARD_VERBS.chatUploadDescribe, data)).toEqual({
      verb: 'chatUpload.describe',
      uploadId: 'a1b2c3d4e5f6',
      cameraId: 'lam-0105',
      date: '2026-03-03',
      from: '14:00',
      to: '15:00',
      endDate: '',
      caseReference: '5274265/26',
      cameFrom: 'USB stick',
      keepNonFootage: true,
      place: '',
      owner: '',
    });
    expect(parsed(CARD_VERBS.chatUploadDescribe, { ...data, keepNonFootage: undefined })).toMatchObject({
      keepNonFootage: false,
    });
    expect(refused(CARD_VERBS.chatUploadDescribe, { ...data, uploadId: '../x y' })).toMatch(/uploadId/);
    expect(parsed(CARD_VERBS.chatUploadDiscard, { uploadId: 'a1b2c3d4e5f6' })).toEqual({
      verb: 'chatUpload.discard',
      uploadId: 'a1b2c3d4e5f6',
    });
  });

  it('parses the footage request verbs: cameras from the button or the picker, the form as typed', () => {
    expect(
      parsed(CARD_VERBS.footageRequestOpen, {
        cameraIds: ['lam-0105'],
        start: '2026-03-03T14:00:00.000Z',
        end: 'yesterday',
      }),
    ).toEqual({
      verb: 'footageRequest.open',
      cameraIds: ['LAM-0105'],
      start: new Date('2026-03-03T14:00:00.000Z'),
      end: null,
      caseReference: '',
    });
    expect(
      parsed(CARD_VERBS.footageRequestOpen, { [INPUT_IDS.footageCameraIds]: 'LAM-0105,LAM-0106,LAM-0105' }),
    ).toMatchObject({ cameraIds: ['LAM-0105', 'LAM-0106'] });
    expect(refused(CARD_VERBS.footageRequestOpen, { cameraIds: ["LAM-0105' OR 1=1"] })).toMatch(/invalid camera id/);
    expect(
      parsed(CARD_VERBS.footageRequestSubmit, {
        formToken: 'f1',
        [INPUT_IDS.footageCameraIds]: 'LAM-0105',
        [INPUT_IDS.footageDate]: '2026-03-03',
        [INPUT_IDS.linkDays]: '7',
        [INPUT_IDS.ownerEmail]: ' a@example.org ',
      }),
    ).toMatchObject({
      verb: 'footageRequest.submit',
      formToken: 'f1',
      cameraIds: ['LAM-0105'],
      date: '2026-03-03',
      from: '',
      linkDays: 7,
      ownerEmail: 'a@example.org',
    });
    // Several owners: each group's email goes to every camera of the group.
    expect(
      parsed(CARD_VERBS.footageRequestSubmit, {
        formToken: 'f2',
        ownerGroups: { 'LAM-0105': ['LAM-0105'], 'LAM-0106': ['LAM-0106', 'lam-0112'] },
        [INPUT_IDS.footageCameraIds]: 'LAM-0105,LAM-0106,LAM-0112',
        'ownerEmail.LAM-0105': ' shop@example.com ',
        'ownerEmail.LAM-0106': 'cctv.lambeth@example.org',
      }),
    ).toMatchObject({
      ownerEmail: '',
      cameraOwnerEmails: {
        'LAM-0105': 'shop@example.com',
        'LAM-0106': 'cctv.lambeth@example.org',
        'LAM-0112': 'cctv.lambeth@example.org',
      },
    });
    expect(refused(CARD_VERBS.footageRequestSubmit, { formToken: 'f3', ownerGroups: ['x'] })).toMatch(/ownerGroups/);
    expect(
      refused(CARD_VERBS.footageRequestSubmit, { formToken: 'f3', ownerGroups: { __proto__x: ['LAM-0105'] } }),
    ).toMatch(/invalid camera id/);
    expect(refused(CARD_VERBS.footageRequestCancel, {})).toMatch(/requestId/);
  });

  it('parses paging and place picking', () => {
    expect(parsed(CARD_VERBS.nextPage, { queryToken: 'q.abc-123' })).toEqual({
      verb: 'footage.nextPage',
      queryToken: 'q.abc-123',
    });
    expect(parsed(CARD_VERBS.pickPlace, { queryToken: 'q1', placeId: 'victoria-station' })).toEqual({
      verb: 'footage.pickPlace',
      queryToken: 'q1',
      placeId: 'victoria-station',
    });
    expect(refused(CARD_VERBS.nextPage, {})).toMatch(/queryToken/);
  });

  it('takes a single recording from the button, or several from the multi-select answer', () => {
    expect(parsed(CARD_VERBS.requestAccess, { fileIds: ['1700001'] })).toEqual({
      verb: 'request.open',
      fileIds: ['1700001'],
    });
    expect(parsed(CARD_VERBS.requestAccess, { [INPUT_IDS.selectedFileIds]: '1700001,1700002,1700001' })).toEqual({
      verb: 'request.open',
      fileIds: ['1700001', '1700002'],
    });
    expect(refused(CARD_VERBS.requestAccess, { [INPUT_IDS.selectedFileIds]: '' })).toMatch(/no recording selected/);
    expect(refused(CARD_VERBS.requestAccess, { fileIds: ["1' OR 1=1"] })).toMatch(/invalid file id/);
  });

  it('parses the request form with its inputs, trimmed, and the duration as a number', () => {
    const action = parsed(CARD_VERBS.submitRequest, {
      formToken: 'form-1',
      fileIds: ['1700001'],
      caseReference: ' 5212345/26 ',
      reason: 'Robbery',
      access: 'download',
      justification: 'Court bundle',
      durationDays: '7',
    });
    expect(action).toEqual({
      verb: 'request.submit',
      formToken: 'form-1',
      fileIds: ['1700001'],
      caseReference: '5212345/26',
      reason: 'Robbery',
      access: 'download',
      justification: 'Court bundle',
      durationDays: 7,
    });
  });

  it('leaves meaning to the domain: empty inputs become "", a bad duration null', () => {
    const action = parsed(CARD_VERBS.submitRequest, { formToken: 'form-1', fileIds: ['1'], durationDays: 'seven' });
    expect(action).toMatchObject({
      caseReference: '',
      reason: '',
      access: 'view',
      justification: '',
      durationDays: null,
    });
  });

  it('refuses forged shapes: unknown access levels, non-text inputs, huge text', () => {
    expect(refused(CARD_VERBS.submitRequest, { formToken: 'f', fileIds: ['1'], access: 'owner' })).toMatch(/access/);
    expect(refused(CARD_VERBS.submitRequest, { formToken: 'f', fileIds: ['1'], reason: { $gt: '' } })).toMatch(
      /reason must be text/,
    );
    expect(refused(CARD_VERBS.submitRequest, { formToken: 'f', fileIds: ['1'], reason: 'x'.repeat(10_001) })).toMatch(
      /too long/,
    );
    expect(refused(CARD_VERBS.submitRequest, { fileIds: ['1'] })).toMatch(/formToken/);
  });

  it('parses decisions with the comment and the (possibly shortened) duration', () => {
    expect(
      parsed(CARD_VERBS.approve, { requestId: 'req-1', decisionComment: ' ok ', approvedDurationDays: '3' }),
    ).toEqual({ verb: 'request.approve', requestId: 'req-1', comment: 'ok', durationDays: 3 });
    expect(parsed(CARD_VERBS.reject, { requestId: 'req-1' })).toEqual({
      verb: 'request.reject',
      requestId: 'req-1',
      comment: '',
    });
    expect(parsed(CARD_VERBS.refresh, { requestId: 'req-1' })).toEqual({ verb: 'request.refresh', requestId: 'req-1' });
    expect(parsed(CARD_VERBS.revoke, { requestId: 'req-1' })).toEqual({ verb: 'grant.revoke', requestId: 'req-1' });
  });

  it('ignores claims a card could make about who is acting', () => {
    const action = parsed(CARD_VERBS.approve, { requestId: 'req-1', role: 'admin', approver: 'Sgt Dana Whitfield' });
    expect(action).toEqual({ verb: 'request.approve', requestId: 'req-1', comment: '', durationDays: null });
  });

  it('refuses missing or malformed ids and non-object data', () => {
    expect(refused(CARD_VERBS.approve, {})).toMatch(/requestId/);
    expect(refused(CARD_VERBS.approve, { requestId: 'x'.repeat(129) })).toMatch(/requestId/);
    expect(refused(CARD_VERBS.approve, 'req-1')).toMatch(/requestId/);
  });
});
