import type http from 'node:http';
import type { AddressInfo } from 'node:net';

/** Test servers listen on an ephemeral loopback port and close with their connections. */
export function listenOnLoopback(server: http.Server): Promise<void> {
  return new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
}

export async function closeServer(server: http.Server | undefined): Promise<void> {
  if (!server) return;
  server.closeAllConnections?.();
  await new Promise<void>((resolve) => server.close(() => resolve()));
}

export function originOf(server: http.Server | undefined, what: string): string {
  const address = server?.address() as AddressInfo | undefined;
  if (!address) throw new Error(`${what} not started`);
  return `http://127.0.0.1:${address.port}`;
}
