import {
  CARD_SIZE_LIMITS,
  cardSizeBytes,
  footageExtensionAttachment,
  footagePreviewCard,
  noMatchCard,
  placePickerCard,
  resultRecording,
  resultsCard,
  unknownPlaceCard,
  type ResultRecording,
} from '../../src/cards';
import { assertValidCard } from '../support/card-validation';
import { buttons, findAll, inputIds, visibleText } from './card-query';
import { DEMO_RECORDINGS, fakeJpegDataUri, tenGrantedWithThumbnails } from './fixtures';

const none = { kind: 'none' } as const;
const granted = (fileId: string, thumbnailBytes?: number) =>
  ({
    kind: 'granted',
    openUrl: `https://app.box.com/file/${fileId}`,
    expiresAt: new Date('2026-04-01T12:00:00Z'),
    ...(thumbnailBytes ? { thumbnailDataUri: fakeJpegDataUri(thumbnailBytes) } : {}),
  }) as const;

/** The first recording with a case reference, so every optional field shows. */
const withCase = DEMO_RECORDINGS.find((r) => r.caseReference !== null) ?? DEMO_RECORDINGS[0];

function page(recordings: ResultRecording[], extra: Partial<Parameters<typeof resultsCard>[0]> = {}) {
  return resultsCard({
    understood: ['Near Brixton Station (within 500 m)', 'Tue 3 Mar 2026, 14:00–16:00 GMT'],
    total: recordings.length,
    pageStart: 0,
    recordings,
    ...extra,
  });
}

describe('results card', () => {
  it('states the count as "<N> recordings" or "1 recording", and which page this is', () => {
    const one = page([resultRecording(withCase, none)]);
    expect(visibleText(one)).toMatch(/^1 recording\nShowing 1 of 1/);
    const second = page(
      DEMO_RECORDINGS.slice(10, 20).map((r) => resultRecording(r, none)),
      { total: 25, pageStart: 10, nextPage: { queryToken: 'q2' } },
    );
    expect(visibleText(second)).toMatch(/^25 recordings\nShowing 11–20 of 25/);
    const surelyMore = page(
      DEMO_RECORDINGS.slice(0, 10).map((r) => resultRecording(r, none)),
      { total: null, known: 100, moreCertain: true, nextPage: { queryToken: 'q2' } },
    );
    expect(visibleText(surelyMore)).toMatch(
      /^More than 100 recordings\nShowing 1–10; more on the next page\nNarrow the search by time or place/,
    );
    const mayBeMore = page(
      DEMO_RECORDINGS.slice(0, 10).map((r) => resultRecording(r, none)),
      { total: null, known: 14, moreCertain: false, nextPage: { queryToken: 'q2' } },
    );
    expect(visibleText(mayBeMore)).toMatch(
      /^At least 14 recordings; more may follow\nShowing 1–10; more on the next page/,
    );
    const noneYet = page([], { total: null, known: 0, moreCertain: false, nextPage: { queryToken: 'q2' } });
    expect(visibleText(noneYet)).toMatch(/^No recordings yet; more may follow/);
  });

  it('offers wider searches it did not count as buttons that page like "Next page"', () => {
    const card = noMatchCard({
      understood: ['Near Brixton Station (within 500 m)'],
      hints: [],
      wider: [{ title: 'Search at any time', queryToken: 'w1' }],
    });
    expect(visibleText(card)).toContain('Or try:');
    expect(JSON.stringify(card)).toContain(
      '"verb":"footage.nextPage","data":{"queryToken":"w1"},"title":"Search at any time"',
    );
  });

  it('echoes how the request was understood', () => {
    const text = visibleText(page([resultRecording(withCase, none)]));
    expect(text).toContain('- Near Brixton Station (within 500 m)\n- Tue 3 Mar 2026, 14:00–16:00 GMT');
  });

  it('shows every field of a recording: camera name and id, borough, London window, duration, owner, case, status, distance, file', () => {
    const text = visibleText(page([resultRecording(withCase, none, 321)]));
    expect(text).toContain(`**1.** **${withCase.cameraName}** · ${withCase.cameraId}`);
    expect(text).toContain('Borough: Lambeth');
    expect(text).toContain('Wed 11 Mar 2026, 05:00–05:45 GMT');
    expect(text).toContain('Duration: 45 min');
    expect(text).toContain(`Owner: ${withCase.owner}`);
    expect(text).toContain(`Case: ${withCase.caseReference}`);
    expect(text).toContain('Status: Evidential');
    expect(text).toContain('Distance: 321 m');
    expect(text).toContain(`File: ${withCase.fileName.replace(/_/g, '\\_')}`);
  });

  it('shows a window across the spring clock change in GMT and BST', () => {
    const recording = {
      ...resultRecording(withCase, none),
      from: new Date('2026-03-29T00:30:00Z'),
      to: new Date('2026-03-29T02:00:00Z'),
    };
    expect(visibleText(page([recording]))).toContain('Sun 29 Mar 2026, 00:30 GMT–03:00 BST');
  });

  it('offers "Request access" only on recordings without access, each carrying just its own file id', () => {
    const [a, b, c] = DEMO_RECORDINGS;
    const card = page([
      resultRecording(a, none),
      resultRecording(b, granted(b.fileId, 2048)),
      resultRecording(c, none),
    ]);
    const requests = buttons(card).filter((x) => x.verb === 'request.open' && x.title === 'Request access');
    expect(requests.map((x) => x.data)).toEqual([{ fileIds: [a.fileId] }, { fileIds: [c.fileId] }]);
    expect(requests.every((x) => x.associatedInputs === 'None')).toBe(true);
    expect(findAll<{ url: string }>(card, 'Action.OpenUrl').map((x) => x.url)).toEqual([
      `https://app.box.com/file/${b.fileId}`,
    ]);
    expect(findAll(card, 'Image')).toHaveLength(1);
    expect(visibleText(card)).toContain('You have access until Wed 1 Apr 2026, 13:00 BST.');
  });

  it('lets several recordings on the page be requested at once, offering only those without access', () => {
    const [a, b, c] = DEMO_RECORDINGS;
    const card = page([resultRecording(a, none), resultRecording(b, granted(b.fileId)), resultRecording(c, none)]);
    const [choiceSet] = findAll<{ id: string; isMultiSelect: boolean; choices: Array<{ value: string }> }>(
      card,
      'Input.ChoiceSet',
    );
    expect(choiceSet.id).toBe('selectedFileIds');
    expect(choiceSet.isMultiSelect).toBe(true);
    expect(choiceSet.choices.map((x) => x.value)).toEqual([a.fileId, c.fileId]);
    const selected = buttons(card).find((x) => x.title === 'Request selected');
    expect(selected).toMatchObject({ verb: 'request.open', data: {} });
  });

  it('has no multi-select when at most one recording can be requested', () => {
    expect(inputIds(page([resultRecording(DEMO_RECORDINGS[0], none)]))).toEqual([]);
  });

  it('offers "Next page" with the query token while more remain, and not on the last page', () => {
    const recordings = DEMO_RECORDINGS.slice(0, 10).map((r) => resultRecording(r, none));
    const more = page(recordings, { total: 14, nextPage: { queryToken: 'q.page2' } });
    expect(buttons(more).filter((x) => x.verb === 'footage.nextPage')).toEqual([
      {
        type: 'Action.Execute',
        verb: 'footage.nextPage',
        data: { queryToken: 'q.page2' },
        title: 'Next page',
        associatedInputs: 'None',
      },
    ]);
    const last = page(recordings.slice(0, 4), { total: 14, pageStart: 10 });
    expect(buttons(last).some((x) => x.verb === 'footage.nextPage')).toBe(false);
  });

  it('refuses more than ten recordings on a page', () => {
    expect(() => page(DEMO_RECORDINGS.slice(0, 11).map((r) => resultRecording(r, none)))).toThrow(RangeError);
  });

  it('keeps ten recordings with ~6 KB thumbnails under 80 KB by leaving out thumbnails past the budget', () => {
    const full = tenGrantedWithThumbnails();
    const card = page(full);
    assertValidCard(card, { limitBytes: CARD_SIZE_LIMITS.message });
    const images = findAll(card, 'Image').length;
    expect(images).toBeGreaterThan(0);
    expect(images).toBeLessThan(10);
    expect(visibleText(card)).toContain('Some thumbnails were left out');
    // Every recording keeps its link even without its thumbnail.
    expect(findAll(card, 'Action.OpenUrl')).toHaveLength(10);
    // One more thumbnail would not have fitted.
    expect(cardSizeBytes(card) + 6 * 1024 * (4 / 3)).toBeGreaterThan(CARD_SIZE_LIMITS.message);
  });

  it('keeps all ten thumbnails when they fit', () => {
    const small = DEMO_RECORDINGS.slice(0, 10).map((r) => resultRecording(r, granted(r.fileId, 3 * 1024)));
    const card = page(small);
    expect(findAll(card, 'Image')).toHaveLength(10);
    expect(visibleText(card)).not.toContain('Some thumbnails were left out');
  });
});

describe('no match card', () => {
  it('says nothing matched, echoes the request and says what would widen it', () => {
    const text = visibleText(
      noMatchCard({
        understood: ['Near Brixton Station (within 500 m)'],
        hints: ['A 1 km radius finds 12 recordings'],
      }),
    );
    expect(text).toContain('No recordings matched');
    expect(text).toContain('- Near Brixton Station (within 500 m)');
    expect(text).toContain('To widen the search:\n- A 1 km radius finds 12 recordings');
  });
});

describe('place cards', () => {
  it('offers one button per candidate, each with the original query token and the place id', () => {
    const card = placePickerCard({
      text: 'Victoria',
      queryToken: 'q.victoria',
      candidates: [
        { placeId: 'victoria-station', name: 'Victoria Station', detail: 'Westminster' },
        { placeId: 'victoria-park', name: 'Victoria Park', detail: 'Tower Hamlets' },
      ],
    });
    expect(buttons(card).map((b) => [b.title, b.data])).toEqual([
      ['Victoria Station (Westminster)', { queryToken: 'q.victoria', placeId: 'victoria-station' }],
      ['Victoria Park (Tower Hamlets)', { queryToken: 'q.victoria', placeId: 'victoria-park' }],
    ]);
    expect(visibleText(card)).toContain('Which “Victoria” did you mean?');
  });

  it('suggests the closest names for an unknown place', () => {
    const text = visibleText(
      unknownPlaceCard({ text: 'Brixtn Statoin', suggestions: ['Brixton Station', 'Stockwell Station'] }),
    );
    expect(text).toContain("I don't know a place called “Brixtn Statoin”");
    expect(text).toContain('- Brixton Station\n- Stockwell Station');
  });
});

describe('message extension preview', () => {
  const recording = resultRecording(withCase, granted(withCase.fileId, 6 * 1024));

  it('shows metadata only, never a thumbnail or link, and stays within 28 KB', () => {
    const card = footagePreviewCard(recording);
    assertValidCard(card, { limitBytes: CARD_SIZE_LIMITS.messageExtension });
    expect(findAll(card, 'Image')).toHaveLength(0);
    expect(findAll(card, 'Action.OpenUrl')).toHaveLength(0);
    expect(buttons(card).map((b) => [b.verb, b.data])).toEqual([['request.open', { fileIds: [withCase.fileId] }]]);
    expect(visibleText(card)).toContain('Wed 11 Mar 2026, 05:00–05:45 GMT');
  });

  it('comes with a thumbnail-card preview for the result list', () => {
    const attachment = footageExtensionAttachment(recording);
    expect(attachment.contentType).toBe('application/vnd.microsoft.card.adaptive');
    expect(attachment.preview).toEqual({
      contentType: 'application/vnd.microsoft.card.thumbnail',
      content: {
        title: `${withCase.cameraName} (${withCase.cameraId})`,
        text: 'Wed 11 Mar 2026, 05:00–05:45 GMT · Lambeth',
      },
    });
  });
});

describe("results card's Ask the owner", () => {
  const window = { start: '2026-03-03T14:00:00.000Z', end: '2026-03-03T16:00:00.000Z' };

  it('asks the one camera on the page directly, for the searched window', () => {
    const card = page([resultRecording(withCase, none)], {
      askOwners: { cameras: [{ cameraId: withCase.cameraId, label: 'x' }], ...window, caseReference: '5274265/26' },
    });
    const ask = buttons(card).find((b) => b.verb === 'footageRequest.open');
    expect(ask).toMatchObject({
      title: `Ask the owner of ${withCase.cameraId} for footage`,
      data: { cameraIds: [withCase.cameraId], ...window, caseReference: '5274265/26' },
      associatedInputs: 'None',
    });
  });

  it('lets the officer pick among several cameras, and stays a valid card within 28 KB with ten thumbnails', () => {
    const recordings = tenGrantedWithThumbnails();
    const cameras = Array.from({ length: 10 }, (_, i) => ({
      cameraId: `LAM-0${100 + i}`,
      label: `LAM-0${100 + i} ${'Camera name '.repeat(8)} · ${'Owner '.repeat(10)}`,
    }));
    const card = page(recordings, { askOwners: { cameras, ...window } });
    assertValidCard(card, { limitBytes: CARD_SIZE_LIMITS.message });
    expect(cardSizeBytes(card)).toBeLessThanOrEqual(CARD_SIZE_LIMITS.message);
    const ask = buttons(card).find((b) => b.verb === 'footageRequest.open');
    expect(ask).toMatchObject({ data: window });
    expect(inputIds(card)).toContain('footageCameraIds');
    const picker = findAll<{ id: string; choices: Array<{ value: string }> }>(card, 'Input.ChoiceSet').find(
      (c) => c.id === 'footageCameraIds',
    );
    expect(picker?.choices.map((c) => c.value)).toEqual(cameras.map((c) => c.cameraId));
  });

  it('offers nothing when no camera on the page can be asked', () => {
    const card = page([resultRecording(withCase, none)]);
    expect(buttons(card).map((b) => b.verb)).not.toContain('footageRequest.open');
  });
});
