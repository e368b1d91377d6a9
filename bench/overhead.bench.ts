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
    for (const [label, text] of [['help', 'help'], ['search turn', 'camera LAM-0106 on 03/03/2026']] as const) {
      log(`${label}: ${ROUNDS} rounds of ${CONCURRENCY} concurrent turns, bot and echo bot alternating`);
      // One round each first, so neither is measured cold.
      await batch(() => rig.teams.say(alice, text));
      await batch(() => echoTeams.say(alice, text));
      const bot: number[] = [];
      const baseline: number[] = [];
      await emulator.clearRequests();
      for (let round = 0; round < ROUNDS; round += 1) {
        bot.push(...(await batch(() => rig.teams.say(alice, text))));
        baseline.push(...(await batch(() => echoTeams.say(alice, text))));
        rig.connector.clear();
        echoConnector.clear();
      }
      const boxMs = (await emulator.requests()).filter((e) => e.path.startsWith('/2.0/')).reduce((sum, e) => sum + e.durationMs, 0) / bot.length;
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
        `Concurrency ${CONCURRENCY}, ${ROUNDS} alternating rounds per turn kind after one warm-up round each; turn time from posting the activity until the bot answered (its reply to the connector included).`,
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
