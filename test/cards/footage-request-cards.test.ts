/**
 * The footage-request cards, built from realistic and hostile inputs: valid Adaptive Cards 1.5
 * within Teams' size limit, outside text escaped, buttons carrying only ids, and what the officer
 * must see actually on the card (upload link, expiry, owner message, full hash behind the short one).
 */
import {
  arrivalCard,
  arrivalFailureNotice,
  CARD_SIZE_LIMITS,
  footageRequestCard,
  footageRequestFormCard,
  footageRequestListCard,
  formatBytes,
  londonInputs,
  nearbyCamerasCard,
  noMatchCard,
  supervisorArrivalNotice,
  type AdaptiveCard,
  type FootageCameraChoice,
} from '../../src/cards';
import { assertValidCard } from '../support/card-validation';
import { buttons, findAll } from './card-query';
import { HOSTILE } from './fixtures';

const camera = (i: number, hostile = false): FootageCameraChoice => ({
  cameraId: `LAM-0${100 + i}`,
  cameraName: hostile ? HOSTILE.bidi : `Brixton Station (${i})`,
  owner: hostile ? HOSTILE.link : 'Lambeth Council CCTV Control Room',
  ownerOrganisation: hostile ? HOSTILE.longName : 'London Borough of Lambeth',
  contactEmail: 'cctv.lambeth@example.org',
  distanceMetres: 120 * i,
  footageFlowsToBox: i === 3,
});

const WINDOW = { windowStart: new Date('2026-03-03T14:00:00Z'), windowEnd: new Date('2026-03-03T16:00:00Z') };
const sha = 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855';

const CARDS: Array<[string, () => AdaptiveCard]> = [
  [
    'form, one camera prefilled',
    () =>
      footageRequestFormCard({
        cameras: [camera(5)],
        values: {
          ...londonInputs(WINDOW.windowStart, WINDOW.windowEnd),
          caseReference: '5274265/26',
          ownerEmail: 'cctv.lambeth@example.org',
        },
        defaultLinkDays: 7,
        formToken: 'form-1',
      }),
  ],
  [
    'form, ten hostile cameras with an error',
    () =>
      footageRequestFormCard({
        cameras: Array.from({ length: 10 }, (_, i) => camera(i, true)),
        values: { whatHappened: HOSTILE.reason500, caseReference: HOSTILE.link, linkDays: 99 },
        defaultLinkDays: 7,
        formToken: 'form-2',
        error: HOSTILE.link,
      }),
  ],
  [
    'nearby cameras',
    () =>
      nearbyCamerasCard({
        place: 'Brixton Station',
        radiusMetres: 500,
        windowLabel: 'Tue 3 Mar 2026, 14:00–16:00 GMT',
        cameras: Array.from({ length: 10 }, (_, i) => camera(i)),
        ...{ start: WINDOW.windowStart, end: WINDOW.windowEnd },
        caseReference: '5274265/26',
      }),
  ],
  [
    'nearby cameras, none',
    () => nearbyCamerasCard({ place: HOSTILE.link, radiusMetres: 200, windowLabel: null, cameras: [] }),
  ],
  [
    'link card, open, three cameras',
    () =>
      footageRequestCard({
        requestId: 'a1b2c3d4e5f6',
        caseReference: '5274265/26',
        ...WINDOW,
        expiresAt: new Date('2026-03-27T10:00:00Z'),
        statusLabel: 'waiting for the owner to upload',
        open: true,
        cameras: [0, 1, 2].map((i) => ({
          cameraId: `LAM-010${i}`,
          cameraName: HOSTILE.unicode,
          owner: HOSTILE.link,
          ownerEmail: `owner${i}@example.com`,
          uploadUrl: `http://127.0.0.1:3979/f/abc${i}`,
          ownerMessage: `Hello,\n\n${HOSTILE.reason500}\n\n${HOSTILE.link}`,
          linkClosed: false,
        })),
      }),
  ],
  [
    'link card, cancelled with a notice',
    () =>
      footageRequestCard({
        requestId: 'a1b2c3d4e5f6',
        caseReference: '5274265/26',
        ...WINDOW,
        expiresAt: new Date('2026-03-27T10:00:00Z'),
        statusLabel: 'cancelled',
        open: false,
        notice: { text: 'Cancelled: the upload link is closed.', style: 'default' },
        cameras: [
          {
            cameraId: 'LAM-0105',
            cameraName: 'Brixton',
            owner: 'Shop',
            ownerEmail: 'shop@example.com',
            uploadUrl: null,
            ownerMessage: null,
            linkClosed: false,
          },
        ],
      }),
  ],
  [
    'my footage requests, ten',
    () =>
      footageRequestListCard(
        Array.from({ length: 10 }, (_, i) => ({
          requestId: `req${i}`,
          caseReference: '5274265/26',
          cameraIds: ['LAM-0105', 'LAM-0106'],
          ...WINDOW,
          statusLabel: `${i} files received`,
          createdAt: new Date('2026-03-20T10:00:00Z'),
        })),
        'Showing your 10 most recent requests.',
      ),
  ],
  ['my footage requests, none', () => footageRequestListCard([])],
  [
    'arrival, ten files with flags',
    () =>
      arrivalCard({
        requestId: 'a1b2c3d4e5f6',
        caseReference: '5274265/26',
        cameraId: 'LAM-0105',
        cameraName: HOSTILE.bidi,
        ...WINDOW,
        uploadedBy: HOSTILE.link,
        uploadedAt: new Date('2026-03-20T10:00:00Z'),
        files: Array.from({ length: 10 }, (_, i) => ({
          boxFileId: `${9000 + i}`,
          fileName: `${HOSTILE.unicode} ${i}.mp4`,
          sizeBytes: 1_073_741_824 + i,
          sha256: sha,
          contentType: i % 2 ? 'video/mp4' : 'application/zip',
          isVideo: i % 2 === 1,
          duplicateOf: i === 3 ? { fileId: '1', fileName: HOSTILE.link } : null,
        })),
      }),
  ],
  [
    'supervisor notice',
    () =>
      supervisorArrivalNotice({
        requestId: 'a1b2c3d4e5f6',
        caseReference: '5274265/26',
        cameraId: 'LAM-0105',
        officerName: HOSTILE.longName,
        fileCount: 3,
        flagged: 1,
      }),
  ],
  [
    'no match with Ask the owners',
    () =>
      noMatchCard({
        understood: ['Camera LAM-0105', 'Sun 1 Feb 2026, 14:00–16:00 GMT'],
        hints: [],
        askOwners: {
          cameraIds: ['LAM-0105', 'LAM-0106'],
          start: '2026-02-01T14:00:00.000Z',
          end: '2026-02-01T16:00:00.000Z',
          caseReference: '5274265/26',
        },
      }),
  ],
  [
    'failure notice',
    () =>
      arrivalFailureNotice({
        requestId: 'a1b2c3d4e5f6',
        caseReference: '5274265/26',
        cameraId: 'LAM-0105',
        fileName: HOSTILE.bidi,
        reason: 'Box did not answer after several attempts; the file is still in the intake folder.',
      }),
  ],
  [
    'form, three owners',
    () =>
      footageRequestFormCard({
        cameras: [
          { ...camera(5), ownerOrganisation: 'Supermarket (Brixton Station)', contactEmail: 'shop@example.com' },
          camera(6),
          { ...camera(8), ownerOrganisation: 'Transport for London', contactEmail: 'cctv.requests@example.org' },
          camera(12),
        ],
        values: { ...londonInputs(WINDOW.windowStart, WINDOW.windowEnd), cameraOwnerEmails: { 'LAM-0112': 'x@y.org' } },
        defaultLinkDays: 7,
        formToken: 'form-3',
      }),
  ],
];

describe.each(CARDS)('%s', (_name, build) => {
  it('is a valid Adaptive Card 1.5 within Teams’ message size limit', () => {
    expect(() => assertValidCard(build(), { limitBytes: CARD_SIZE_LIMITS.message })).not.toThrow();
  });

  it('never lets outside text become a link', () => {
    const texts = findAll<{ text: string }>(build(), 'TextBlock')
      .map((t) => t.text)
      .filter((t) => t.includes('evil.example'));
    for (const line of texts) expect(line).not.toMatch(/(^|[^\\])\[[^\]]*\]\(https:\/\/evil/);
  });
});

describe('what the cards say', () => {
  it('prefills the form in London time and ticks the named camera', () => {
    const form = CARDS[0][1]();
    const inputs = Object.fromEntries(
      findAll<{ id: string; value?: unknown }>(form, 'Input.Date')
        .concat(findAll(form, 'Input.Time'), findAll(form, 'Input.ChoiceSet'), findAll(form, 'Input.Text'))
        .map((i) => [i.id, i.value]),
    );
    expect(inputs).toMatchObject({
      footageDate: '2026-03-03',
      footageFrom: '14:00',
      footageTo: '16:00',
      footageCameraIds: 'LAM-0105',
      caseReference: '5274265/26',
      ownerEmail: 'cctv.lambeth@example.org',
    });
    expect(buttons(form).map((b) => [b.verb, b.data])).toEqual([['footageRequest.submit', { formToken: 'form-1' }]]);
  });

  it('asks for one email per distinct owner, prefilled from the registry or what was typed', () => {
    const form = CARDS.find(([name]) => name === 'form, three owners')![1]();
    const emails = findAll<{ id: string; label: string; value?: string }>(form, 'Input.Text').filter((i) =>
      i.id.startsWith('ownerEmail'),
    );
    expect(emails.map((i) => [i.id, i.value])).toEqual([
      ['ownerEmail.LAM-0105', 'shop@example.com'],
      ['ownerEmail.LAM-0106', 'x@y.org'],
      ['ownerEmail.LAM-0108', 'cctv.requests@example.org'],
    ]);
    expect(emails[1].label).toBe('Contact email of London Borough of Lambeth (LAM-0106, LAM-0112)');
    expect(buttons(form).map((b) => b.data)).toEqual([
      {
        formToken: 'form-3',
        ownerGroups: { 'LAM-0105': ['LAM-0105'], 'LAM-0106': ['LAM-0106', 'LAM-0112'], 'LAM-0108': ['LAM-0108'] },
      },
    ]);
  });

  it('keeps the email typed for an owner when the form comes back with only their cameras', () => {
    const form = footageRequestFormCard({
      cameras: [camera(6), camera(12)],
      values: { ownerEmail: '', cameraOwnerEmails: { 'LAM-0106': 'typed@lambeth.example.org' } },
      defaultLinkDays: 7,
      formToken: 'form-4',
    });
    const emails = findAll<{ id: string; value?: string }>(form, 'Input.Text').filter((i) =>
      i.id.startsWith('ownerEmail'),
    );
    expect(emails.map((i) => [i.id, i.value])).toEqual([['ownerEmail', 'typed@lambeth.example.org']]);
    expect(buttons(form)[0].data).toEqual({ formToken: 'form-4' });
  });

  it('addresses each camera of the link card to its own owner', () => {
    const text = JSON.stringify(CARDS.find(([name]) => name === 'link card, open, three cameras')![1]());
    for (const i of [0, 1, 2]) expect(text).toContain(`Copy this into an email to owner${i}@example.com`);
  });

  it('reads summer time and windows across midnight into the inputs', () => {
    expect(londonInputs(new Date('2026-04-14T21:00:00Z'), new Date('2026-04-15T00:30:00Z'))).toEqual({
      date: '2026-04-14',
      from: '22:00',
      to: '01:30',
      endDate: '',
    });
    expect(londonInputs(new Date('2026-04-14T09:00:00Z'), new Date('2026-04-15T10:00:00Z'))).toEqual({
      date: '2026-04-14',
      from: '10:00',
      to: '11:00',
      endDate: '2026-04-15',
    });
  });

  it('leaves cameras whose footage reaches Box by itself out of the choice', () => {
    const nearby = CARDS[2][1]();
    const choices = findAll<{ choices: Array<{ value: string }> }>(nearby, 'Input.ChoiceSet')[0].choices.map(
      (c) => c.value,
    );
    expect(choices).toHaveLength(9);
    expect(choices).not.toContain('LAM-0103');
    expect(buttons(nearby)[0].data).toEqual({
      start: '2026-03-03T14:00:00.000Z',
      end: '2026-03-03T16:00:00.000Z',
      caseReference: '5274265/26',
    });
  });

  it('shows the link, the owner message, and Cancel / Extend only while open', () => {
    const open = JSON.stringify(CARDS[4][1]());
    expect(open).toContain('http://127.0.0.1:3979/f/abc0');
    expect(open).toContain('Message for the owner');
    expect(buttons(CARDS[4][1]()).map((b) => b.verb)).toEqual(['footageRequest.extend', 'footageRequest.cancel']);
    expect(buttons(CARDS[5][1]())).toEqual([]);
  });

  it('shows a camera whose link closed after its submission without its link, the others with theirs', () => {
    const view = {
      requestId: 'a1b2c3d4e5f6',
      caseReference: '5274265/26',
      ...WINDOW,
      expiresAt: new Date('2026-03-27T10:00:00Z'),
      statusLabel: '2 files received',
      open: true,
      cameras: [0, 1].map((i) => ({
        cameraId: `LAM-010${i}`,
        cameraName: 'Brixton',
        owner: 'Shop',
        ownerEmail: `owner${i}@example.com`,
        uploadUrl: `http://127.0.0.1:3979/f/abc${i}`,
        ownerMessage: 'Hello',
        linkClosed: i === 0,
      })),
    };
    const json = JSON.stringify(footageRequestCard(view));
    expect(json).toContain('Footage received: this upload link is closed (one submission per link).');
    expect(json).not.toContain('/f/abc0');
    expect(json).toContain('/f/abc1');
    expect(buttons(footageRequestCard(view)).map((b) => b.verb)).toEqual([
      'footageRequest.extend',
      'footageRequest.cancel',
    ]);
  });

  it('shortens the hash but keeps the full value behind a toggle', () => {
    const arrival = CARDS[8][1]();
    const json = JSON.stringify(arrival);
    expect(json).toContain('SHA-256 e3b0c44298fc…');
    expect(json).toContain(sha);
    expect(
      findAll<{ title: string }>(arrival, 'Action.ShowCard').filter((a) => a.title === 'Full SHA-256'),
    ).toHaveLength(10);
    expect(json).toContain('Not a video (application/zip)');
    expect(json).toContain('a duplicate of that recording');
    expect(formatBytes(1_073_741_824)).toBe('1.0 GB');
  });
});
