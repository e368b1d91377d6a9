/**
 * The Teams routes in-process, through botbuilder's TestAdapter: activities in, the activities the
 * bot sends (messages and invoke responses) out, with the real store (SQLite in a temp dir), the
 * real Box emulator behind the gateway, and the real access feature. Faster and closer to each route
 * than the full-process suites in test/e2e, which stay the proof over HTTP.
 */
import { ActivityTypes, type Activity } from 'botbuilder';
import type { Person } from '../../src/footage/people';
import { runTurn } from '../../src/teams/app';
import { COMMANDS } from '../../src/teams/commands';
import { activity, cardsOf, clickActivity, people, useInProcessBot } from './in-process';

const officer = people.find((p) => p.role === 'officer')!;
const supervisor = people.find((p) => p.role === 'supervisor')!;
const NOTICE = 'Demo data: 1–31 March 2026; it is Fri 20 Mar 2026 10:00 here';

const suite = useInProcessBot(__filename, { notice: NOTICE, run: (app, context) => runTurn(app, context) });

function turn(input: Partial<Activity>): Promise<Partial<Activity>[]> {
  return suite.bot.turn(input);
}

function say(person: Person | { aadObjectId: string; name: string }, text: string): Promise<Partial<Activity>[]> {
  return turn(activity(person, { type: ActivityTypes.Message, text }));
}

function click(person: Person, verb: string, data: Record<string, unknown>): Promise<Partial<Activity>[]> {
  return turn(clickActivity(person, verb, data));
}

/** The body of the invoke response the bot gave. */
function invokeBody(sent: Partial<Activity>[]): { statusCode?: number; type?: string; value?: unknown } {
  const response = sent.find((a) => a.type === ActivityTypes.InvokeResponse);
  expect(response).toBeDefined();
  const value = response!.value as { status: number; body: { statusCode?: number; type?: string; value?: unknown } };
  expect(value.status).toBe(200);
  return value.body;
}

describe('typed text goes through the command table', () => {
  test('help lists the commands the officer may use, under the notice', async () => {
    const [card] = cardsOf(await say(officer, 'help'));
    const text = JSON.stringify(card);
    expect(text.indexOf(NOTICE)).toBeGreaterThan(-1);
    expect(text.indexOf(NOTICE)).toBeLessThan(text.indexOf('What I can do'));
    for (const command of COMMANDS)
      expect(text.includes(`**${command.name}**`)).toBe(command.roles.includes('officer'));
  });

  test('a search reaches find and answers with recordings, read against the fixed clock', async () => {
    const [card] = cardsOf(await say(officer, 'camera LAM-0105 last night'));
    const text = JSON.stringify(card);
    expect(text).toContain('"1 recording"');
    expect(text).toContain('Fri 20 Mar 2026, 03:00–03:45 GMT');
    expect(text).toContain('Camera LAM-0105');
  });

  test('a search Box cannot answer gets the Box card, not silence', async () => {
    await suite.bot.emulator.injectFault({ status: 503, count: 20, match: '/metadata_queries' });
    const [card] = cardsOf(await say(officer, 'camera LAM-0105 last night'));
    expect(JSON.stringify(card)).toContain('Box is not answering just now');
  });

  test('my requests reaches the access feature', async () => {
    const [card] = cardsOf(await say(officer, 'my requests'));
    expect(JSON.stringify(card)).toContain('You have not requested access to any footage yet');
  });

  test('approvals is refused to an officer, and the refusal is audited', async () => {
    const [card] = cardsOf(await say(officer, 'approvals'));
    expect(JSON.stringify(card)).toContain('Only supervisors and administrators decide access requests');
    const entries = await suite.bot.store.audit.list({ limit: 50 });
    expect(entries.some((e) => e.action === 'refused' && e.actor === officer.aadObjectId)).toBe(true);
  });

  test('help, unknown text and refusals show the bot’s bold command names as bold, never as escaped stars', async () => {
    const cards = [
      ...cardsOf(await say(officer, 'help')),
      ...cardsOf(await say(officer, 'what is the weather like')),
      ...cardsOf(await say(officer, 'approvals')),
      ...cardsOf(await say(officer, 'request **nothing** 🚓 called this')),
    ].map((card) => JSON.stringify(card));
    expect(cards).toHaveLength(4);
    expect(cards[0]).toContain('**find**');
    expect(cards[1]).toContain('Type **help** for everything I can do.');
    expect(cards[2]).toContain('type **my requests**');
    expect(cards[3]).toContain('search with **find**');
    // What the officer typed is still quoted literally.
    expect(cards[3]).toContain('\\\\*\\\\*nothing\\\\*\\\\* 🚓 called this');
    for (const card of cards.slice(0, 3)) expect(card).not.toContain('\\\\*');
  });

  test('unknown, empty and overlong text get suggestions drawn from the table', async () => {
    for (const text of ['what is the weather like', '   ']) {
      const card = JSON.stringify(cardsOf(await say(officer, text))[0]);
      expect(card).toContain("Sorry, I didn't understand that");
      expect(card).toContain('camera LAM-0105 last night');
    }
    expect(JSON.stringify(cardsOf(await say(officer, 'x'.repeat(1001)))[0])).toContain('That message is too long');
  });
});

describe('people and installs', () => {
  test('installing the app welcomes the person with the featured examples and the notice', async () => {
    const [card] = cardsOf(await turn(activity(supervisor, { type: ActivityTypes.InstallationUpdate, action: 'add' })));
    const text = JSON.stringify(card);
    expect(text).toContain(NOTICE);
    for (const example of COMMANDS.filter((c) => c.featured).flatMap((c) => c.examples))
      expect(text).toContain(example);
    expect(text).toContain('you also approve requests');
  });

  test('someone not on the roster learns only whom to ask', async () => {
    const [card] = cardsOf(
      await say({ aadObjectId: '0c0c0c0c-9999-4999-8999-000000000999', name: 'Sam Stranger' }, 'help'),
    );
    expect(JSON.stringify(card)).toContain("You're not registered to use CCTV Footage.");
  });
});

describe('card actions are answered in one place', () => {
  test('a forged access payload is refused in the invoke response and audited', async () => {
    const body = invokeBody(await click(supervisor, 'request.approve', { requestId: '../../etc' }));
    expect(body.type).toBe('application/vnd.microsoft.card.adaptive');
    expect(JSON.stringify(body.value)).toContain("That button's data could not be read");
    const entries = await suite.bot.store.audit.list({ limit: 50 });
    expect(entries.some((e) => e.action === 'refused' && e.actor === supervisor.aadObjectId)).toBe(true);
  });

  test('a refresh for a request that does not exist says so', async () => {
    const body = invokeBody(
      await click(supervisor, 'request.refresh', { requestId: '00000000-0000-4000-8000-000000000000' }),
    );
    expect(JSON.stringify(body.value)).toContain('That request does not exist (any more).');
  });

  test('a stale paging token gets the out-of-date card, not an error', async () => {
    const body = invokeBody(await click(officer, 'footage.nextPage', { queryToken: 'bm90LWEtdG9rZW4' }));
    expect(JSON.stringify(body.value)).toContain('That card is out of date');
  });

  test('a verb no route knows is answered with a card', async () => {
    const body = invokeBody(await click(officer, 'footage.teleport', {}));
    expect(JSON.stringify(body.value)).toContain("I can't do that from here");
  });
});
