/** Request and response plumbing shared by the emulator's routes, in Graph's and Entra's error shapes. */
import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';

export interface Reply {
  status: number;
  body?: unknown;
  headers?: Record<string, string>;
}

export function json(status: number, body: unknown, headers: Record<string, string> = {}): Reply {
  return { status, body, headers };
}

/** Graph's error body: `{ error: { code, message, innerError } }`. */
export function graphError(status: number, code: string, message: string, headers: Record<string, string> = {}): Reply {
  return json(
    status,
    { error: { code, message, innerError: { date: new Date().toISOString(), 'request-id': randomUUID() } } },
    headers,
  );
}

export async function readBody(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

export function send(res: ServerResponse, reply: Reply): void {
  const body = reply.body === undefined ? '' : JSON.stringify(reply.body);
  res.writeHead(reply.status, {
    ...(reply.body === undefined ? {} : { 'content-type': 'application/json' }),
    ...reply.headers,
  });
  res.end(body);
}
