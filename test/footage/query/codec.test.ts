import { decodeQuery, encodeQuery, understandQuery, type FootageQuery } from '../../../src/footage/query';
import { demoGazetteer } from '../demo-data';

describe('encodeQuery / decodeQuery', () => {
  it('round-trips an understood query through JSON (card action data)', () => {
    const understanding = understandQuery(
      'TfL cameras within 300m of Oxford Circus yesterday evening, case 5212345/26 evidential',
      {
        now: new Date('2026-03-20T10:00:00Z'),
        gazetteer: demoGazetteer(),
      },
    );
    if (understanding.kind !== 'query') throw new Error(JSON.stringify(understanding));
    const json = JSON.parse(JSON.stringify(encodeQuery(understanding.query)));
    expect(json.window).toEqual({ start: '2026-03-19T18:00:00.000Z', end: '2026-03-20T00:00:00.000Z' });
    expect(decodeQuery(json)).toEqual(understanding.query);
  });

  const valid: FootageQuery = {
    window: { start: new Date('2026-03-03T14:00:00Z'), end: new Date('2026-03-03T16:00:00Z') },
    place: { name: 'Brixton Station', borough: 'Lambeth', latitude: 51.4627, longitude: -0.1145, radiusMetres: 500 },
  };
  const encoded = () => JSON.parse(JSON.stringify(encodeQuery(valid))) as Record<string, unknown>;

  it.each([
    ['not an object', 'query'],
    ['an unknown field', { ...encoded(), sql: "' OR 1=1" }],
    ['a window that is not a date', { ...encoded(), window: { start: 'yesterday', end: '2026-03-03T16:00:00Z' } }],
    [
      'a window that ends before it starts',
      { ...encoded(), window: { start: '2026-03-03T16:00:00Z', end: '2026-03-03T14:00:00Z' } },
    ],
    ['a radius beyond the maximum', { ...encoded(), place: { ...valid.place, radiusMetres: 1e9 } }],
    ['a latitude that is a string', { ...encoded(), place: { ...valid.place, latitude: '51' } }],
    ['an unknown owner type', { ...encoded(), ownerTypes: ['police'] }],
    ['a malformed case reference', { ...encoded(), caseReference: "5212345/26' OR 1=1" }],
    ['a malformed camera id', { ...encoded(), cameraIds: ['LAM-0105; DROP'] }],
  ])('refuses %s', (_what, value) => {
    expect(decodeQuery(value)).toBeUndefined();
  });
});
