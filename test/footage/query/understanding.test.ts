import { understandQuery, type Understanding } from '../../../src/footage/query';
import { demoGazetteer } from '../demo-data';

/**
 * The phrasings table: what an officer types, and exactly what the bot must understand.
 * `now` is Friday 20 March 2026, 10:00 GMT unless a row says otherwise; windows are UTC.
 */
const FRIDAY_10AM = '2026-03-20T10:00:00Z';
const AFTER_SPRING_CHANGE = '2026-04-01T12:00:00Z';
const AFTER_AUTUMN_CHANGE = '2026-11-01T12:00:00Z';

interface ExpectedQuery {
  kind: 'query';
  window?: [string, string];
  place?: [name: string, radiusMetres: number];
  cameraIds?: string[];
  boroughs?: string[];
  ownerTypes?: string[];
  caseReference?: string;
  statuses?: string[];
  ignored?: string[];
}
type Expected =
  | ExpectedQuery
  | { kind: 'ambiguous_place'; text: string; candidates: string[] }
  /** suggestion: the first name offered; null: nothing is close enough to offer. */
  | { kind: 'unknown_place'; subject: 'place' | 'camera'; text: string; suggestion?: string | null }
  | { kind: 'invalid'; reason: RegExp };

interface Row {
  text: string;
  now?: string;
  chosenPlace?: string;
  expect: Expected;
}

const day = (date: string, next: string): [string, string] => [`${date}T00:00:00.000Z`, `${next}T00:00:00.000Z`];
const MARCH_4 = day('2026-03-04', '2026-03-05');
const query = (fields: Omit<ExpectedQuery, 'kind'>): ExpectedQuery => ({ kind: 'query', ...fields });
const invalid = (reason: RegExp): Expected => ({ kind: 'invalid', reason });

const ROWS: Row[] = [
  // The examples.
  {
    text: 'find footage near Brixton Station on 03/03/2026 between 2pm and 4pm',
    expect: query({
      place: ['Brixton Station', 500],
      window: ['2026-03-03T14:00:00.000Z', '2026-03-03T16:00:00.000Z'],
    }),
  },
  {
    text: 'cctv within 300m of Oxford Circus 14/03/2026 22:00-23:30',
    expect: query({ place: ['Oxford Circus', 300], window: ['2026-03-14T22:00:00.000Z', '2026-03-14T23:30:00.000Z'] }),
  },
  {
    text: 'camera LAM-0105 last night',
    expect: query({ cameraIds: ['LAM-0105'], window: ['2026-03-19T18:00:00.000Z', '2026-03-20T06:00:00.000Z'] }),
  },
  {
    text: 'footage in Southwark yesterday afternoon',
    expect: query({ boroughs: ['Southwark'], window: ['2026-03-19T12:00:00.000Z', '2026-03-19T18:00:00.000Z'] }),
  },
  { text: 'footage for case 5212345/26', expect: query({ caseReference: '5212345/26' }) },
  {
    text: 'anything from TfL cameras near Victoria Station on Friday',
    expect: query({
      ownerTypes: ['transport'],
      place: ['Victoria Station', 500],
      window: day('2026-03-20', '2026-03-21'),
    }),
  },

  // Day-first dates: a date alone is the whole London day.
  { text: '04/03/2026', expect: query({ window: MARCH_4 }) },
  { text: '4/3/26', expect: query({ window: MARCH_4 }) },
  { text: '4-3-2026', expect: query({ window: MARCH_4 }) },
  { text: '2026-03-04', expect: query({ window: MARCH_4 }) },
  { text: '4 March 2026', expect: query({ window: MARCH_4 }) },
  { text: '4th of March, 2026', expect: query({ window: MARCH_4 }) },
  { text: '4th March', expect: query({ window: MARCH_4 }) },
  { text: 'March 4', expect: query({ window: MARCH_4 }) },
  { text: 'Wed 4 Mar 2026', expect: query({ window: MARCH_4 }) },
  { text: '12/03/2026', expect: query({ window: day('2026-03-12', '2026-03-13') }) },
  { text: '1/3', expect: query({ window: day('2026-03-01', '2026-03-02') }) },
  { text: '25 December', expect: query({ window: day('2025-12-25', '2025-12-26') }) },
  { text: 'from 1 March to 3 March', expect: query({ window: day('2026-03-01', '2026-03-04') }) },
  { text: 'on the 3rd', expect: query({ window: day('2026-03-03', '2026-03-04') }) },
  { text: 'show me everything from yesterday', expect: query({ window: day('2026-03-19', '2026-03-20') }) },

  // Times: 12- and 24-hour, noon, midnight, ranges, crossing midnight.
  { text: 'yesterday at noon', expect: query({ window: ['2026-03-19T12:00:00.000Z', '2026-03-19T12:01:00.000Z'] }) },
  {
    text: 'at midnight on 04/03/2026',
    expect: query({ window: ['2026-03-04T00:00:00.000Z', '2026-03-04T00:01:00.000Z'] }),
  },
  { text: 'yesterday 2.30pm', expect: query({ window: ['2026-03-19T14:30:00.000Z', '2026-03-19T14:31:00.000Z'] }) },
  { text: '1400hrs yesterday', expect: query({ window: ['2026-03-19T14:00:00.000Z', '2026-03-19T14:01:00.000Z'] }) },
  { text: 'yesterday 2-4pm', expect: query({ window: ['2026-03-19T14:00:00.000Z', '2026-03-19T16:00:00.000Z'] }) },
  { text: '11-1pm yesterday', expect: query({ window: ['2026-03-19T11:00:00.000Z', '2026-03-19T13:00:00.000Z'] }) },
  { text: 'between 2pm and 4pm', expect: query({ window: ['2026-03-19T14:00:00.000Z', '2026-03-19T16:00:00.000Z'] }) },
  {
    text: '22:00-23:30 on 14/03/2026',
    expect: query({ window: ['2026-03-14T22:00:00.000Z', '2026-03-14T23:30:00.000Z'] }),
  },
  {
    text: 'from 21:00 to 01:00 on 03/03/2026',
    expect: query({ window: ['2026-03-03T21:00:00.000Z', '2026-03-04T01:00:00.000Z'] }),
  },
  {
    text: '03/03/2026 from 21:00 to 01:00',
    expect: query({ window: ['2026-03-03T21:00:00.000Z', '2026-03-04T01:00:00.000Z'] }),
  },
  {
    text: 'from 23:00 to 04/03/2026 01:00',
    expect: query({ window: ['2026-03-03T23:00:00.000Z', '2026-03-04T01:00:00.000Z'] }),
  },
  {
    text: 'from 03/03/2026 23:00 to 04/03/2026 01:00',
    expect: query({ window: ['2026-03-03T23:00:00.000Z', '2026-03-04T01:00:00.000Z'] }),
  },
  {
    text: 'noon to midnight yesterday',
    expect: query({ window: ['2026-03-19T12:00:00.000Z', '2026-03-20T00:00:00.000Z'] }),
  },
  {
    text: 'between 10pm and 2am last night',
    expect: query({ window: ['2026-03-19T22:00:00.000Z', '2026-03-20T02:00:00.000Z'] }),
  },
  {
    text: 'yesterday evening between 8 and 10',
    expect: query({ window: ['2026-03-19T20:00:00.000Z', '2026-03-19T22:00:00.000Z'] }),
  },
  { text: 'last night at 2am', expect: query({ window: ['2026-03-20T02:00:00.000Z', '2026-03-20T02:01:00.000Z'] }) },
  { text: 'since 9pm', expect: query({ window: ['2026-03-19T21:00:00.000Z', '2026-03-20T10:00:00.000Z'] }) },
  { text: 'after 9pm yesterday', expect: query({ window: ['2026-03-19T21:00:00.000Z', '2026-03-20T00:00:00.000Z'] }) },
  { text: 'before 9am', expect: query({ window: ['2026-03-20T00:00:00.000Z', '2026-03-20T09:00:00.000Z'] }) },

  // Relative days and parts of the day, read in London.
  { text: 'today', expect: query({ window: day('2026-03-20', '2026-03-21') }) },
  { text: 'yesterday', expect: query({ window: day('2026-03-19', '2026-03-20') }) },
  { text: 'the day before yesterday', expect: query({ window: day('2026-03-18', '2026-03-19') }) },
  { text: '3 days ago', expect: query({ window: day('2026-03-17', '2026-03-18') }) },
  { text: 'this morning', expect: query({ window: ['2026-03-20T06:00:00.000Z', '2026-03-20T12:00:00.000Z'] }) },
  {
    text: 'this afternoon',
    now: '2026-03-20T16:00:00Z',
    expect: query({ window: ['2026-03-20T12:00:00.000Z', '2026-03-20T18:00:00.000Z'] }),
  },
  {
    text: 'this evening',
    now: '2026-03-20T21:00:00Z',
    expect: query({ window: ['2026-03-20T18:00:00.000Z', '2026-03-21T00:00:00.000Z'] }),
  },
  {
    text: 'tonight',
    now: '2026-03-20T21:00:00Z',
    expect: query({ window: ['2026-03-20T18:00:00.000Z', '2026-03-21T06:00:00.000Z'] }),
  },
  {
    text: 'tonight',
    now: '2026-03-20T02:00:00Z',
    expect: query({ window: ['2026-03-19T18:00:00.000Z', '2026-03-20T06:00:00.000Z'] }),
  },
  { text: 'yesterday evening', expect: query({ window: ['2026-03-19T18:00:00.000Z', '2026-03-20T00:00:00.000Z'] }) },
  { text: 'on Monday', expect: query({ window: day('2026-03-16', '2026-03-17') }) },
  { text: 'last Friday', expect: query({ window: day('2026-03-13', '2026-03-14') }) },
  { text: 'last 24 hours', expect: query({ window: ['2026-03-19T10:00:00.000Z', '2026-03-20T10:00:00.000Z'] }) },
  { text: 'in the last 3 hours', expect: query({ window: ['2026-03-20T07:00:00.000Z', '2026-03-20T10:00:00.000Z'] }) },
  { text: 'past week', expect: query({ window: ['2026-03-13T10:00:00.000Z', '2026-03-20T10:00:00.000Z'] }) },

  // Weeks start on Monday 00:00 London; weekends are Saturday 00:00 to Monday 00:00; counted periods roll back from now.
  {
    text: 'footage in hackney last weekend',
    expect: query({ boroughs: ['Hackney'], window: day('2026-03-14', '2026-03-16') }),
  },
  { text: 'this week', expect: query({ window: day('2026-03-16', '2026-03-23') }) },
  { text: 'this week', now: '2026-03-16T00:30:00Z', expect: query({ window: day('2026-03-16', '2026-03-23') }) },
  { text: 'this week', now: '2026-03-22T23:30:00Z', expect: query({ window: day('2026-03-16', '2026-03-23') }) },
  { text: 'last week', expect: query({ window: day('2026-03-09', '2026-03-16') }) },
  {
    text: 'previous week near Brixton',
    expect: query({ place: ['Brixton Station', 500], window: day('2026-03-09', '2026-03-16') }),
  },
  { text: 'last week', now: '2026-03-16T09:00:00Z', expect: query({ window: day('2026-03-09', '2026-03-16') }) },
  { text: 'over the weekend', expect: query({ window: day('2026-03-14', '2026-03-16') }) },
  { text: 'over the weekend', now: '2026-03-22T12:00:00Z', expect: query({ window: day('2026-03-21', '2026-03-23') }) },
  {
    text: 'at the weekend in Camden',
    now: '2026-03-23T09:00:00Z',
    expect: query({ boroughs: ['Camden'], window: day('2026-03-21', '2026-03-23') }),
  },
  { text: 'last weekend', now: '2026-03-22T12:00:00Z', expect: query({ window: day('2026-03-14', '2026-03-16') }) },
  { text: 'this weekend', now: '2026-03-21T15:00:00Z', expect: query({ window: day('2026-03-21', '2026-03-23') }) },
  { text: 'this weekend', expect: invalid(/Sat 21 Mar 2026, 00:00 GMT is in the future/) },
  {
    text: 'last weekend',
    now: AFTER_SPRING_CHANGE,
    expect: query({ window: ['2026-03-28T00:00:00.000Z', '2026-03-29T23:00:00.000Z'] }),
  },
  {
    text: 'last week',
    now: AFTER_SPRING_CHANGE,
    expect: query({ window: ['2026-03-23T00:00:00.000Z', '2026-03-29T23:00:00.000Z'] }),
  },
  { text: 'past 3 days', expect: query({ window: ['2026-03-17T10:00:00.000Z', '2026-03-20T10:00:00.000Z'] }) },
  { text: 'past 24 hours', expect: query({ window: ['2026-03-19T10:00:00.000Z', '2026-03-20T10:00:00.000Z'] }) },
  { text: 'last 2 weeks', expect: query({ window: ['2026-03-06T10:00:00.000Z', '2026-03-20T10:00:00.000Z'] }) },
  {
    text: 'in Lambeth over the past two days',
    expect: query({ boroughs: ['Lambeth'], window: ['2026-03-18T10:00:00.000Z', '2026-03-20T10:00:00.000Z'] }),
  },
  { text: 'last 31 days', expect: query({ window: ['2026-02-17T10:00:00.000Z', '2026-03-20T10:00:00.000Z'] }) },
  { text: 'last 32 days', expect: invalid(/"last 32 days" is longer than one search can cover \(at most 31 days\)/) },
  {
    text: 'last 100000000000000000000 hours',
    expect: invalid(/"last 100000000000000000000 hours" is longer than one search can cover/),
  },
  { text: 'last 99999 days', expect: invalid(/"last 99999 days" is longer than one search can cover/) },
  { text: 'last 0 hours', expect: invalid(/"last 0 hours" is too short a time to search/) },
  {
    text: '99999 days ago',
    expect: invalid(/"99999 days ago" is too long ago: I can only search footage from 2000 onwards/),
  },
  { text: '3 days ago', expect: query({ window: day('2026-03-17', '2026-03-18') }) },

  // Two-digit years and the exported-report date form.
  { text: '13 mar 26', expect: query({ window: day('2026-03-13', '2026-03-14') }) },
  {
    text: '13-Mar-26 near Oxford Circus',
    expect: query({ place: ['Oxford Circus', 500], window: day('2026-03-13', '2026-03-14') }),
  },
  { text: '13 March 2026', expect: query({ window: day('2026-03-13', '2026-03-14') }) },
  { text: 'Mar 13 26', expect: query({ window: day('2026-03-13', '2026-03-14') }) },
  { text: '4 March 10-12pm', expect: query({ window: ['2026-03-04T10:00:00.000Z', '2026-03-04T12:00:00.000Z'] }) },
  { text: '13 mar 99', expect: invalid(/in the future/) },

  // The spring clock change, 29 March 2026: 01:00 GMT became 02:00 BST.
  {
    text: '29/03/2026 02:30',
    now: AFTER_SPRING_CHANGE,
    expect: query({ window: ['2026-03-29T01:30:00.000Z', '2026-03-29T01:31:00.000Z'] }),
  },
  {
    text: '29/03/2026 01:30',
    now: AFTER_SPRING_CHANGE,
    expect: invalid(/01:30 does not exist in London time.*clocks went forward from 01:00 GMT to 02:00 BST/),
  },
  {
    text: '29/03/2026',
    now: AFTER_SPRING_CHANGE,
    expect: query({ window: ['2026-03-29T00:00:00.000Z', '2026-03-29T23:00:00.000Z'] }),
  },
  {
    text: '29/03/2026 between 14:00 and 16:00',
    now: AFTER_SPRING_CHANGE,
    expect: query({ window: ['2026-03-29T13:00:00.000Z', '2026-03-29T15:00:00.000Z'] }),
  },
  {
    text: '28/03/2026 from 22:00 to 03:00',
    now: AFTER_SPRING_CHANGE,
    expect: query({ window: ['2026-03-28T22:00:00.000Z', '2026-03-29T02:00:00.000Z'] }),
  },
  {
    text: 'last night',
    now: '2026-03-29T10:00:00Z',
    expect: query({ window: ['2026-03-28T18:00:00.000Z', '2026-03-29T05:00:00.000Z'] }),
  },
  // The autumn change, 25 October 2026: 01:00-01:59 happens twice; the first (BST) is taken.
  {
    text: '25/10/2026 01:30',
    now: AFTER_AUTUMN_CHANGE,
    expect: query({ window: ['2026-10-25T00:30:00.000Z', '2026-10-25T00:31:00.000Z'] }),
  },
  {
    text: '25/10/2026',
    now: AFTER_AUTUMN_CHANGE,
    expect: query({ window: ['2026-10-24T23:00:00.000Z', '2026-10-26T00:00:00.000Z'] }),
  },

  // Places: misspellings, case, short forms, radii, boroughs, ambiguity.
  {
    text: 'near brixton statoin yesterday',
    expect: query({ place: ['Brixton Station', 500], window: day('2026-03-19', '2026-03-20') }),
  },
  { text: 'BRIXTON STATION', expect: query({ place: ['Brixton Station', 500] }) },
  { text: 'Oxford circus', expect: query({ place: ['Oxford Circus', 500] }) },
  {
    text: 'oxfrod circus today',
    expect: query({ place: ['Oxford Circus', 500], window: day('2026-03-20', '2026-03-21') }),
  },
  { text: 'near picadilly circus', expect: query({ place: ['Piccadilly Circus', 500] }) },
  { text: 'Brixton', expect: query({ place: ['Brixton Station', 500] }) },
  {
    text: 'kings cross last night',
    expect: query({
      place: ["King's Cross St Pancras", 500],
      window: ['2026-03-19T18:00:00.000Z', '2026-03-20T06:00:00.000Z'],
    }),
  },
  { text: '300 metres from Leicester Sq', expect: query({ place: ['Leicester Square', 300] }) },
  { text: 'Elephant & Castle', expect: query({ place: ['Elephant and Castle', 500] }) },
  { text: 'North End, Croydon', expect: query({ place: ['North End, Croydon', 500] }) },
  { text: 'within 1.5 km of Waterloo', expect: query({ place: ['Waterloo Station', 1500] }) },
  { text: 'within half a mile of Brixton', expect: query({ place: ['Brixton Station', 804.672] }) },
  { text: 'in Lambeth', expect: query({ boroughs: ['Lambeth'] }) },
  { text: 'in lambth', expect: query({ boroughs: ['Lambeth'] }) },
  {
    text: 'Lambeth and Southwark yesterday',
    expect: query({ boroughs: ['Lambeth', 'Southwark'], window: day('2026-03-19', '2026-03-20') }),
  },
  { text: 'Islington', expect: query({ boroughs: ['Islington'] }) },
  {
    text: 'near circus',
    expect: { kind: 'ambiguous_place', text: 'circus', candidates: ['Oxford Circus', 'Piccadilly Circus'] },
  },
  { text: 'near circus', chosenPlace: 'piccadilly circus', expect: query({ place: ['Piccadilly Circus', 500] }) },
  {
    text: 'near Croydon Station',
    expect: {
      kind: 'ambiguous_place',
      text: 'Croydon Station',
      candidates: ['East Croydon Station', 'West Croydon Station'],
    },
  },
  {
    text: 'near Narnia yesterday',
    expect: { kind: 'unknown_place', subject: 'place', text: 'Narnia', suggestion: null },
  },
  { text: 'near Brixtonn Statoin', expect: query({ place: ['Brixton Station', 500] }) },
  {
    text: 'near Bixton Staton Road',
    expect: { kind: 'unknown_place', subject: 'place', text: 'Bixton Staton Road', suggestion: 'Brixton Station' },
  },
  {
    text: 'Camden Lock yesterday',
    expect: { kind: 'unknown_place', subject: 'place', text: 'Camden Lock', suggestion: 'Camden Town Station' },
  },
  {
    text: 'Oxford Street yesterday',
    expect: { kind: 'unknown_place', subject: 'place', text: 'Oxford Street', suggestion: 'Oxford Circus' },
  },
  { text: 'Brixton Station in Westminster', expect: invalid(/Brixton Station is in Lambeth, not Westminster/) },

  // Cameras, owners, statuses, cases.
  {
    text: 'lam0105 and LAM-0106 yesterday',
    expect: query({ cameraIds: ['LAM-0105', 'LAM-0106'], window: day('2026-03-19', '2026-03-20') }),
  },
  { text: 'LAM0105 last tuesday', expect: query({ cameraIds: ['LAM-0105'], window: day('2026-03-17', '2026-03-18') }) },
  { text: 'lam-105', expect: query({ cameraIds: ['LAM-0105'] }) },
  {
    text: 'lam-999 yesterday',
    expect: { kind: 'unknown_place', subject: 'camera', text: 'LAM-0999', suggestion: 'LAM-0139' },
  },
  { text: 'top-10 cameras near Brixton', expect: query({ place: ['Brixton Station', 500], ignored: ['top-10'] }) },
  {
    text: 'Brixton Station last weekend',
    expect: query({ place: ['Brixton Station', 500], window: day('2026-03-14', '2026-03-16') }),
  },
  {
    text: 'on 13 mar 26 at 14:00',
    expect: query({ window: ['2026-03-13T14:00:00.000Z', '2026-03-13T14:01:00.000Z'] }),
  },
  {
    text: 'cctv from lam105 and lam-106 this week',
    expect: query({ cameraIds: ['LAM-0105', 'LAM-0106'], window: day('2026-03-16', '2026-03-23') }),
  },
  {
    text: 'mar2026 in Lambeth',
    expect: query({ boroughs: ['Lambeth'], window: ['2026-03-01T00:00:00.000Z', '2026-03-31T23:00:00.000Z'] }),
  },
  { text: 'near LAM-0105', expect: query({ place: ['camera LAM-0105', 500] }) },
  { text: 'LAM-0999', expect: { kind: 'unknown_place', subject: 'camera', text: 'LAM-0999', suggestion: 'LAM-0139' } },
  { text: 'camera ZZZ-9999', expect: { kind: 'unknown_place', subject: 'camera', text: 'ZZZ-9999', suggestion: null } },
  {
    text: 'council cameras in Hackney today',
    expect: query({ ownerTypes: ['local_authority'], boroughs: ['Hackney'], window: day('2026-03-20', '2026-03-21') }),
  },
  {
    text: 'footage from shops near Soho Square',
    expect: query({ ownerTypes: ['business'], place: ['Soho Square', 500] }),
  },
  {
    text: 'Transport for London cameras at Oxford Circus',
    expect: query({ ownerTypes: ['transport'], place: ['Oxford Circus', 500] }),
  },
  {
    text: 'evidential footage near Brick Lane',
    expect: query({ statuses: ['evidential'], place: ['Brick Lane', 500] }),
  },
  {
    text: 'not relevant recordings for case 5274265/26',
    expect: query({ statuses: ['not_relevant'], caseReference: '5274265/26' }),
  },
  {
    text: 'footage of a fight near Brixton station yesterday',
    expect: query({ place: ['Brixton Station', 500], window: day('2026-03-19', '2026-03-20'), ignored: ['fight'] }),
  },

  // Bad input: a helpful answer, never an exception.
  { text: '', expect: invalid(/what footage to look for/) },
  { text: '   \n\t ', expect: invalid(/what footage to look for/) },
  { text: 'find footage', expect: invalid(/what footage to look for: a place, camera, borough/) },
  { text: 'from 05/03/2026 to 03/03/2026', expect: invalid(/ends .* before it starts/) },
  { text: '01/01/1900', expect: invalid(/year 1900 .* from 2000 onwards/) },
  { text: 'from 01/01/2016 to 01/01/2026', expect: invalid(/10 years long .* at most 31 days/) },
  { text: 'between 2016 and 2026', expect: invalid(/years long .* at most 31 days/) },
  { text: 'last 10 years', expect: invalid(/"last 10 years" is longer than one search can cover/) },
  { text: '31/02/2026', expect: invalid(/not a date: February 2026 has 28 days/) },
  { text: '03/14/2026', expect: invalid(/day first .* no month 14\. Did you mean 14\/03\/2026\?/) },
  { text: '21/03/2026', expect: invalid(/in the future/) },
  { text: 'yesterday 25:00', expect: invalid(/"25:00" is not a time/) },
  { text: 'yesterday between 2 and 4', expect: invalid(/morning or .* afternoon\? Add am or pm/) },
  { text: 'Wed 3 Mar 2026', expect: invalid(/Tue 3 Mar 2026 is a Tuesday, not a Wednesday/) },
  { text: 'within 300m', expect: invalid(/Within 300m of where\?/) },
  { text: 'within 50km of Brixton', expect: invalid(/at most 10 km/) },
  {
    text: 'brixton station and oxford circus',
    expect: invalid(/one place at a time.*Brixton Station and Oxford Circus/),
  },
  { text: 'case 5212345', expect: invalid(/seven digits, a slash and two digits/) },
  { text: "' OR 1=1", expect: invalid(/couldn't find a place, camera, borough, case reference or time in "' OR 1=1"/) },
  { text: '%', expect: invalid(/couldn't find .* in "%"/) },
  { text: ':param', expect: { kind: 'unknown_place', subject: 'place', text: 'param' } },
  { text: '<at>CCTV Footage</at> near Brixton', expect: query({ place: ['Brixton Station', 500] }) },
  { text: "near Brixton Station' OR 1=1 --", expect: query({ place: ['Brixton Station', 500], ignored: ['1=1'] }) },
  { text: 'x'.repeat(5000), expect: invalid(/5,000 characters long; I read searches of up to 500/) },
];

function comparable(understanding: Understanding): Expected | Understanding {
  if (understanding.kind !== 'query') return understanding;
  const q = understanding.query;
  const result: ExpectedQuery = { kind: 'query' };
  if (q.window) result.window = [q.window.start.toISOString(), q.window.end.toISOString()];
  if (q.place) result.place = [q.place.name, q.place.radiusMetres];
  if (q.cameraIds) result.cameraIds = q.cameraIds;
  if (q.boroughs) result.boroughs = q.boroughs;
  if (q.ownerTypes) result.ownerTypes = q.ownerTypes;
  if (q.caseReference) result.caseReference = q.caseReference;
  if (q.statuses) result.statuses = q.statuses;
  if (q.ignored) result.ignored = q.ignored;
  return result;
}

describe('understanding plain-English footage requests', () => {
  it('has at least 60 phrasings', () => {
    expect(ROWS.length).toBeGreaterThanOrEqual(60);
  });

  it.each(
    ROWS.map(
      (row) =>
        [
          row.text.length > 70 ? `${row.text.slice(0, 30)}... (${row.text.length} chars)` : row.text,
          row.now ?? FRIDAY_10AM,
          row,
        ] as const,
    ),
  )('%s (now %s)', (_label, now, row) => {
    const understanding = understandQuery(row.text, {
      now: new Date(now),
      gazetteer: demoGazetteer(),
      chosenPlace: row.chosenPlace,
    });
    const expected = row.expect;
    switch (expected.kind) {
      case 'query':
        expect(comparable(understanding)).toEqual(expected);
        break;
      case 'invalid':
        expect(understanding.kind).toBe('invalid');
        if (understanding.kind === 'invalid') expect(understanding.reason).toMatch(expected.reason);
        break;
      case 'ambiguous_place':
        expect(understanding).toMatchObject({ kind: 'ambiguous_place', text: expected.text });
        if (understanding.kind === 'ambiguous_place') {
          expect(understanding.candidates.map((place) => place.name)).toEqual(expected.candidates);
          expect(understanding.message).toContain(expected.candidates[0]);
        }
        break;
      case 'unknown_place':
        expect(understanding).toMatchObject({ kind: 'unknown_place', subject: expected.subject, text: expected.text });
        if (understanding.kind === 'unknown_place') {
          if (expected.suggestion) expect(understanding.suggestions[0]).toBe(expected.suggestion);
          if (expected.suggestion === null) expect(understanding.suggestions).toEqual([]);
          expect(understanding.message).toContain(expected.text);
        }
        break;
    }
  });
});
