/**
 * The bot's own cost per turn against an echo bot on the same stack (restify, botbuilder, teams-ai)
 * answering a static card: same machine, same run, alternating batches of 20 concurrent turns, so
 * both see the same load. Box is the scaled emulator in another process, so its work is not the
 * bot's; its answering time is still inside a search turn's wall-clock time, and is shown apart.
 */
import { LocalConnector } from '../test/support/connector';
import { TeamsClient } from '../test/support/teams-client';
import { rosterUser, startBotUnderTest } from './support/bot-under-test';
import { startEchoBot } from './support/echo-bot';
import { startScaledEmulator } from './support/scaled-emulator';
import { ms, quantile, ratio, type BenchContext, type BenchSection } from './support/section';

const CONCURRENCY = 20;
const ROUNDS = 8;
const RECORDINGS = 100_000;
const alice = rosterUser('alice');

/** What each kind of turn says, and the first line of the card it must be answered with. */
const TURNS = [
  { label: 'help', text: 'help', expected: /^What I can do$/ },
  { label: 'search turn', text: 'camera LAM-0106 on 03/03/2026', expected: /^\d+ recordings?$/ },
] as const;

/**
 * Every turn of a round must have been answered with the expected card (one per turn), so the
 * figures time the work asked for, never a refusal or an error card.
 */
function checkAnswers(
  cards: Array<Record<string, unknown>>,
  expected: RegExp,
  label: string,
): { card: Record<string, unknown> } {
  const titles = cards.map((card) => firstText(card));
  const wrong = titles.filter((title) => !expected.test(title));
  if (cards.length !== CONCURRENCY || wrong.length > 0) {
    throw new Error(
      `${label}: expected ${CONCURRENCY} cards starting ${expected}, got ${cards.length} (${[...new Set(wrong)].join(' | ')})`,
    );
  }
  return { card: cards[0] };
}

function firstText(card: Record<string, unknown>): string {
  const queue: unknown[] = [card.body];
  while (queue.length > 0) {
    const item = queue.shift();
    if (Array.isArray(item)) queue.unshift(...item);
    else if (item && typeof item === 'object') {
      const element = item as { type?: unknown; text?: unknown; items?: unknown };
      if (element.type === 'TextBlock' && typeof element.text === 'string') return element.text;
      if (element.items) queue.unshift(element.items);
    }
  }
  return '';
}

export default async function overheadBenchmark({ log }: BenchContext): Promise<BenchSection> {
  const emulator = await startScaledEmulator(RECORDINGS, log);
  const rig = await startBotUnderTest(emulator.botEnv);
  const echo = await startEchoBot();
  const echoConnector = await new LocalConnector().start();
  const echoTeams = new TeamsClient(echo.url, echoConnector.url);
  try {
    const batch = async (send: () => Promise<{ status: number }>): Promise<number[]> =>
      Promise.all(
        Array.from({ length: CONCURRENCY }, async () => {
          const started = performance.now();
          const response = await send();
          if (response.status !== 200) throw new Error(`a turn answered ${response.status}`);
          return performance.now() - started;
        }),
      );
    const rows: Array<Record<string, string | number>> = [];
    for (const { label, text, expected } of TURNS) {
      log(`${label}: ${ROUNDS} rounds of ${CONCURRENCY} concurrent turns, bot and echo bot alternating`);
      // One round each first, so neither is measured cold; the echo bot then answers with the card
      // the bot answered, so both send the same bytes.
      rig.connector.clear();
      await batch(() => rig.teams.say(alice, text));
      const answered = checkAnswers(rig.connector.cards(), expected, label);
      echo.answerWith(answered.card);
      await batch(() => echoTeams.say(alice, text));
      const bot: number[] = [];
      const baseline: number[] = [];
      await emulator.clearRequests();
      const botRound = async (): Promise<void> => {
        rig.connector.clear();
        bot.push(...(await batch(() => rig.teams.say(alice, text))));
        checkAnswers(rig.connector.cards(), expected, label);
      };
      const echoRound = async (): Promise<void> => {
        echoConnector.clear();
        baseline.push(...(await batch(() => echoTeams.say(alice, text))));
      };
      for (let round = 0; round < ROUNDS; round += 1) {
        // Each goes first in every other round, so neither always follows the other's garbage.
        for (const run of round % 2 === 0 ? [botRound, echoRound] : [echoRound, botRound]) await run();
      }
      const boxMs =
        (await emulator.requests())
          .filter((e) => e.path.startsWith('/2.0/'))
          .reduce((sum, e) => sum + e.durationMs, 0) / bot.length;
      const p50 = quantile(bot, 0.5);
      const echoP50 = quantile(baseline, 0.5);
      rows.push({
        turn: label,
        turns: bot.length,
        'bot p50': ms(p50),
        'bot p95': ms(quantile(bot, 0.95)),
        'echo p50': ms(echoP50),
        'echo p95': ms(quantile(baseline, 0.95)),
        'p50 vs echo': ratio(p50, echoP50),
        'Box answering per turn': ms(boxMs),
        goal: label === 'help' ? '≤ 1.2×' : '≤ 2×',
      });
    }
    return {
      title: 'Bot overhead against an echo bot on the same stack',
      rows,
      notes: [
        `Concurrency ${CONCURRENCY}, ${ROUNDS} alternating rounds per turn kind (each bot first in every other round) after one warm-up round each; turn time from posting the activity until the bot answered (its reply to the connector included).`,
        "The echo bot runs the same adapter in the same (anonymous) mode with the bot's teams-ai options, and answers with the card the bot answered in its warm-up round, so both send the same bytes. Every turn of the bot is checked to have been answered with the card asked for (the help card, a results card), never a refusal: the bot under test allows 100,000 commands a minute (RATE_LIMIT_PER_MINUTE), since at the default 30 most turns would time the rate limit's polite refusal.",
        '"Box answering per turn" is the emulator\'s own time per turn from its request log (another process): time the bot waits for, not work it does.',
      ],
    };
  } finally {
    await echoConnector.close();
    await echo.close();
    await rig.close();
    await emulator.close();
  }
}
