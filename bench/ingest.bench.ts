/**
 * Ingest: a 1 GB file uploaded by a camera owner through the emulator's public upload page, then
 * processed by the bot (streamed from Box and hashed, metadata written, moved into the camera's
 * folder, announced). The bot runs as its own process (`node dist/src/index.js`, as `npm start`
 * runs it) so its memory can be read from /proc: resident set size while idle, and its peak while
 * the file is processed. Throughput is the file's size over the time from the upload's completion
 * to the arrival card, against a plain `sha256sum` of the same file on the same machine.
 *
 * Goals: peak RSS less than 150 MB above idle; throughput at least 50% of sha256sum's.
 * INGEST_BENCH_MB changes the size (default 1024).
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { createReadStream, readFileSync } from 'node:fs';
import { mkdtemp, open, rm, stat } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { Readable } from 'node:stream';
import { createBoxGateway } from '../src/box';
import { startBoxEmulator } from '../src/emulator';
import { LocalConnector } from '../test/support/connector';
import { TeamsClient, type TeamsUser } from '../test/support/teams-client';

interface BenchContext {
  log(line: string): void;
}

interface BenchSection {
  title: string;
  rows: Array<Record<string, string | number>>;
  notes?: string[];
}

const PROJECT_ROOT = path.resolve(__dirname, __dirname.includes(`${path.sep}dist${path.sep}`) ? '../..' : '..');
const MB = 1024 * 1024;
const SAMPLE_MS = 50;
const EMULATOR_CREDENTIALS = {
  BOX_CLIENT_ID: 'emulator-client',
  BOX_CLIENT_SECRET: 'emulator-secret',
  BOX_ENTERPRISE_ID: '1',
};

export default async function ingestBenchmark({ log }: BenchContext): Promise<BenchSection> {
  const sizeMb = Number(process.env.INGEST_BENCH_MB ?? '1024');
  const work = await mkdtemp(path.join(os.tmpdir(), 'cctv-ingest-'));
  const emulator = await startBoxEmulator({ dataDir: path.join(work, 'box'), port: 0, host: '127.0.0.1' });
  const connector = await new LocalConnector().start();
  let bot: { process: ChildProcess; url: string } | undefined;
  try {
    const boxEnv = {
      ...EMULATOR_CREDENTIALS,
      BOX_API_BASE_URL: emulator.url,
      BOX_UPLOAD_BASE_URL: `${emulator.url}/api`,
      BOX_OAUTH2_BASE_URL: `${emulator.url}/api/oauth2`,
    };
    // What box:setup does for a real enterprise: the template and the folder; plus the officer's Box user.
    const box = createBoxGateway({
      auth: { kind: 'ccg', clientId: 'emulator-client', clientSecret: 'emulator-secret', enterpriseId: '1' },
      baseUrls: { baseUrl: emulator.url, uploadUrl: `${emulator.url}/api`, oauth2Url: `${emulator.url}/api/oauth2` },
    });
    await box.ensureMetadataTemplate();
    await box.ensureFolderPath(['CCTV']);
    const alice = rosterUser('alice');
    await box.ensureUser({ name: alice.name, login: alice.email });

    const file = path.join(work, 'export.mp4');
    log(`writing a ${sizeMb} MB test file`);
    await writeTestFile(file, sizeMb * MB);
    const sizeBytes = (await stat(file)).size;

    const baselineStarted = performance.now();
    const baseline = spawnSync('sha256sum', [file], { encoding: 'utf8' });
    const baselineMs = performance.now() - baselineStarted;
    if (baseline.status !== 0) throw new Error(`sha256sum failed: ${baseline.stderr}`);
    const expectedSha = baseline.stdout.split(' ')[0];

    log('starting the bot as its own process');
    bot = await startBotProcess({
      ...boxEnv,
      PORT: '0',
      HOST: '127.0.0.1',
      DATA_DIR: path.join(work, 'bot'),
      SEED_DEMO: 'false',
      LOG_LEVEL: 'warn',
      BOX_FILE_REQUEST_TEMPLATE_ID: emulator.fileRequestTemplateId,
      BOX_APP_URL: emulator.url,
      FOOTAGE_POLL_MS: '200',
      JOB_POLL_MS: '100',
    });
    const teams = new TeamsClient(bot.url, connector.url);
    await teams.install(alice);
    await teams.say(
      alice,
      'request footage from camera LAM-0105 on 03/03/2026 between 2pm and 4pm for case 5274265/26',
    );
    const form = await waitForCard(connector, /footageRequest\.submit/);
    const formValues = inputValues(form);
    const linkResponse = await teams.execute(alice, 'footageRequest.submit', {
      formToken: actionFormToken(form),
      ...formValues,
      whatHappened: 'Benchmark: a robbery outside the station.',
    });
    const url = /Upload link: (http[^\s"\\]+)/.exec(JSON.stringify(linkResponse.body))?.[1];
    if (!url) throw new Error('no upload link on the link card');

    const pid = bot.process.pid!;
    const idle = await sampleFor(pid, 1000);
    log(`bot idle RSS ${(idle / MB).toFixed(1)} MB; uploading through the public page`);
    let peak = idle;
    const sampler = setInterval(() => {
      const rss = residentBytes(pid);
      if (rss > peak) peak = rss;
    }, SAMPLE_MS);
    try {
      const uploadStarted = performance.now();
      const status = await uploadStreaming(url, file, 'manager.supermarket.brixton-station@example.com');
      if (status !== 200) throw new Error(`the upload page answered ${status}`);
      const uploaded = performance.now();
      log(`uploaded in ${((uploaded - uploadStarted) / 1000).toFixed(1)} s; waiting for the arrival card`);
      const arrival = await waitForCard(connector, /Footage arrived/, 30 * 60_000);
      const processingMs = performance.now() - uploaded;
      if (!JSON.stringify(arrival).includes(expectedSha))
        throw new Error('the arrival card does not carry the file’s SHA-256');
      const throughput = sizeBytes / MB / (processingMs / 1000);
      const baselineThroughput = sizeBytes / MB / (baselineMs / 1000);
      return {
        title: `Ingest of a ${sizeMb >= 1024 ? `${(sizeMb / 1024).toFixed(0)} GB` : `${sizeMb} MB`} upload`,
        rows: [
          { measure: 'bot RSS idle', value: `${(idle / MB).toFixed(1)} MB`, goal: '' },
          { measure: 'bot RSS peak while processing', value: `${(peak / MB).toFixed(1)} MB`, goal: '' },
          { measure: 'peak above idle', value: `${((peak - idle) / MB).toFixed(1)} MB`, goal: '< 150 MB' },
          {
            measure: 'upload through the public page',
            value: `${((uploaded - uploadStarted) / 1000).toFixed(1)} s`,
            goal: '',
          },
          {
            measure: 'processing (upload complete → arrival card)',
            value: `${(processingMs / 1000).toFixed(1)} s`,
            goal: '',
          },
          { measure: 'bot throughput', value: `${throughput.toFixed(0)} MB/s`, goal: '' },
          {
            measure: 'sha256sum of the same file',
            value: `${baselineThroughput.toFixed(0)} MB/s (${(baselineMs / 1000).toFixed(1)} s)`,
            goal: '',
          },
          {
            measure: 'bot vs sha256sum',
            value: `${((throughput / baselineThroughput) * 100).toFixed(0)}%`,
            goal: '≥ 50%',
          },
        ],
        notes: [
          'The bot is a separate process started as `npm start` starts it; RSS is read from /proc every 50 ms.',
          'Processing includes noticing the upload (polling every 200 ms), streaming the file from the emulator over HTTP while hashing it, the metadata write, the move and the arrival card.',
          'The emulator runs in the benchmark process and shares the machine (CPU and disk) with the bot; sha256sum reads the file just written, the bot reads the copy the emulator stored.',
        ],
      };
    } finally {
      clearInterval(sampler);
    }
  } finally {
    if (bot) await stopProcess(bot.process);
    await connector.close();
    await emulator.close();
    await rm(work, { recursive: true, force: true });
  }
}

/** Pseudo-random content (not compressible, not all one value), written without holding it whole. */
async function writeTestFile(file: string, size: number): Promise<void> {
  const handle = await open(file, 'w');
  try {
    const block = Buffer.alloc(8 * MB);
    let state = 0x12345678;
    for (let i = 0; i < block.length; i += 4) {
      state ^= state << 13;
      state ^= state >>> 17;
      state ^= state << 5;
      block.writeUInt32LE(state >>> 0, i);
    }
    // An MP4 signature first, so the file is taken for video.
    Buffer.concat([Buffer.from([0, 0, 0, 0x20]), Buffer.from('ftypisom')]).copy(block, 0);
    for (let written = 0, n = 0; written < size; n += 1) {
      const chunk = block.subarray(0, Math.min(block.length, size - written));
      if (n > 0) chunk.writeUInt32LE(n, 0);
      await handle.write(chunk);
      written += chunk.length;
    }
  } finally {
    await handle.close();
  }
}

/** The page's form posted as a browser posts it, the file streamed from disk (multipart/form-data). */
async function uploadStreaming(url: string, file: string, email: string): Promise<number> {
  const boundary = `----cctvbench${Date.now()}`;
  async function* body(): AsyncGenerator<Buffer> {
    yield Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="email"\r\n\r\n${email}\r\n`);
    yield Buffer.from(
      `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="LAM-0105 export.mp4"\r\nContent-Type: video/mp4\r\n\r\n`,
    );
    for await (const chunk of createReadStream(file, { highWaterMark: MB })) yield chunk as Buffer;
    yield Buffer.from(`\r\n--${boundary}--\r\n`);
  }
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': `multipart/form-data; boundary=${boundary}` },
    body: Readable.toWeb(Readable.from(body())) as ReadableStream<Uint8Array>,
    duplex: 'half',
  } as RequestInit & { duplex: 'half' });
  await response.text();
  return response.status;
}

function startBotProcess(env: Record<string, string>): Promise<{ process: ChildProcess; url: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [path.join(PROJECT_ROOT, 'dist', 'src', 'index.js')], {
      env: { PATH: process.env.PATH ?? '', ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    const timer = setTimeout(() => reject(new Error(`the bot did not start: ${output.slice(-2000)}`)), 60_000);
    const onData = (data: Buffer): void => {
      output += data.toString();
      const ready = /bot ready on (http:\/\/[^\s/]+)\/api\/messages/.exec(output);
      if (ready) {
        clearTimeout(timer);
        resolve({ process: child, url: ready[1] });
      }
    };
    child.stdout?.on('data', onData);
    child.stderr?.on('data', onData);
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`the bot exited (${code}): ${output.slice(-2000)}`));
    });
  });
}

function stopProcess(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    child.once('exit', () => resolve());
    child.kill('SIGTERM');
  });
}

function residentBytes(pid: number): number {
  const match = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
  return match ? Number(match[1]) * 1024 : 0;
}

async function sampleFor(pid: number, ms: number): Promise<number> {
  let max = 0;
  for (const end = Date.now() + ms; Date.now() < end; await new Promise((r) => setTimeout(r, SAMPLE_MS)))
    max = Math.max(max, residentBytes(pid));
  return max;
}

async function waitForCard(
  connector: LocalConnector,
  pattern: RegExp,
  timeoutMs = 30_000,
): Promise<Record<string, unknown>> {
  const find = () =>
    connector.calls
      .flatMap((c) =>
        ((c.body.attachments as Array<{ content: Record<string, unknown> }> | undefined) ?? []).map((a) => a.content),
      )
      .find((card) => pattern.test(JSON.stringify(card)));
  await connector.waitFor(() => find() !== undefined, timeoutMs);
  return find()!;
}

function inputValues(card: Record<string, unknown>): Record<string, string> {
  const values: Record<string, string> = {};
  const visit = (node: unknown): void => {
    if (Array.isArray(node)) node.forEach(visit);
    else if (node && typeof node === 'object') {
      const r = node as Record<string, unknown>;
      if (
        typeof r.type === 'string' &&
        r.type.startsWith('Input.') &&
        typeof r.id === 'string' &&
        r.value !== undefined
      )
        values[r.id] = String(r.value);
      Object.values(r).forEach(visit);
    }
  };
  visit(card);
  return values;
}

function actionFormToken(card: Record<string, unknown>): string {
  const token = /"formToken":"([^"]+)"/.exec(JSON.stringify(card))?.[1];
  if (!token) throw new Error('no form token on the form');
  return token;
}

function rosterUser(emailPrefix: string): TeamsUser & { email: string } {
  const roster = JSON.parse(readFileSync(path.join(PROJECT_ROOT, 'demo', 'roster.json'), 'utf8')) as {
    people: Array<{ name: string; aadObjectId: string; teamsId: string; email: string }>;
  };
  const person = roster.people.find((p) => p.email.startsWith(emailPrefix));
  if (!person) throw new Error(`no ${emailPrefix} in demo/roster.json`);
  return { name: person.name, aadObjectId: person.aadObjectId, teamsId: person.teamsId, email: person.email };
}
