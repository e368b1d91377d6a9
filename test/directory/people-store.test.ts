import { InvalidInputError } from '../../src/footage/errors';
import { ALICE, backends, DANA, ManualClock, useFixture } from '../store/support';

/** What the Entra directory writes person by person: confirm (upsert), remove, and when last confirmed. */

describe.each(backends())('people written one at a time on %s', (kind) => {
  const fixture = useFixture(kind, __filename);

  test('upsert adds or updates, keeps a learnt Teams id, and stamps the confirmation time', async () => {
    const clock = new ManualClock('2026-03-01T09:00:00.000Z');
    const { store } = await fixture.store({ clock: clock.now });
    await store.people.upsert(ALICE);
    expect(await store.people.findByAadObjectId('aad-alice')).toEqual(ALICE);
    expect(await store.people.confirmedAt('aad-alice')).toEqual(new Date('2026-03-01T09:00:00.000Z'));
    await store.people.setTeamsId('aad-alice', '29:alice');
    clock.advance(60_000);
    await store.people.upsert({ ...ALICE, borough: 'Southwark' });
    expect(await store.people.findByAadObjectId('aad-alice')).toEqual({
      ...ALICE,
      borough: 'Southwark',
      teamsId: '29:alice',
    });
    expect(await store.people.confirmedAt('aad-alice')).toEqual(new Date('2026-03-01T09:01:00.000Z'));
    expect(await store.people.confirmedAt('aad-nobody')).toBeUndefined();
  });

  test("upsert refuses someone else's login, and remove says whether anyone was there", async () => {
    const { store } = await fixture.store();
    await store.people.upsert(ALICE);
    await store.people.upsert(DANA);
    await expect(store.people.upsert({ ...DANA, email: 'ALICE@police.example' })).rejects.toThrow(InvalidInputError);
    expect(await store.people.findByAadObjectId('aad-dana')).toEqual(DANA);
    expect(await store.people.remove('aad-dana')).toBe(true);
    expect(await store.people.remove('aad-dana')).toBe(false);
    expect((await store.people.list()).map((p) => p.aadObjectId)).toEqual(['aad-alice']);
  });
});
