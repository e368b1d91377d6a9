/**
 * A self-signed certificate for the emulator's token endpoint. MSAL (inside @azure/identity) refuses
 * an authority that is not https, so the emulated login host speaks TLS; the bot trusts exactly
 * this certificate through @azure/identity's `tlsOptions`, nothing process-wide. Made once with the
 * openssl command line and kept in the emulator's data directory.
 */
import { execFile } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';

export interface EmulatorCertificate {
  key: string;
  cert: string;
}

export async function emulatorCertificate(dir: string): Promise<EmulatorCertificate> {
  const keyFile = join(dir, 'localhost-key.pem');
  const certFile = join(dir, 'localhost-cert.pem');
  if (!existsSync(keyFile) || !existsSync(certFile)) {
    mkdirSync(dir, { recursive: true });
    try {
      await promisify(execFile)('openssl', [
        'req',
        '-x509',
        '-newkey',
        'rsa:2048',
        '-nodes',
        '-sha256',
        '-days',
        '3650',
        '-subj',
        '/CN=localhost',
        '-addext',
        'subjectAltName=IP:127.0.0.1,DNS:localhost',
        '-keyout',
        keyFile,
        '-out',
        certFile,
      ]);
    } catch (error) {
      throw new Error(
        `the Graph emulator needs the openssl command to make its local TLS certificate (${error instanceof Error ? error.message : String(error)})`,
      );
    }
  }
  return { key: readFileSync(keyFile, 'utf8'), cert: readFileSync(certFile, 'utf8') };
}
