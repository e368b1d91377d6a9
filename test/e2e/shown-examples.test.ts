/**
 * The first five minutes: every example the bot shows (welcome card, help card, the "didn't
 * understand" suggestions) and every one the README offers under "Things to type" is typed into the
 * bot running on the seeded demo data, and must reach the command it is shown for and answer with
 * something, never "no recordings" or "not understood". The examples are read from the cards the bot
 * actually sends and from README.md, so a new example is checked the day it is shown.
 */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { COMMANDS, recognise } from '../../src/teams/commands';
import { assertValidCard } from '../support/card-validation';
import { demoUser, startHarness, type Harness } from '../support/harness';
import type { Scope, TeamsUser } from '../support/teams-client';

/** Inside the demo month, so that "last night" and "yesterday afternoon" have footage. */
const DEMO_NOW = '2026-03-20T10:00:00Z';

/**
 * How each command's answer is recognised, and where it must be typed. A command added to the table
 * without a line here fails the test below, so its examples get checked too.
 */
const ANSWERS: Record<string, { shows: RegExp; scope?: Scope; by?: 'supervisor' }> = {
  help: { shows: /What I can do/ },
  // A results card heads with its count; "No recordings matched" or "0 recordings" is a failure.
  find: { shows: /"(?:More than )?[1-9][\d,]* recordings?"/ },
  request: { shows: /Request access to 1 recording/ },
  'my requests': { shows: /Your access requests/ },
  // A camera named: the form; a place: the cameras near it to tick.
  'request footage': { shows: /Ask the camera owner for footage|Cameras within [\d.]+ k?m of/ },
  'my footage requests': { shows: /Your footage requests/ },
  // Typed by a supervisor, who may share and read the custody of any recording of the borough.
  share: { shows: /Share: \d+ recording|Share with Crown Prosecution Service/, by: 'supervisor' },
  history: { shows: /History: |Continuity record exported|Content check: /, by: 'supervisor' },
  'waiting uploads': { shows: /waiting in staging|Nothing is waiting/i },
  approvals: { shows: /Requests waiting for a decision|Approve/ },
  revoke: { shows: /No request with live access has the id/ },
  'use this channel for approvals': { shows: /Approvals channel set/, scope: { type: 'channel' } },
};

const alice = demoUser('alice');
const dana = demoUser('dana');
const priya = demoUser('priya');

let h: Harness;

beforeAll(async () => {
  h = await startHarness({ env: { CLOCK_NOW: DEMO_NOW } });
}, 120_000);

afterAll(async () => {
  await h?.close();
});

/** The bullet lines ("- …") of every TextBlock of a card, with Markdown escapes undone. */
function bulletLines(card: unknown): string[] {
  const lines: string[] = [];
  const visit = (node: unknown): void => {
    if (Array.isArray(node)) node.forEach(visit);
    else if (node && typeof node === 'object') {
      const record = node as Record<string, unknown>;
      if (record.type === 'TextBlock' && typeof record.text === 'string') {
        for (const line of record.text.split('\n'))
          if (line.startsWith('- ')) lines.push(line.slice(2).replace(/\\([\\`*_{}[\]()#+\-.!|<>~])/g, '$1'));
      }
      Object.values(record).forEach(visit);
    }
  };
  visit(card);
  return lines;
}

/** Sends one activity and returns the cards the bot posted in answer. */
async function cardsAfter(send: () => Promise<unknown>): Promise<Array<Record<string, unknown>>> {
  h.connector.clear();
  await send();
  await h.connector.waitFor(() => h.connector.cards().length >= 1);
  return h.connector.cards();
}

async function shownExamples(): Promise<Map<string, string>> {
  const shown = new Map<string, string>();
  const add = (where: string, examples: string[]) => {
    expect({ where, shown: examples.length > 0 }).toEqual({ where, shown: true });
    for (const example of examples) if (!shown.has(example)) shown.set(example, where);
  };
  add('welcome card', bulletLines(await cardsAfter(() => h.teams.install(alice))));
  for (const user of [alice, dana, priya])
    add(`help card (${user.name})`, bulletLines(await cardsAfter(() => h.teams.say(user, 'help'))));
  add('unknown-text suggestions', bulletLines(await cardsAfter(() => h.teams.say(alice, 'what is the weather like'))));
  add('README "Things to type"', await readmeExamples());
  return shown;
}

async function readmeExamples(): Promise<string[]> {
  const readme = await readFile(path.join(__dirname, '..', '..', 'README.md'), 'utf8');
  const paragraph = /Things to type:([\s\S]*?)\n\n/.exec(readme)?.[1] ?? '';
  return [...paragraph.matchAll(/`([^`]+)`/g)].map((m) => m[1]);
}

/** Who may type it: the least privileged role the command is for. */
function typist(roles: readonly string[]): TeamsUser {
  if (roles.includes('officer')) return alice;
  return roles.includes('supervisor') ? dana : priya;
}

test('every command in the table says how its answer looks', () => {
  for (const command of COMMANDS)
    expect({ command: command.name, known: command.name in ANSWERS }).toEqual({ command: command.name, known: true });
});

test('every example shown reaches its command and answers with something on the demo data', async () => {
  const shown = await shownExamples();
  // At least the table's own examples, the welcome card's and the README's.
  expect(shown.size).toBeGreaterThanOrEqual(COMMANDS.flatMap((c) => c.examples).length);
  for (const command of COMMANDS) for (const example of command.examples) expect(shown.has(example)).toBe(true);

  const failures: string[] = [];
  for (const [example, where] of shown) {
    const read = recognise(COMMANDS, example);
    if (read.kind !== 'command') {
      failures.push(`${where}: "${example}" is not understood (${read.kind})`);
      continue;
    }
    const listed = COMMANDS.find((c) => c.examples.includes(example));
    if (listed && listed.name !== read.command.name)
      failures.push(`${where}: "${example}" is listed under ${listed.name} but reaches ${read.command.name}`);
    const answer = ANSWERS[read.command.name];
    const cards = await cardsAfter(() =>
      h.teams.say(answer.by === 'supervisor' ? dana : typist(read.command.roles), example, answer.scope),
    );
    for (const card of cards) assertValidCard(card, { limitBytes: 80 * 1024 });
    const text = JSON.stringify(cards);
    if (!answer.shows.test(text))
      failures.push(`${where}: "${example}" (${read.command.name}) answered ${text.slice(0, 300)}`);
  }
  expect(failures).toEqual([]);
}, 120_000);
