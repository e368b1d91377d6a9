import { Health, statusOnly } from '../../src/health';
import { mayReadHealthDetail } from '../../src/server';
import { activityProblem } from '../../src/teams/activity-shape';
import { RateLimiter } from '../../src/teams/rate-limit';
import { decideTenant } from '../../src/teams/tenant-gate';

/** The pure decisions at the edge: tenant, rate, activity shape, who reads /healthz detail. */
const HOME = 'home-tenant';
const allowed = new Set([HOME]);

describe('tenant gate', () => {
  test('both places must name an allowed tenant when they name one', () => {
    expect(
      decideTenant(
        { channelId: 'msteams', conversation: { tenantId: HOME }, channelData: { tenant: { id: HOME } } },
        allowed,
      ),
    ).toEqual({ allowed: true });
    expect(decideTenant({ channelId: 'msteams', conversation: { tenantId: 'HOME-TENANT' } }, allowed)).toEqual({
      allowed: true,
    });
    expect(decideTenant({ channelId: 'msteams', channelData: { tenant: { id: HOME } } }, allowed)).toEqual({
      allowed: true,
    });
    expect(
      decideTenant(
        { channelId: 'msteams', conversation: { tenantId: HOME }, channelData: { tenant: { id: 'other' } } },
        allowed,
      ),
    ).toMatchObject({ allowed: false, tenantIds: [HOME, 'other'] });
    expect(
      decideTenant(
        { channelId: 'msteams', conversation: { tenantId: 'other' }, channelData: { tenant: { id: HOME } } },
        allowed,
      ),
    ).toMatchObject({ allowed: false });
  });

  test('Teams without a tenant is refused; another channel without one is not', () => {
    expect(decideTenant({ channelId: 'msteams', conversation: {}, channelData: {} }, allowed)).toMatchObject({
      allowed: false,
      reason: 'no tenant named',
    });
    expect(decideTenant({ channelId: 'emulator', conversation: {} }, allowed)).toEqual({ allowed: true });
    expect(decideTenant({ channelId: 'emulator', conversation: { tenantId: 'other' } }, allowed)).toMatchObject({
      allowed: false,
    });
  });
});

describe('rate limiter', () => {
  test('allows the limit a minute per person, then says when to come back', () => {
    let now = 0;
    const limiter = new RateLimiter(3, () => now);
    expect([1, 2, 3].map(() => limiter.take('alice').ok)).toEqual([true, true, true]);
    now = 20_000;
    expect(limiter.take('alice')).toEqual({ ok: false, retryAfterSeconds: 40 });
    expect(limiter.take('ben').ok).toBe(true);
    now = 60_000;
    expect(limiter.take('alice').ok).toBe(true);
  });

  test('a high limit slides the same way: commands leave the window one minute after they were counted', () => {
    let now = 0;
    const limiter = new RateLimiter(5000, () => now);
    for (let i = 0; i < 5000; i += 1) {
      now = i * 10; // 5,000 commands over 50 s
      expect(limiter.take('alice').ok).toBe(true);
    }
    now = 59_999;
    expect(limiter.take('alice')).toEqual({ ok: false, retryAfterSeconds: 1 });
    // At 65 s the first 501 (counted at 0 to 5 s) have left the window: exactly 501 more fit.
    now = 65_000;
    const taken = Array.from({ length: 600 }, () => limiter.take('alice').ok).filter(Boolean).length;
    expect(taken).toBe(501);
    expect(limiter.take('alice')).toEqual({ ok: false, retryAfterSeconds: 1 });
    // Long after, the window is empty again.
    now = 200_000;
    expect(limiter.take('alice').ok).toBe(true);
  });
});

describe('activity shape', () => {
  test.each([
    [null, /JSON object/],
    [[], /JSON object/],
    [{}, /no type/],
    [{ type: '' }, /no type/],
    [{ type: 'message', text: 42 }, /text must be a string/],
    [{ type: 'message', from: 'alice' }, /from must be an object/],
    [{ type: 'message', from: { aadObjectId: ['x'] } }, /from\.aadObjectId/],
    [{ type: 'message', conversation: { tenantId: 1 } }, /conversation\.tenantId/],
    [{ type: 'message', channelData: { tenant: { id: {} } } }, /tenant\.id/],
  ])('%j is refused', (body, problem) => {
    expect(activityProblem(body)).toMatch(problem);
  });

  test('a Teams message passes', () => {
    expect(
      activityProblem({
        type: 'message',
        text: 'help',
        from: { id: '29:a', aadObjectId: 'x' },
        conversation: { id: 'a', tenantId: 't' },
        channelData: { tenant: { id: 't' } },
      }),
    ).toBeUndefined();
  });
});

describe('/healthz detail', () => {
  test('loopback and token holders only', () => {
    expect(mayReadHealthDetail('127.0.0.1', undefined, undefined)).toBe(true);
    expect(mayReadHealthDetail('::1', undefined, undefined)).toBe(true);
    expect(mayReadHealthDetail('::ffff:127.0.0.1', undefined, undefined)).toBe(true);
    expect(mayReadHealthDetail('10.0.0.5', undefined, undefined)).toBe(false);
    expect(mayReadHealthDetail('10.0.0.5', 'Bearer s3cret', undefined)).toBe(false);
    expect(mayReadHealthDetail('10.0.0.5', 'Bearer s3cret', 's3cret')).toBe(true);
    expect(mayReadHealthDetail('10.0.0.5', 'Bearer wrong!', 's3cret')).toBe(false);
  });

  test('status only names no path, host or user', async () => {
    const health = new Health(
      {
        box: 'https://api.box.com',
        database: { kind: 'postgres', target: 'postgres://botuser@db.internal:5432/cctv' },
      },
      false,
    );
    health.warn('demo mode');
    const report = statusOnly(await health.report());
    expect(report).toEqual({ ready: false, status: 'starting', warnings: ['demo mode'] });
  });
});
