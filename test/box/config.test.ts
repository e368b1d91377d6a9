import { describeBoxTarget } from '../../src/box/config';

describe('describeBoxTarget', () => {
  it('names the target without secrets', () => {
    const ccg = { kind: 'ccg' as const, clientId: 'the-client-id', clientSecret: 'the-secret', enterpriseId: '123' };
    expect(describeBoxTarget({ auth: ccg })).toBe('box ccg enterprise 123');
    expect(
      describeBoxTarget({
        auth: ccg,
        baseUrls: { baseUrl: 'http://127.0.0.1:3979', uploadUrl: 'http://127.0.0.1:3979/api', oauth2Url: 'x' },
      }),
    ).toBe('emulator http://127.0.0.1:3979');
    expect(describeBoxTarget({ auth: { kind: 'jwt', configPath: '/secret/path/config.json' } })).toBe('box jwt app');
    expect(
      describeBoxTarget({
        auth: ccg,
        baseUrls: { baseUrl: 'https://user:pw@proxy.example/box?token=t', uploadUrl: 'u', oauth2Url: 'o' },
      }),
    ).toBe('box ccg enterprise 123 at https://proxy.example');
    for (const text of [describeBoxTarget({ auth: ccg })]) {
      expect(text).not.toContain('the-secret');
      expect(text).not.toContain('the-client-id');
    }
  });
});
