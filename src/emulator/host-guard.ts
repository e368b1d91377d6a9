/**
 * Keeps web pages out. A page on any site can make a browser send requests to 127.0.0.1, and with
 * DNS rebinding even read the answers; so every request must name the emulator by a loopback name
 * and its port in `Host`, and the control routes also refuse a foreign `Origin` and any write
 * whose body is not JSON (a cross-origin form or text/plain POST needs no preflight).
 */

import type { IncomingHttpHeaders } from 'node:http';
import { BoxApiError } from './errors';

const LOOPBACK_NAMES = ['localhost', '127.0.0.1', '[::1]'];

export class HostGuard {
  private allowed = new Set<string>();

  /** Called once the port is known; `extraNames` are further host names the emulator answers to. */
  listenOn(port: number, extraNames: readonly string[] = []): void {
    this.allowed = new Set([...LOOPBACK_NAMES, ...extraNames].map((name) => `${name.toLowerCase()}:${port}`));
  }

  private isOwnHost(host: string | undefined): boolean {
    return host !== undefined && this.allowed.has(host.toLowerCase());
  }

  /** Every route: the Host must be this emulator by a loopback name. */
  checkHost(headers: IncomingHttpHeaders): void {
    if (!this.isOwnHost(headers.host))
      throw new BoxApiError(403, 'forbidden_host', 'The Host header does not name this emulator');
  }

  /** Control routes: no foreign Origin, and writes with a body only as JSON. */
  checkControl(method: string, headers: IncomingHttpHeaders, hasBody: boolean): void {
    const origin = headers.origin;
    if (origin !== undefined) {
      let host: string | undefined;
      try {
        host = new URL(origin).host;
      } catch {
        host = undefined;
      }
      if (!this.isOwnHost(host))
        throw new BoxApiError(403, 'forbidden_origin', 'Control routes refuse requests from other origins');
    }
    const write = method !== 'GET' && method !== 'HEAD' && method !== 'OPTIONS';
    // DELETE without a body cannot come from a page without a CORS preflight, which the emulator never grants.
    const needsJson = write && (method !== 'DELETE' || hasBody);
    const type = headers['content-type']?.split(';')[0].trim().toLowerCase();
    if (needsJson && type !== 'application/json')
      throw new BoxApiError(
        415,
        'unsupported_media_type',
        'Control routes take JSON bodies (content-type: application/json)',
      );
  }
}

/** Paths with bearer-like tokens in them (download, shared, preview and file request links), made safe to log. */
export function redactPath(path: string): string {
  return path
    .replace(/^(\/d\/1\/)[^/]+/, '$1[redacted]')
    .replace(/^(\/(?:s|f|preview)\/)[^/]+/, '$1[redacted]')
    .replace(/^(\/shared\/static\/)[^/.]+/, '$1[redacted]');
}
