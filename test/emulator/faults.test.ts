/**
 * Fault rules: a rule without a match applies to API calls only; a matched rule to whatever it names.
 */

import { Faults, parseFaultRule } from '../../src/emulator/faults';

describe('Faults', () => {
  it('applies an unmatched rule to API calls only, and a matched rule to whatever it names', () => {
    const faults = new Faults();
    faults.add(parseFaultRule({ status: 503, count: 2 }));
    expect(faults.take('POST /oauth2/token', true)).toBeUndefined();
    expect(faults.take('GET /2.0/users/me', false)?.status).toBe(503);
    expect(faults.take('GET /2.0/folders/0', false)?.status).toBe(503);
    expect(faults.take('GET /2.0/folders/0', false)).toBeUndefined();
    faults.add(parseFaultRule({ status: 500, match: 'POST /oauth2/token' }));
    expect(faults.take('POST /oauth2/token', true)?.status).toBe(500);
  });

  it.each([
    {},
    { status: 404 },
    { status: 429, count: 0 },
    { status: 429, retryAfter: -1 },
    { latencyMs: 'slow' },
    { status: 429, match: 3 },
  ])('refuses the rule %j', (rule) => {
    expect(() => parseFaultRule(rule)).toThrow();
  });
});
