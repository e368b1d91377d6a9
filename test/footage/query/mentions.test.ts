import { mentionsFootage } from '../../../src/footage/query';

/** Free text a chat front end should send to the footage search, and text it should not. */
describe('mentionsFootage', () => {
  it.each([
    'LAM0105 last tuesday',
    'lam-105',
    '13 mar 26',
    'this week',
    'last week',
    'past 3 days',
    'over the weekend',
    'past 24 hours',
    'last 2 weeks',
    'hackney last weekend',
    'Brixton Station last weekend',
    '14/03/2026',
    'between 2pm and 4pm',
    '300m from Oxford Circus',
    '5212345/26',
    'last 99999 days',
    'yesterday 25:00',
  ])('"%s" is a footage search', (text) => {
    expect(mentionsFootage(text)).toBe(true);
  });

  it.each(['hello there', 'thanks', 'what is this', 'approve it please', '', '   ', 'x'.repeat(10_000)])(
    '"%s" is not',
    (text) => {
      expect(mentionsFootage(text)).toBe(false);
    },
  );
});
