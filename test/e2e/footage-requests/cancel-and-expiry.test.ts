/**
 * The link card's Cancel and Extend, re-authorised on the server (the requester, their supervisors,
 * an admin; nobody else), link expiry closing the file request in Box, `my footage requests`, and
 * bad input answered with a card saying what to change.
 */
import { BoxProbe } from '../access/box-probe';
import {
  actionData,
  alice,
  backends,
  ben,
  cardText,
  dana,
  invokeCard,
  personalConversation,
  useAccessBot,
  waitForPosted,
  waitUntil,
} from '../access/support';
import {
  askForFootage,
  footageRequest,
  GOOD_ANSWERS,
  inputValues,
  requestIdOf,
  sendForm,
  uploadAsOwner,
  uploadUrlOf,
  videoBytes,
} from './support';

const DAY_MS = 24 * 60 * 60 * 1000;

describe.each(backends())('cancelling, extending and expiry on %s', (backend) => {
  const ctx = useAccessBot(backend, { install: [alice, ben, dana] });

  it('lets only the requester, their supervisors or an admin cancel or extend; a cancelled link takes no uploads', async () => {
    const { h, store } = ctx.bot;
    const form = await askForFootage(h, alice);
    const again = await sendForm(h, alice, form);
    const requestId = requestIdOf(again);
    // The same form sent twice makes one request.
    const twice = await sendForm(h, alice, form);
    expect(requestIdOf(twice)).toBe(requestId);
    expect(cardText(twice)).toMatch(/already sent/);
    const request = await footageRequest(store, requestId);
    expect(await store.intake.footageRequests.listByRequester(alice.aadObjectId)).toHaveLength(1);

    // Ben, another officer, may not touch Alice's request.
    const refused = invokeCard(await h.teams.execute(ben, 'footageRequest.cancel', { requestId }));
    expect(cardText(refused)).toMatch(/Only the officer who asked, their supervisors or an administrator can cancel/);
    expect((await footageRequest(store, requestId)).status).toBe('waiting');

    // Dana, Alice's supervisor, extends by 7 days: Box's file request moves too.
    const extended = invokeCard(await h.teams.execute(dana, 'footageRequest.extend', { requestId }));
    expect(cardText(extended)).toMatch(/Extended: the links stay open until/);
    const after = await footageRequest(store, requestId);
    expect(after.expiresAt.getTime() - request.expiresAt.getTime()).toBe(7 * DAY_MS);
    const probe = new BoxProbe(h.bot.emulator!.url);
    const boxRequest = (await probe.json(`/2.0/file_requests/${after.cameras[0].fileRequestId}`)) as {
      expires_at: string;
      status: string;
    };
    expect(Math.abs(Date.parse(boxRequest.expires_at) - after.expiresAt.getTime())).toBeLessThan(1000);

    // Alice cancels: the file request goes inactive in Box and the page refuses the owner.
    const cancelled = invokeCard(await h.teams.execute(alice, 'footageRequest.cancel', { requestId }));
    expect(cardText(cancelled)).toMatch(/Cancelled: the upload links are closed/);
    expect(JSON.stringify(cancelled)).not.toContain('footageRequest.cancel');
    expect(
      ((await probe.json(`/2.0/file_requests/${after.cameras[0].fileRequestId}`)) as { status: string }).status,
    ).toBe('inactive');
    const upload = await uploadAsOwner(uploadUrlOf(again), [{ name: 'late.mp4', bytes: videoBytes('late') }]);
    expect(upload.status).toBe(410);
    // A second cancel says it is closed already.
    const late = invokeCard(await h.teams.execute(dana, 'footageRequest.cancel', { requestId }));
    expect(cardText(late)).toMatch(/already closed: the request is cancelled/);
    const audit = (await store.audit.list({ target: `footage-request:${requestId}` })).map((e) => e.action);
    expect(audit).toEqual(
      expect.arrayContaining(['footage_requested', 'link_created', 'refused', 'extended', 'cancelled']),
    );

    await h.teams.say(alice, 'my footage requests');
    const list = await waitForPosted(h.connector, personalConversation(alice), /Your footage requests/);
    expect(cardText(list.card)).toContain(requestId);
    expect(cardText(list.card)).toMatch(/cancelled/);
  }, 90_000);

  it('makes one request and one upload link when the form is sent twice at once', async () => {
    const { h, store } = ctx.bot;
    const form = await askForFootage(
      h,
      alice,
      'request footage from camera LAM-0108 on 05/03/2026 between 9am and 10am for case 5274265/26',
    );
    const [a, b] = await Promise.all([sendForm(h, alice, form), sendForm(h, alice, form)]);
    const requestId = requestIdOf(a);
    expect(requestIdOf(b)).toBe(requestId);
    const links = (await store.audit.list({ target: `footage-request:${requestId}` })).filter(
      (e) => e.action === 'link_created',
    );
    expect(links).toHaveLength(1);
    expect((await footageRequest(store, requestId)).cameras[0].uploadUrl).toMatch(/\/f\//);
  }, 60_000);

  it('closes the link in Box when it expires', async () => {
    const { h, store } = ctx.bot;
    const linkCard = await sendForm(
      h,
      alice,
      await askForFootage(
        h,
        alice,
        'request footage from camera LAM-0106 on 04/03/2026 between 1pm and 2pm for case 5274265/26',
      ),
    );
    const requestId = requestIdOf(linkCard);
    // As if the days had passed: the sweep must find it and close the file request.
    const request = await footageRequest(store, requestId);
    await store.intake.footageRequests.extend(requestId, {
      from: ['waiting'],
      expiresAt: new Date(Date.now() - 1000),
      linkDays: request.linkDays,
    });
    const expired = await waitUntil(async () => {
      const current = await footageRequest(store, requestId);
      return current.status === 'expired' ? current : undefined;
    }, 'the request to expire');
    expect(expired.endedBy).toBe('system');
    const probe = new BoxProbe(h.bot.emulator!.url);
    expect(
      ((await probe.json(`/2.0/file_requests/${request.cameras[0].fileRequestId}`)) as { status: string }).status,
    ).toBe('inactive');
    expect((await uploadAsOwner(uploadUrlOf(linkCard), [{ name: 'x.mp4', bytes: videoBytes('x') }])).status).toBe(410);
  }, 60_000);

  it('lists the cameras near a place with their owners, and the ticked ones make the form', async () => {
    const { h } = ctx.bot;
    await h.teams.say(
      alice,
      'request footage near Brixton Station on 03/03/2026 between 2pm and 4pm for case 5274265/26',
    );
    const nearby = await waitForPosted(
      h.connector,
      personalConversation(alice),
      /Cameras within 500 m of Brixton Station/,
    );
    const text = cardText(nearby.card);
    expect(text).toContain('LAM-0105');
    expect(text).toContain('manager.supermarket.brixton-station@example.com');
    const open = actionData(nearby.card, 'footageRequest.open');
    expect(open).toEqual({
      start: '2026-03-03T14:00:00.000Z',
      end: '2026-03-03T16:00:00.000Z',
      caseReference: '5274265/26',
    });
    const form = invokeCard(
      await h.teams.execute(
        alice,
        'footageRequest.open',
        { ...open, footageCameraIds: 'LAM-0105,LAM-0106' },
        { replyToId: nearby.id },
      ),
    );
    expect(inputValues(form)).toMatchObject({
      footageCameraIds: 'LAM-0105,LAM-0106',
      footageDate: '2026-03-03',
      footageFrom: '14:00',
      footageTo: '16:00',
      caseReference: '5274265/26',
    });
  }, 60_000);

  it('offers to ask the owners on a search that finds nothing where cameras are registered', async () => {
    const { h } = ctx.bot;
    await h.teams.say(alice, 'camera LAM-0105 on 01/02/2026 between 2pm and 4pm');
    const noMatch = await waitForPosted(h.connector, personalConversation(alice), /No recordings matched/);
    expect(actionData(noMatch.card, 'footageRequest.open')).toEqual({
      cameraIds: ['LAM-0105'],
      start: '2026-02-01T14:00:00.000Z',
      end: '2026-02-01T16:00:00.000Z',
    });
    const form = invokeCard(
      await h.teams.execute(alice, 'footageRequest.open', actionData(noMatch.card, 'footageRequest.open'), {
        replyToId: noMatch.id,
      }),
    );
    expect(inputValues(form)).toMatchObject({
      footageCameraIds: 'LAM-0105',
      footageDate: '2026-02-01',
      footageFrom: '14:00',
      footageTo: '16:00',
    });
  }, 60_000);

  it('says what to change for bad input, keeping what was typed', async () => {
    const { h } = ctx.bot;
    const unknown = await h.teams.say(alice, 'request footage from camera ZZZ-9999 yesterday');
    expect(unknown.status).toBe(200);
    const card = await waitForPosted(h.connector, personalConversation(alice), /ZZZ-9999/);
    expect(cardText(card.card)).toMatch(/Which footage should I ask for\?/);

    const form = await askForFootage(h, alice);
    const before = (await ctx.bot.store.intake.footageRequests.listByRequester(alice.aadObjectId)).length;
    const cases: Array<[Record<string, string>, RegExp]> = [
      [{ ...GOOD_ANSWERS, footageTo: '14:30', footageEndDate: '2026-03-04' }, /at most 24 hours/],
      [{ ...GOOD_ANSWERS, footageDate: '2099-01-01', footageEndDate: '' }, /ends in the future/],
      [{ ...GOOD_ANSWERS, caseReference: '' }, /Enter the case reference/],
      [{ ...GOOD_ANSWERS, ownerEmail: 'not-an-address' }, /is not an email address/],
      [{ ...GOOD_ANSWERS, whatHappened: 'x'.repeat(501) }, /at most 500 characters/],
    ];
    for (const [answers, problem] of cases) {
      const answer = await sendForm(h, alice, form, answers);
      expect(cardText(answer)).toMatch(problem);
      expect(JSON.stringify(answer)).toContain('footageRequest.submit');
    }
    // None of the refused forms made a request.
    expect(await ctx.bot.store.intake.footageRequests.listByRequester(alice.aadObjectId)).toHaveLength(before);
  }, 60_000);
});
