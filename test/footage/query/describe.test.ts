import { describeQuery, describeWindow, understandQuery, type FootageQuery } from '../../../src/footage/query';
import { demoGazetteer } from '../demo-data';

const utc = (iso: string) => new Date(iso);

describe('describeWindow (London time)', () => {
  it.each([
    ['2026-03-03T14:00:00Z', '2026-03-03T16:00:00Z', 'Tue 3 Mar 2026, 14:00–16:00 GMT'],
    ['2026-07-01T13:00:00Z', '2026-07-01T15:00:00Z', 'Wed 1 Jul 2026, 14:00–16:00 BST'],
    ['2026-03-03T14:00:00Z', '2026-03-03T14:01:00Z', 'Tue 3 Mar 2026 at 14:00 GMT'],
    ['2026-03-03T00:00:00Z', '2026-03-04T00:00:00Z', 'Tue 3 Mar 2026, all day (00:00–24:00 GMT)'],
    ['2026-03-19T18:00:00Z', '2026-03-20T00:00:00Z', 'Thu 19 Mar 2026, 18:00–24:00 GMT'],
    [
      '2026-03-29T00:00:00Z',
      '2026-03-29T23:00:00Z',
      'Sun 29 Mar 2026, all day (00:00 GMT–24:00 BST, 23 hours: the clocks changed)',
    ],
    [
      '2026-10-24T23:00:00Z',
      '2026-10-26T00:00:00Z',
      'Sun 25 Oct 2026, all day (00:00 BST–24:00 GMT, 25 hours: the clocks changed)',
    ],
    ['2026-03-29T00:30:00Z', '2026-03-29T01:30:00Z', 'Sun 29 Mar 2026, 00:30 GMT–02:30 BST'],
    ['2026-03-03T21:00:00Z', '2026-03-04T01:00:00Z', 'Tue 3 Mar 2026, 21:00 – Wed 4 Mar 2026, 01:00 GMT'],
    ['2026-03-28T22:00:00Z', '2026-03-29T02:00:00Z', 'Sat 28 Mar 2026, 22:00 GMT – Sun 29 Mar 2026, 03:00 BST'],
    ['2026-03-01T00:00:00Z', '2026-03-04T00:00:00Z', 'Sun 1 Mar 2026 to Tue 3 Mar 2026, all day'],
  ])('%s to %s reads "%s"', (start, end, text) => {
    expect(describeWindow(utc(start), utc(end))).toBe(text);
  });
});

describe('describeQuery', () => {
  it('echoes every part of the request, place first and time after the filters', () => {
    const query: FootageQuery = {
      place: { name: 'Brixton Station', borough: 'Lambeth', latitude: 51.4627, longitude: -0.1145, radiusMetres: 500 },
      window: { start: utc('2026-03-03T14:00:00Z'), end: utc('2026-03-03T16:00:00Z') },
      cameraIds: ['LAM-0105', 'LAM-0106'],
      boroughs: ['Lambeth'],
      ownerTypes: ['transport', 'business'],
      caseReference: '5212345/26',
      statuses: ['not_relevant', 'received'],
      ignored: ['fight'],
    };
    expect(describeQuery(query)).toEqual([
      'Near Brixton Station (within 500 m)',
      'Cameras LAM-0105 or LAM-0106',
      'In Lambeth',
      'Owner: transport (TfL) or business',
      'Case 5212345/26',
      'Status: not relevant or received (not yet reviewed)',
      'Tue 3 Mar 2026, 14:00–16:00 GMT',
      'Not understood, so ignored: "fight"',
    ]);
  });

  it('says "any time, newest first" when no time was given', () => {
    expect(describeQuery({ cameraIds: ['LAM-0105'] })).toEqual(['Camera LAM-0105', 'Any time, newest first']);
  });

  it('echoes what was understood from the issue examples', () => {
    const now = utc('2026-03-20T10:00:00Z');
    const lines = (text: string) => {
      const understanding = understandQuery(text, { now, gazetteer: demoGazetteer() });
      if (understanding.kind !== 'query') throw new Error(`not understood: ${JSON.stringify(understanding)}`);
      return describeQuery(understanding.query);
    };
    expect(lines('find footage near Brixton Station on 03/03/2026 between 2pm and 4pm')).toEqual([
      'Near Brixton Station (within 500 m)',
      'Tue 3 Mar 2026, 14:00–16:00 GMT',
    ]);
    expect(lines('camera LAM-0105 last night')).toEqual([
      'Camera LAM-0105',
      'Thu 19 Mar 2026, 18:00 – Fri 20 Mar 2026, 06:00 GMT',
    ]);
    expect(lines('within 1.5 km of Waterloo')).toEqual([
      'Near Waterloo Station (within 1.5 km)',
      'Any time, newest first',
    ]);
    expect(lines('footage for case 5212345/26')).toEqual(['Case 5212345/26', 'Any time, newest first']);
  });
});
