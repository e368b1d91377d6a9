/**
 * Child processes for the browser test: start one with its output kept for diagnostics, wait for a
 * condition instead of sleeping, and stop it for certain.
 */
import { ChildProcess, spawn, SpawnOptions } from 'node:child_process';
import http from 'node:http';
import net from 'node:net';
import { pollUntil } from './poll';

export interface Managed {
  child: ChildProcess;
  /** The last few kilobytes of stdout and stderr, for failure messages. */
  output(): string;
  exited(): boolean;
}

const KEEP = 8 * 1024;

export function start(name: string, command: string, args: string[], options: SpawnOptions): Managed {
  const child = spawn(command, args, { ...options, stdio: ['ignore', 'pipe', 'pipe'] });
  let buffer = '';
  let done = false;
  const keep = (chunk: Buffer): void => {
    buffer = (buffer + chunk.toString()).slice(-KEEP);
  };
  child.stdout?.on('data', keep);
  child.stderr?.on('data', keep);
  child.on('exit', (code, signal) => {
    done = true;
    buffer += `\n[${name} exited: ${signal ?? code}]`;
  });
  return { child, output: () => buffer, exited: () => done };
}

/** A port that was free a moment ago (the test's processes bind it next). */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

/** Polls `check` until it returns a value, the process dies, or time runs out. */
export function waitFor<T>(
  what: string,
  proc: Managed,
  timeoutMs: number,
  check: () => Promise<T | undefined>,
): Promise<T> {
  return pollUntil(check, {
    what,
    timeoutMs,
    intervalMs: 250,
    stopIf: () => (proc.exited() ? `the process exited first.\n${proc.output()}` : undefined),
  }).catch((error: Error) => {
    throw proc.exited() ? error : new Error(`${error.message}\n${proc.output()}`);
  });
}

export function httpStatus(url: string): Promise<number | undefined> {
  return new Promise((resolve) => {
    const req = http.get(url, { timeout: 2000 }, (res) => {
      res.resume();
      resolve(res.statusCode);
    });
    req.on('timeout', () => req.destroy());
    req.on('error', () => resolve(undefined));
  });
}

/** SIGTERM, then SIGKILL if it has not gone within `graceMs`. */
export async function stop(proc: Managed | undefined, graceMs = 10_000): Promise<void> {
  if (!proc || proc.exited()) return;
  const gone = new Promise<void>((resolve) => proc.child.once('exit', () => resolve()));
  proc.child.kill('SIGTERM');
  const timer = setTimeout(() => proc.child.kill('SIGKILL'), graceMs);
  await gone;
  clearTimeout(timer);
}
