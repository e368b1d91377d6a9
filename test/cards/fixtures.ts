/**
 * Realistic and worst-case inputs for the card tests: recordings from the demo data, thumbnails the
 * size Box returns (~6 KB JPEG), and hostile text (long, Markdown links, bidi overrides, emoji).
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import {
  recordingSummary,
  resultRecording,
  type GrantedRecording,
  type RecordingSummary,
  type RequestView,
  type ResultRecording,
} from '../../src/cards';
import type { Recording } from '../../src/footage/recording';

const demo = JSON.parse(readFileSync(path.resolve(__dirname, '../../demo/footage.json'), 'utf8')) as Array<
  Omit<Recording, 'fileId' | 'sha256'>
>;

/** Demo recordings as the gateway returns them (Box file ids are numeric strings). */
export const DEMO_RECORDINGS: Recording[] = demo
  .slice(0, 40)
  .map((r, i) => ({ ...r, fileId: String(1_700_000 + i), sha256: null }));

/** A JPEG-shaped payload of `bytes` bytes as a data: URI (content is irrelevant to the card). */
export function fakeJpegDataUri(bytes = 6 * 1024, seed = 1): string {
  const buffer = Buffer.alloc(bytes);
  let x = seed;
  for (let i = 0; i < bytes; i += 1) {
    x = (x * 1103515245 + 12345) % 2 ** 31;
    buffer[i] = x & 0xff;
  }
  buffer.set([0xff, 0xd8, 0xff, 0xe0], 0);
  buffer.set([0xff, 0xd9], bytes - 2);
  return `data:image/jpeg;base64,${buffer.toString('base64')}`;
}

export const HOSTILE = {
  /** A Markdown link that would look like the bot's own button. */
  link: '[Open footage in Box](https://evil.example/steal) **urgent** _now_ `code`',
  /** Right-to-left override: would make "4pm.exe" read backwards. */
  bidi: 'Camera \u202Eexe.mp4\u202C',
  longName: `Sergeant ${'Bartholomew-Fitzwilliam '.repeat(20)}Ω`,
  unicode: 'Łódź Café 🚓👮🏽‍♀️ مرحبا Ünïcödé',
  reason500:
    `${'Suspect seen leaving the station at 14:05 with a red bag; footage needed to confirm direction. '.repeat(6)}`.slice(
      0,
      500,
    ),
  dateFunction: 'Seen {{DATE(2026-03-03T14:00:00Z, SHORT)}}',
};

export function hostileRecording(base: Recording, i: number): Recording {
  return {
    ...base,
    fileId: String(1_800_000 + i),
    cameraName: `${HOSTILE.longName} ${HOSTILE.unicode}`,
    owner: HOSTILE.link,
    fileName: `${HOSTILE.bidi}_${'x'.repeat(200)}.mp4`,
  };
}

/** A page of ten results, each granted with a thumbnail: the largest results card there can be. */
export function tenGrantedWithThumbnails(): ResultRecording[] {
  return DEMO_RECORDINGS.slice(0, 10).map((r, i) =>
    resultRecording(
      hostileRecording(r, i),
      {
        kind: 'granted',
        thumbnailDataUri: fakeJpegDataUri(6 * 1024, i + 1),
        openUrl: `https://app.box.com/file/${r.fileId}`,
        expiresAt: new Date('2026-04-01T12:00:00Z'),
      },
      123.4 + i * 100,
    ),
  );
}

export function tenGrantedRecordings(): GrantedRecording[] {
  return DEMO_RECORDINGS.slice(0, 10).map((r, i) => ({
    ...recordingSummary(hostileRecording(r, i)),
    thumbnailDataUri: fakeJpegDataUri(6 * 1024, i + 1),
    openUrl: `https://app.box.com/file/${r.fileId}`,
  }));
}

export function summaries(count: number): RecordingSummary[] {
  return DEMO_RECORDINGS.slice(0, count).map(recordingSummary);
}

export const REQUESTER_ID = '29:1alice-carter';
export const APPROVER_IDS = ['29:1dana-whitfield', '29:1evan-price'];

export function pendingRequest(overrides: Partial<RequestView> = {}): RequestView {
  return {
    requestId: 'req-0001',
    status: 'pending',
    requester: { name: 'PC Alice Carter', borough: 'Lambeth' },
    recordings: summaries(2),
    caseReference: '5212345/26',
    reason: 'Robbery outside Brixton Station on 3 March; need to confirm the suspect’s route.',
    access: 'view',
    durationDays: 7,
    requestedAt: new Date('2026-03-03T15:10:00Z'),
    requesterHasBoxUser: true,
    ...overrides,
  };
}
