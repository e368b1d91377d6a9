import type { ConversationReference } from 'botbuilder';
import roster from '../../demo/roster.json';
import { InvalidInputError } from '../../src/footage/errors';
import type { Person } from '../../src/footage/people';
import { SETTING_KEYS } from '../../src/footage/ports/store';
import { toAddress, toReference } from '../../src/teams/conversation-address';
import { backends, ManualClock, useFixture } from './support';

const alice: Person = {
  aadObjectId: 'aad-alice',
  name: 'PC Alice Carter',
  role: 'officer',
  borough: 'Lambeth',
  email: 'Alice.Carter@police.example',
};
const dana: Person = {
  aadObjectId: 'aad-dana',
  name: 'Sgt Dana Whitfield',
  role: 'supervisor',
  borough: 'Lambeth',
  email: 'dana@police.example',
  teamsId: '29:dana',
};
const sam: Person = {
  aadObjectId: 'aad-sam',
  name: 'Insp Sam Reid',
  role: 'supervisor',
  borough: 'Southwark',
  email: 'sam@police.example',
};
const admin: Person = {
  aadObjectId: 'aad-admin',
  name: 'Admin Ada',
  role: 'admin',
  borough: null,
  email: 'ada@police.example',
};

/** What Teams gives the bot, as botbuilder types it: stored as an address, read back as it was. */
function teamsReference(conversationId: string, conversationType: 'personal' | 'channel'): ConversationReference {
  return {
    activityId: 'act-1',
    user: { id: '29:user', name: 'User', aadObjectId: 'aad-alice' },
    bot: { id: '28:bot', name: 'CCTV Footage' },
    conversation: {
      id: conversationId,
      conversationType,
      tenantId: 'tenant-1',
      isGroup: conversationType === 'channel',
      name: '',
    },
    channelId: 'msteams',
    locale: 'en-GB',
    serviceUrl: 'https://smba.trafficmanager.net/uk/',
  };
}

describe.each(backends())('people, conversations and settings on %s', (kind) => {
  const fixture = useFixture(kind, __filename);

  it('loads the demo roster', async () => {
    const { store } = await fixture.store();
    const people = roster.people as Person[];
    expect(await store.people.replaceRoster(people)).toEqual({
      total: people.length,
      added: people.length,
      changed: 0,
      removed: 0,
    });
    expect(await store.people.list()).toHaveLength(people.length);
    const first = people[0];
    expect(await store.people.findByAadObjectId(first.aadObjectId)).toEqual(first);
  });

  it('replaces the roster: adds, changes and removes people, keeping a learnt Teams id', async () => {
    const { store } = await fixture.store();
    await store.people.replaceRoster([alice, dana, sam]);
    expect(await store.people.setTeamsId(alice.aadObjectId, '29:alice')).toBe(true);
    expect(await store.people.setTeamsId('aad-nobody', '29:x')).toBe(false);

    const promotedSam: Person = { ...sam, role: 'admin', borough: null };
    const result = await store.people.replaceRoster([alice, promotedSam, admin]);

    expect(result).toEqual({ total: 3, added: 1, changed: 1, removed: 1 });
    expect(await store.people.findByAadObjectId(dana.aadObjectId)).toBeUndefined();
    expect(await store.people.findByAadObjectId(alice.aadObjectId)).toEqual({ ...alice, teamsId: '29:alice' });
    expect(await store.people.findByAadObjectId(sam.aadObjectId)).toEqual(promotedSam);
  });

  it('lets two people swap email addresses in one roster change', async () => {
    const { store } = await fixture.store();
    await store.people.replaceRoster([alice, dana]);
    await store.people.replaceRoster([
      { ...alice, email: dana.email },
      { ...dana, email: alice.email },
    ]);
    expect((await store.people.findByEmail(dana.email))?.aadObjectId).toBe(alice.aadObjectId);
  });

  it('refuses a roster with a duplicate email or id and keeps the old one', async () => {
    const { store } = await fixture.store();
    await store.people.replaceRoster([alice, dana]);
    await expect(store.people.replaceRoster([alice, { ...sam, email: 'ALICE.carter@police.example' }])).rejects.toThrow(
      InvalidInputError,
    );
    await expect(store.people.replaceRoster([alice, { ...sam, aadObjectId: alice.aadObjectId }])).rejects.toThrow(
      /twice/,
    );
    expect((await store.people.list()).map((person) => person.aadObjectId).sort()).toEqual(['aad-alice', 'aad-dana']);
  });

  it('finds people by email whatever the case, and lists a role by borough', async () => {
    const { store } = await fixture.store();
    await store.people.replaceRoster([alice, dana, sam, admin]);
    expect((await store.people.findByEmail('alice.carter@POLICE.example'))?.aadObjectId).toBe('aad-alice');
    expect(await store.people.findByEmail('nobody@police.example')).toBeUndefined();
    expect((await store.people.listByRole('supervisor')).map((p) => p.name)).toEqual([
      'Insp Sam Reid',
      'Sgt Dana Whitfield',
    ]);
    expect((await store.people.listByRole('supervisor', 'Lambeth')).map((p) => p.aadObjectId)).toEqual(['aad-dana']);
    expect(await store.people.listByRole('officer', 'Camden')).toEqual([]);
  });

  it('keeps the personal and the latest channel conversation of a person apart, updating each', async () => {
    const clock = new ManualClock();
    const { store } = await fixture.store({ clock: clock.now });
    expect(await store.conversations.get('aad-alice')).toEqual({ personal: undefined, channel: undefined });

    await store.conversations.save('aad-alice', 'personal', toAddress(teamsReference('a:personal-1', 'personal')));
    await store.conversations.save(
      'aad-alice',
      'channel',
      toAddress(teamsReference('19:channel-1@thread.tacv2', 'channel')),
    );
    clock.advance(60_000);
    await store.conversations.save(
      'aad-alice',
      'channel',
      toAddress(teamsReference('19:channel-2@thread.tacv2', 'channel')),
    );

    const saved = await store.conversations.get('aad-alice');
    expect(toReference(saved.personal!.address)).toEqual(teamsReference('a:personal-1', 'personal'));
    expect(saved.channel?.address.conversationId).toBe('19:channel-2@thread.tacv2');
    expect(saved.channel?.updatedAt).toEqual(clock.now());
    expect(saved.personal?.updatedAt.getTime()).toBe(clock.now().getTime() - 60_000);
    await expect(
      store.conversations.save('aad-alice', 'personal', { conversationId: '', data: { serviceUrl: 'x' } }),
    ).rejects.toThrow(InvalidInputError);
    expect(() =>
      toAddress({
        serviceUrl: 'x',
        channelId: 'msteams',
        conversation: { id: '', isGroup: false, conversationType: 'personal', name: '' },
      }),
    ).toThrow(InvalidInputError);
  });

  it('stores settings as JSON: the approvals channel, the seed flag, overwrite and delete', async () => {
    const { store } = await fixture.store();
    expect(await store.settings.get(SETTING_KEYS.approvalsChannel)).toBeUndefined();
    const channel = {
      conversation: { id: '19:approvals@thread.tacv2', conversationType: 'channel' },
      serviceUrl: 'https://smba/',
      note: 'Lambeth — approvals ✓',
    };
    await store.settings.set(SETTING_KEYS.approvalsChannel, channel);
    await store.settings.set(SETTING_KEYS.demoSeedComplete, true);
    await store.settings.set('counter', 1);
    await store.settings.set('counter', [1, 2.5, null, 'three']);

    expect(await store.settings.get(SETTING_KEYS.approvalsChannel)).toEqual(channel);
    expect(await store.settings.get(SETTING_KEYS.demoSeedComplete)).toBe(true);
    expect(await store.settings.get('counter')).toEqual([1, 2.5, null, 'three']);
    expect(await store.settings.delete('counter')).toBe(true);
    expect(await store.settings.delete('counter')).toBe(false);
    expect(await store.settings.get('counter')).toBeUndefined();
  });
});
