/**
 * Asking owners from a search's results, through the bot's HTTP endpoint: the results card offers
 * "Ask a camera's owner…" for the cameras on the page, the click opens the form prefilled with the
 * searched window, and the submit makes the link card. Cameras of different owners each get their
 * own owner email (prefilled from the registry, editable) on the link and its message. A request
 * that ends with files (complete) has every upload link set inactive in Box, and says so in the audit.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { BoxProbe } from '../access/box-probe';
import {
  alice,
  backends,
  cardText,
  dana,
  invokeCard,
  personalConversation,
  useAccessBot,
  waitForPosted,
  waitUntil,
  type Card,
} from '../access/support';
import {
  footageRequest,
  GOOD_ANSWERS,
  inputValues,
  requestIdOf,
  uploadAsOwner,
  uploadUrlOf,
  videoBytes,
  waitForCatalogued,
} from './support';

/** Recordings of LAM-0105 (a shop) and LAM-0106 (the council) on one page. */
const SEARCH = 'find footage near Brixton Station on 14/03/2026 between 6am and 1pm';

const FLOWING = new Set(
  (
    JSON.parse(readFileSync(path.join(__dirname, '../../../demo/cameras.json'), 'utf8')) as Array<{
      cameraId: string;
      footageFlowsToBox?: boolean;
    }>
  )
    .filter((c) => c.footageFlowsToBox)
    .map((c) => c.cameraId),
);

interface ExecuteButton {
  verb: string;
  title: string;
  data: Record<string, unknown>;
}

/** Every Action.Execute on the card, nested ShowCards included. */
function executeButtons(card: Card): ExecuteButton[] {
  const found: ExecuteButton[] = [];
  const visit = (node: unknown): void => {
    if (Array.isArray(node)) node.forEach(visit);
    else if (node && typeof node === 'object') {
      const record = node as Record<string, unknown>;
      if (record.type === 'Action.Execute') found.push(record as unknown as ExecuteButton);
      Object.values(record).forEach(visit);
    }
  };
  visit(card);
  return found;
}

function choicesOf(card: Card, inputId: string): string[] {
  const found: string[] = [];
  const visit = (node: unknown): void => {
    if (Array.isArray(node)) node.forEach(visit);
    else if (node && typeof node === 'object') {
      const record = node as Record<string, unknown>;
      if (record.type === 'Input.ChoiceSet' && record.id === inputId && Array.isArray(record.choices))
        for (const choice of record.choices as Array<{ value: string }>) found.push(choice.value);
      Object.values(record).forEach(visit);
    }
  };
  visit(card);
  return found;
}

describe.each(backends())('asking owners from a results card on %s', (backend) => {
  const ctx = useAccessBot(backend, { install: [alice, dana] });

  it('asks the one camera on the page directly', async () => {
    const { h } = ctx.bot;
    await h.teams.say(alice, 'find footage near Brixton Station on 14/03/2026 between 7am and 9am');
    const results = await waitForPosted(h.connector, personalConversation(alice), /1 recording/);
    const ask = executeButtons(results.card).find((b) => b.verb === 'footageRequest.open');
    expect(ask).toMatchObject({
      title: 'Ask the owner of LAM-0105 for footage',
      data: { cameraIds: ['LAM-0105'], start: '2026-03-14T07:00:00.000Z', end: '2026-03-14T09:00:00.000Z' },
    });
    const form = invokeCard(await h.teams.execute(alice, 'footageRequest.open', ask!.data, { replyToId: results.id }));
    expect(inputValues(form)).toMatchObject({
      footageCameraIds: 'LAM-0105',
      footageFrom: '07:00',
      footageTo: '09:00',
      ownerEmail: 'manager.supermarket.brixton-station@example.com',
    });
    // A forged button naming a camera whose footage reaches Box by itself opens no form.
    const forged = invokeCard(
      await h.teams.execute(alice, 'footageRequest.open', { cameraIds: [[...FLOWING][0]] }, { replyToId: results.id }),
    );
    expect(cardText(forged)).toMatch(/reaches Box by itself/);
    expect(JSON.stringify(forged)).not.toContain('footageRequest.submit');
  }, 60_000);

  it('opens the prefilled form from the results, gives each owner their own email, and closes every link when complete', async () => {
    const { h, store } = ctx.bot;
    await h.teams.say(alice, SEARCH);
    const results = await waitForPosted(h.connector, personalConversation(alice), /Showing 1–/);
    const ask = executeButtons(results.card).find((b) => b.verb === 'footageRequest.open');
    if (!ask) throw new Error(`no Ask the owner button on the results: ${cardText(results.card).slice(0, 400)}`);
    // The searched window travels with the button (London time on 14 March is GMT).
    expect(ask.data).toEqual({ start: '2026-03-14T06:00:00.000Z', end: '2026-03-14T13:00:00.000Z' });
    const cameras = choicesOf(results.card, 'footageCameraIds');
    // No camera whose footage reaches Box by itself is offered.
    for (const id of cameras) expect(FLOWING.has(id)).toBe(false);

    // Alice picks two cameras of different owners (a shop and the council) as Teams sends a ShowCard's input.
    const picked = ['LAM-0105', 'LAM-0106'];
    for (const id of picked) expect(cameras).toContain(id);
    const form = invokeCard(
      await h.teams.execute(
        alice,
        'footageRequest.open',
        { ...ask.data, footageCameraIds: picked.join(',') },
        { replyToId: results.id },
      ),
    );
    const shown = inputValues(form);
    expect(shown).toMatchObject({
      footageCameraIds: 'LAM-0105,LAM-0106',
      footageDate: '2026-03-14',
      footageFrom: '06:00',
      footageTo: '13:00',
      'ownerEmail.LAM-0105': 'manager.supermarket.brixton-station@example.com',
      'ownerEmail.LAM-0106': 'cctv.lambeth@example.org',
    });
    expect(shown.ownerEmail).toBeUndefined();

    // A wrong address for one owner: the form comes back naming that owner, with what was typed.
    const submit = executeButtons(form).find((b) => b.verb === 'footageRequest.submit')!;
    const refused = invokeCard(
      await h.teams.execute(alice, 'footageRequest.submit', {
        ...submit.data,
        ...shown,
        ...GOOD_ANSWERS,
        caseReference: '5274265/26',
        'ownerEmail.LAM-0106': 'night desk at lambeth',
      }),
    );
    expect(cardText(refused)).toMatch(
      /night desk at lambeth\\?" is not an email address\. Enter the contact email of London Borough of Lambeth \(LAM-0106\)/,
    );
    expect(inputValues(refused)).toMatchObject({
      'ownerEmail.LAM-0105': 'manager.supermarket.brixton-station@example.com',
      'ownerEmail.LAM-0106': 'night desk at lambeth',
    });
    expect(await store.intake.footageRequests.listByRequester(alice.aadObjectId)).toHaveLength(0);

    // She corrects the council's address and sends the form.
    const linkCard = invokeCard(
      await h.teams.execute(alice, 'footageRequest.submit', {
        ...submit.data,
        ...shown,
        ...GOOD_ANSWERS,
        caseReference: '5274265/26',
        'ownerEmail.LAM-0106': 'night.desk@lambeth.example.org',
      }),
    );
    const requestId = requestIdOf(linkCard);
    const text = cardText(linkCard);
    expect(text).toContain('Copy this into an email to manager.supermarket.brixton-station@example.com');
    expect(text).toContain('Copy this into an email to night.desk@lambeth.example.org');
    const request = await footageRequest(store, requestId);
    expect(request.cameras.map((c) => [c.cameraId, c.ownerEmail])).toEqual([
      ['LAM-0105', 'manager.supermarket.brixton-station@example.com'],
      ['LAM-0106', 'night.desk@lambeth.example.org'],
    ]);
    expect(request.windowStart).toEqual(new Date('2026-03-14T06:00:00Z'));
    const requested = (await store.audit.list({ target: `footage-request:${requestId}` })).find(
      (e) => e.action === 'footage_requested',
    );
    expect(requested?.details).toMatchObject({
      ownerEmails: {
        'LAM-0105': 'manager.supermarket.brixton-station@example.com',
        'LAM-0106': 'night.desk@lambeth.example.org',
      },
    });

    // The shop uploads; later the links' time is up: the request is complete and both links close in Box.
    const url = uploadUrlOf(linkCard);
    expect((await uploadAsOwner(url, [{ name: 'shop.mp4', bytes: videoBytes(`results-${backend}`) }])).status).toBe(
      200,
    );
    await waitForCatalogued(store, requestId, 1);
    const current = await footageRequest(store, requestId);
    await store.intake.footageRequests.extend(requestId, {
      from: ['receiving'],
      expiresAt: new Date(Date.now() - 1000),
      linkDays: current.linkDays,
    });
    const complete = await waitUntil(async () => {
      const now = await footageRequest(store, requestId);
      return now.status === 'complete' ? now : undefined;
    }, 'the request to end complete');
    expect(complete.filesReceived).toBe(1);
    const probe = new BoxProbe(h.bot.emulator!.url);
    for (const camera of complete.cameras) {
      const fileRequest = (await probe.json(`/2.0/file_requests/${camera.fileRequestId}`)) as { status: string };
      expect(fileRequest.status).toBe('inactive');
    }
    expect((await uploadAsOwner(url, [{ name: 'late.mp4', bytes: videoBytes('late-results') }])).status).toBe(410);
    const ended = (await store.audit.list({ target: `footage-request:${requestId}` })).find(
      (e) => e.action === 'expired',
    );
    expect(ended?.details).toMatchObject({
      status: 'complete',
      linksClosed: complete.cameras.map((c) => c.fileRequestId),
    });
    await h.teams.say(alice, 'my footage requests');
    const list = await waitForPosted(h.connector, personalConversation(alice), /Your footage requests/);
    expect(cardText(list.card)).toMatch(/complete \(1 file received\)/);
  }, 120_000);
});
