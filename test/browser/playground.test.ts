/**
 * One end-to-end test through a real Teams-like client: the bot as `npm start` runs it (embedded Box
 * emulator, embedded database, demo seed), the Microsoft 365 Agents Playground started by
 * `npm run playground`, and Debian's Chromium driven by playwright-core. It types `help` and sees the
 * help card, runs a search and sees the results card, then asks a camera owner for footage, uploads a
 * small file on the upload page as the owner would, and sees the arrival card in the chat.
 *
 * Skipped unless RUN_BROWSER_TEST=1 (CI sets it). Needs /usr/bin/chromium (`apt-get install
 * chromium`); never downloads a browser. Everything listens on 127.0.0.1 ports chosen at run time,
 * and the page may only reach loopback.
 */
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { cp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Browser, Page, chromium } from 'playwright-core';
import { COMMANDS } from '../../src/teams/commands';
import { ensureBuilt } from '../support/build';
import { SEEDED_DATA_DIR_ENV } from '../support/harness';
import { Managed, freePort, httpStatus, start, stop, waitFor } from '../support/processes';

const RUN = process.env.RUN_BROWSER_TEST === '1';
const CHROMIUM = '/usr/bin/chromium';
const root = path.resolve(__dirname, '..', '..');

/** Generous: a cold build, the emulator and the demo seed all happen inside this test. */
const TEST_TIMEOUT_MS = 420_000;
const BOT_READY_MS = 240_000;
const REPLY_MS = 60_000;

/** Settings that would point the bot away from its embedded, anonymous local mode. */
const FOREIGN_SETTINGS = /^(BOT_|BOX_|DATABASE_URL$|ROSTER_PATH$|NODE_ENV$|SEED_DEMO$|HOST$|PORT$|DATA_DIR$)/;

function localEnv(extra: Record<string, string>): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [k, v] of Object.entries(process.env)) if (!FOREIGN_SETTINGS.test(k)) env[k] = v;
  return { ...env, ...extra };
}

/** What to look for in a card the bot sends after `start` (an index into the page's cards). */
interface CardExpectation {
  start: number;
  contains: string[];
  pattern?: string;
}

/**
 * The little of the DOM the page functions below use. Declared here (module scope) rather than
 * pulling the DOM lib into the whole project's type check; these run in the browser.
 */
interface RenderedCard {
  innerText: string;
}
declare const document: { querySelectorAll(selector: string): ArrayLike<RenderedCard> };

async function cardCount(page: Page): Promise<number> {
  return page.locator('.ac-adaptiveCard').count();
}

async function cardTexts(page: Page): Promise<string[]> {
  return page
    .locator('.ac-adaptiveCard')
    .evaluateAll((cards) => cards.map((c) => (c as unknown as RenderedCard).innerText.replace(/\s+/g, ' ')));
}

/** Waits until a card at or after `start` satisfies the expectation; on failure says what was there. */
async function expectCard(page: Page, what: string, expectation: CardExpectation): Promise<void> {
  try {
    await page.waitForFunction(
      ({ start, contains, pattern }) => {
        const cards = Array.from(document.querySelectorAll('.ac-adaptiveCard')).slice(start);
        return cards.some((card) => {
          const t = card.innerText.replace(/\s+/g, ' ');
          return contains.every((s) => t.includes(s)) && (pattern === undefined || new RegExp(pattern, 'i').test(t));
        });
      },
      expectation,
      { timeout: REPLY_MS, polling: 250 },
    );
  } catch (error) {
    // Outside the run's temporary directory, which is removed afterwards, so it can be looked at.
    const file = path.join(
      mkdtempSync(path.join(tmpdir(), 'cctv-browser-failure-')),
      `${what.replace(/\W+/g, '-')}.png`,
    );
    await page.screenshot({ path: file, fullPage: true }).catch(() => undefined);
    const seen = (await cardTexts(page)).map((t, i) => `  card ${i}: ${t.slice(0, 300)}`).join('\n');
    throw new Error(`${what}: no matching card (${String(error)}).\nCards on the page:\n${seen}\nScreenshot: ${file}`);
  }
}

async function send(page: Page, message: string): Promise<void> {
  const box = page.getByRole('textbox');
  await box.click();
  await box.pressSequentially(message);
  await page.getByRole('button', { name: 'Send Message' }).click();
}

/**
 * The Playground sends installationUpdate and conversationUpdate when the page connects, and the bot
 * answers with a welcome card. Wait until those are answered and no card has arrived for a moment,
 * so a late welcome card is not mistaken for a reply.
 */
async function settle(page: Page): Promise<void> {
  await page
    .getByText(/installationUpdate\s+200/)
    .first()
    .waitFor({ timeout: REPLY_MS });
  await page
    .getByText(/conversationUpdate\s+200/)
    .first()
    .waitFor({ timeout: REPLY_MS });
  const deadline = Date.now() + 20_000;
  let last = await cardCount(page);
  let stableSince = Date.now();
  while (Date.now() - stableSince < 1500 && Date.now() < deadline) {
    await page.waitForTimeout(250);
    const now = await cardCount(page);
    if (now !== last) {
      last = now;
      stableSince = Date.now();
    }
  }
}

const runIf = RUN ? it : it.skip;

describe('Agents Playground in Chromium (set RUN_BROWSER_TEST=1 to run)', () => {
  let bot: Managed | undefined;
  let playground: Managed | undefined;
  let browser: Browser | undefined;
  let dir: string | undefined;

  // The bot finishes in-flight turns on SIGTERM (up to 25 s) before it exits.
  afterEach(async () => {
    await browser?.close().catch(() => undefined);
    await stop(playground);
    await stop(bot, 30_000);
    if (dir) rmSync(dir, { recursive: true, force: true });
  }, 60_000);

  runIf(
    'help shows the help card and a search shows the results card (skipped unless RUN_BROWSER_TEST=1; needs /usr/bin/chromium)',
    async () => {
      expect(existsSync(CHROMIUM)).toBe(true);
      dir = mkdtempSync(path.join(tmpdir(), 'cctv-browser-'));

      // `npm start` builds first; so does this (unless `npm test` just did), so it drives the code in the working tree.
      await ensureBuilt();

      // The demo data seeded once for this test run, when there is one (the bot would seed it otherwise).
      const seeded = process.env[SEEDED_DATA_DIR_ENV];
      if (seeded) await cp(seeded, path.join(dir, 'data'), { recursive: true });
      const [botPort, emulatorPort, playgroundPort] = [await freePort(), await freePort(), await freePort()];
      const botProcess = start('bot', process.execPath, ['dist/src/index.js'], {
        cwd: root,
        env: localEnv({
          PORT: String(botPort),
          BOX_EMULATOR_PORT: String(emulatorPort),
          DATA_DIR: path.join(dir, 'data'),
          HOST: '127.0.0.1',
          // The owner's upload is found by polling (no PUBLIC_URL); quickly, so the arrival card follows at once.
          FOOTAGE_POLL_MS: '500',
        }),
      });
      bot = botProcess;
      await waitFor('bot /healthz 200', botProcess, BOT_READY_MS, async () =>
        (await httpStatus(`http://127.0.0.1:${botPort}/healthz`)) === 200 ? true : undefined,
      );

      const playgroundProcess = start('playground', process.execPath, ['scripts/playground.js'], {
        cwd: root,
        env: localEnv({
          PORT: String(botPort),
          PLAYGROUND_PORT: String(playgroundPort),
          DATA_DIR: dir,
          TEAMSAPPTESTER_BROWSER: 'none',
        }),
      });
      playground = playgroundProcess;
      const url = await waitFor(
        'Playground URL printed',
        playgroundProcess,
        60_000,
        async () => /Agents Playground: open (http:\/\/127\.0\.0\.1:\d+\/)/.exec(playgroundProcess.output())?.[1],
      );

      browser = await chromium.launch({
        executablePath: CHROMIUM,
        args: [
          '--headless',
          '--no-sandbox',
          '--disable-gpu',
          '--disable-background-networking',
          '--disable-component-update',
          '--disable-sync',
          '--no-first-run',
          '--disable-quic',
        ],
      });
      const page = await browser.newPage({ viewport: { width: 1280, height: 1000 } });
      // The Playground page asks a CDN for fonts; nothing leaves the machine.
      await page.route(
        (u) => u.hostname !== '127.0.0.1' && u.hostname !== 'localhost',
        (route) => route.abort(),
      );
      await page.goto(url, { waitUntil: 'load' });
      await page.getByRole('textbox').waitFor({ state: 'visible', timeout: REPLY_MS });
      await settle(page);

      // help: the card lists every command an officer may use (the Playground user is an officer).
      const officerCommands = COMMANDS.filter((c) => c.roles.includes('officer'));
      const beforeHelp = await cardCount(page);
      await send(page, 'help');
      await expectCard(page, 'help card', {
        start: beforeHelp,
        contains: officerCommands.flatMap((c) => [c.name, c.description]),
      });

      // A search: the results card leads with how many recordings matched.
      const beforeSearch = await cardCount(page);
      // A date before the demo clock (Fri 20 Mar 2026 10:00), which `npm start` on the demo data runs.
      await send(page, 'footage in Lambeth on 14/03/2026');
      await expectCard(page, 'results card', {
        start: beforeSearch,
        contains: [],
        pattern: '\\b[1-9][\\d,]* recordings?\\b',
      });

      // A footage request: the form, the link card, the owner's upload on the emulator's public page
      // (a second tab, as the owner's browser), and the arrival card in the chat (found by polling).
      const beforeRequest = await cardCount(page);
      await send(page, 'request footage from camera LAM-0105 on 03/03/2026 between 2pm and 4pm for case 5274265/26');
      await expectCard(page, 'footage request form', { start: beforeRequest, contains: ['Create upload link'] });
      const form = page.locator('.ac-adaptiveCard').filter({ hasText: 'Create upload link' }).last();
      await form.locator('textarea').fill('A robbery outside Brixton Station; the suspect ran south.');
      await form.getByRole('button', { name: 'Create upload link' }).click();
      await expectCard(page, 'link card', { start: beforeRequest, contains: ['Upload link:'] });
      const linkCard = (await cardTexts(page)).slice(beforeRequest).find((t) => t.includes('Upload link:')) ?? '';
      const uploadUrl = /Upload link: (http:\/\/127\.0\.0\.1:\d+\/f\/\S+)/.exec(linkCard)?.[1];
      expect(uploadUrl).toBeDefined();
      const owner = await browser.newPage();
      await owner.goto(uploadUrl!, { waitUntil: 'load' });
      await owner.locator('#email').fill('manager.supermarket.brixton-station@example.com');
      await owner.locator('#file').setInputFiles({
        name: 'LAM-0105 browser export.mp4',
        mimeType: 'video/mp4',
        buffer: Buffer.concat([Buffer.from([0, 0, 0, 0x20]), Buffer.from('ftypisom'), Buffer.alloc(4096, 7)]),
      });
      await owner.getByRole('button', { name: 'Upload' }).click();
      await owner.getByText('Upload complete').first().waitFor({ timeout: REPLY_MS });
      await owner.close();
      await expectCard(page, 'arrival card', {
        start: beforeRequest,
        contains: ['Footage arrived', 'LAM-0105 browser export.mp4'],
      });
    },
    TEST_TIMEOUT_MS,
  );
});
