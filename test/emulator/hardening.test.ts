/**
 * The emulator against web pages on the same machine: control routes refuse foreign origins and
 * non-JSON writes (a cross-origin text/plain POST needs no preflight), every route refuses a Host
 * that is not this emulator by a loopback name (DNS rebinding), and the request log and debug
 * logs never carry the tokens in download, shared-link, preview and file request paths.
 */
import { request } from 'node:http';
import type { BoxEmulator } from '../../src/emulator';
import { redactPath } from '../../src/emulator/host-guard';
import { Readable, readAll, sdkClient, startTestEmulator } from './support';

let emulator: BoxEmulator;
let stop: () => Promise<void>;

beforeAll(async () => {
  ({ emulator, stop } = await startTestEmulator({ allowedHostNames: ['box-emulator.test'] }));
});

afterAll(async () => {
  await stop();
});

/** A raw request, so the Host header can be anything (fetch will not let a caller set it). */
function raw(path: string, host: string, method = 'GET'): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port: emulator.port, path, method, headers: { host } }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString('utf8') }));
    });
    req.on('error', reject);
    req.end();
  });
}

async function pendingFaults(): Promise<unknown[]> {
  return ((await (await fetch(`${emulator.url}/_emulator/faults`)).json()) as { entries: unknown[] }).entries;
}

describe('control routes', () => {
  const rule = JSON.stringify({ status: 503, count: 1, match: 'GET /2.0/users/me' });

  it('refuse a text/plain POST (what a page can send without a preflight) with 415, and add nothing', async () => {
    const response = await fetch(`${emulator.url}/_emulator/faults`, {
      method: 'POST',
      headers: { 'content-type': 'text/plain' },
      body: rule,
    });
    expect(response.status).toBe(415);
    expect(await response.json()).toMatchObject({ type: 'error', status: 415, code: 'unsupported_media_type' });
    expect(await pendingFaults()).toEqual([]);
  });

  it('refuse a foreign Origin with 403 even with a JSON body, and accept their own origin', async () => {
    const foreign = await fetch(`${emulator.url}/_emulator/faults`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', origin: 'http://evil.example' },
      body: rule,
    });
    expect(foreign.status).toBe(403);
    expect(await foreign.json()).toMatchObject({ code: 'forbidden_origin' });
    const rebound = await fetch(`${emulator.url}/_emulator/faults`, {
      method: 'DELETE',
      headers: { origin: `http://evil.example:${emulator.port}` },
    });
    expect(rebound.status).toBe(403);
    expect(await pendingFaults()).toEqual([]);
    const own = await fetch(`${emulator.url}/_emulator/faults`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', origin: emulator.url },
      body: rule,
    });
    expect(own.status).toBe(201);
    expect(await pendingFaults()).toHaveLength(1);
    expect((await fetch(`${emulator.url}/_emulator/faults`, { method: 'DELETE' })).status).toBe(204);
  });
});

describe('Host check', () => {
  it('refuses a Host that is not a loopback name of this emulator with its port (403)', async () => {
    for (const host of [
      'evil.example',
      `evil.example:${emulator.port}`,
      `127.0.0.1:${emulator.port + 1}`,
      '127.0.0.1',
    ]) {
      const response = await raw('/2.0/users/me', host);
      expect(response.status).toBe(403);
      expect(JSON.parse(response.body)).toMatchObject({ code: 'forbidden_host' });
    }
    expect((await raw('/_emulator/requests', `evil.example:${emulator.port}`)).status).toBe(403);
  });

  it('answers under localhost, 127.0.0.1, [::1] and configured names', async () => {
    for (const host of [
      `localhost:${emulator.port}`,
      `127.0.0.1:${emulator.port}`,
      `[::1]:${emulator.port}`,
      `LOCALHOST:${emulator.port}`,
      `box-emulator.test:${emulator.port}`,
    ]) {
      expect((await raw('/2.0/users/me', host)).status).toBe(401); // through to authentication
    }
  });
});

describe('tokens in paths', () => {
  it('are redacted in /_emulator/requests', async () => {
    const box = sdkClient(emulator);
    const folder = await box.folders.createFolder({ name: 'Redaction', parent: { id: '0' } });
    const fileId = (
      await box.uploads.uploadFile({
        attributes: { name: 'r.mp4', parent: { id: folder.id } },
        file: Readable.from([Buffer.from('r')]),
      })
    ).entries![0].id;
    await readAll(await box.downloads.downloadFile(fileId));
    const shared = await box.sharedLinksFiles.addShareLinkToFile(
      fileId,
      { sharedLink: { access: 'open' } },
      { fields: 'shared_link' },
    );
    await fetch(shared.sharedLink!.url);
    const token = new URL(shared.sharedLink!.url).pathname.split('/').pop()!;
    const entries = (
      (await (await fetch(`${emulator.url}/_emulator/requests`)).json()) as { entries: Array<{ path: string }> }
    ).entries;
    const paths = entries.map((e) => e.path);
    expect(paths).toEqual(expect.arrayContaining(['/d/1/[redacted]/download', '/s/[redacted]']));
    expect(paths.join(' ')).not.toContain(token);
  });

  it('covers every kind of link path', () => {
    expect(redactPath('/d/1/abcDEF_-123/download')).toBe('/d/1/[redacted]/download');
    expect(redactPath('/s/0123abcd')).toBe('/s/[redacted]');
    expect(redactPath('/shared/static/0123abcd.mp4')).toBe('/shared/static/[redacted].mp4');
    expect(redactPath('/f/0123abcd')).toBe('/f/[redacted]');
    expect(redactPath('/preview/xyz')).toBe('/preview/[redacted]');
    expect(redactPath('/2.0/files/123')).toBe('/2.0/files/123');
  });
});
