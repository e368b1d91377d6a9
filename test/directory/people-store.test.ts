import { InvalidInputError } from '../../src/footage/errors';
import type { Person } from '../../src/footage/people';
import { backends, ManualClock, useFixture } from '../store/support';

/** What the Entra directory writes person by person: confirm (upsert), remove, and when last confirmed. */
const alice: Person = {
  aadObjectId: 'aad-alice',
  name: 'PC Alice Carter',
  role: 'officer',
  borough: 'Lambeth',
  email: 'alice@police.example',
};
const dana: Person = {
  aadObjectId: 'aad-dana',
  name: 'Sgt Dana Whitfield',
  role: 'supervisor',
  borough: 'Lambeth',
  email: 'dana@police.example',
};

describe.each(backends())('people written one at a time on %s', (kind) => {
  const fixture = useFixture(kind, __filename);

  test('upsert adds or updates, keeps a learnt Teams id, and stamps the confirmation time', async () => {
    const clock = new ManualClock('2026-03-01T09:00:00.000Z');
    const { store } = await fixture.store({ clock: clock.now });
    await store.people.upsert(alice);
    expect(await store.people.findByAadObjectId('aad-alice')).toEqual(alice);
    expect(await store.people.confirmedAt('aad-alice')).toEqual(new Date('2026-03-01T09:00:00.000Z'));
    await store.people.setTeamsId('aad-alice', '29:alice');
    clock.advance(60_000);
    await store.people.upsert({ ...alice, borough: 'Southwark' });
    expect(await store.people.findByAadObjectId('aad-alice')).toEqual({
      ...alice,
      borough: 'Southwark',
      teamsId: '29:alice',
    });
    expect(await store.people.confirmedAt('aad-alice')).toEqual(new Date('2026-03-01T09:01:00.000Z'));
    expect(await store.people.confirmedAt('aad-nobody')).toBeUndefined();
  });

  test("upsert refuses someone else's login, and remove says whether anyone was there", async () => {
    const { store } = await fixture.store();
    await store.people.upsert(alice);
    await store.people.upsert(dana);
    await expect(store.people.upsert({ ...dana, email: 'ALICE@police.example' })).rejects.toThrow(InvalidInputError);
    expect(await store.people.findByAadObjectId('aad-dana')).toEqual(dana);
    expect(await store.people.remove('aad-dana')).toBe(true);
    expect(await store.people.remove('aad-dana')).toBe(false);
    expect((await store.people.list()).map((p) => p.aadObjectId)).toEqual(['aad-alice']);
  });
});
