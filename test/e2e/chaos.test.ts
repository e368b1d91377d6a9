import type { AccessRequest } from '../../src/footage/ports/store';
import type { TeamsUser } from '../support/teams-client';
import { BoxProbe } from './access/box-probe';
import { decide, recordingsOf, requestByIds } from './access/flows';
import {
  alice,
  backdateExpiry,
  ben,
  cardText,
  chloe,
  dana,
  ed,
  expectAuditChainIntact,
  personalConversation,
  postedCards,
  priya,
  useAccessBot,
  waitForStatus,
  waitUntil,
} from './access/support';

/**
 * The whole flow under a failing, slow Box: while roughly one Box call in five is answered 429
 * (with retry-after), 500 or 503, and calls are slowed down, three officers at once find footage,
 * request it, have it routed and decided, are granted (or told it failed), get the share-link card,
 * and have access run out (expiry) or revoked. Every request ends in a clear state, nothing is granted twice, nothing
 * is lost, and the audit chain verifies.
 */
const ROUNDS = 3;
const TEAMS: Array<{ officer: TeamsUser & { email: string }; approver: TeamsUser; camera: string }> = [
  { officer: alice, approver: dana, camera: 'LAM-0105' },
  { officer: ben, approver: ed, camera: 'SWK-0103' },
  { officer: chloe, approver: priya, camera: 'WST-0115' },
];
const CLEAR: AccessRequest['status'][] = ['granted', 'failed', 'partially_failed', 'rejected', 'revoked', 'expired'];

const suite = useAccessBot('sqlite', { install: [alice, ben, chloe, dana, ed, priya] });

/** Keeps about one Box call in five failing: a one-shot fault rule for the next call, every few calls. */
function chaos(probe: BoxProbe): { stop(): Promise<void> } {
  let running = true;
  let injected = 0;
  const faults = [{ status: 429, retryAfter: 1 }, { status: 500 }, { status: 503, retryAfter: 0 }];
  const loop = (async () => {
    let seen = (await probe.requestLog()).length;
    while (running) {
      await new Promise((resolve) => setTimeout(resolve, 40));
      const now = (await probe.requestLog()).filter((e) => !e.path.startsWith('/_emulator')).length;
      // One fault per five calls since the last look, with some latency on each.
      for (let n = seen; n + 5 <= now; n += 5) {
        await probe.fault({ ...faults[injected % faults.length], count: 1, latencyMs: 20 + (injected % 4) * 30 });
        injected += 1;
      }
      seen = now - ((now - seen) % 5);
    }
  })();
  return {
    stop: async () => {
      running = false;
      await loop;
      await probe.clearFaults();
    },
  };
}

async function cameraRecordings(camera: string, count: number): Promise<string[]> {
  const recordings = await recordingsOf(suite.bot.h, camera, count).catch(async () =>
    (await suite.bot.h.bot.box!.searchRecordings({ limit: 100 })).recordings.slice(0, count),
  );
  return recordings.map((r) => r.fileId);
}

test('three officers at once, many requests, Box failing one call in five', async () => {
  const { h, store } = suite.bot;
  const probe = new BoxProbe(h.bot.emulator!.url);
  const files = new Map<string, string[]>();
  for (const team of TEAMS) files.set(team.officer.aadObjectId, await cameraRecordings(team.camera, ROUNDS));
  const monkey = chaos(probe);
  const requestIds: string[] = [];
  const expired: string[] = [];
  try {
    await Promise.all(
      TEAMS.map(async ({ officer, approver }) => {
        for (let round = 0; round < ROUNDS; round += 1) {
          await h.teams.say(officer, 'help');
          const fileId = files.get(officer.aadObjectId)![round];
          const { requestId } = await requestByIds(h, officer, [fileId]);
          requestIds.push(requestId);
          await waitForStatus(store, requestId, ['pending']);
          const verb = round === 1 ? 'reject' : 'approve';
          await decide(
            h,
            approver,
            requestId,
            verb,
            verb === 'reject' ? { decisionComment: 'Not enough detail.' } : {},
          );
          const settled = await waitForStatus(
            store,
            requestId,
            verb === 'reject' ? ['rejected'] : ['granted', 'failed', 'partially_failed'],
            45_000,
          );
          if (settled.status === 'granted' && round === 0) {
            // Its time runs out while Box is still failing: the sweep retries until access is gone.
            await backdateExpiry(suite.bot, requestId);
            await waitForStatus(store, requestId, ['expired'], 45_000);
            expired.push(requestId);
          }
          if (settled.status === 'granted' && round === 2) {
            await h.teams.say(approver, `revoke ${requestId}`);
            await waitForStatus(store, requestId, ['revoked'], 30_000);
          }
        }
      }),
    );
  } finally {
    await monkey.stop();
  }
  // The bot really met the faults: roughly one Box call in five failed.
  const calls = (await probe.requestLog()).filter((e) => !e.path.startsWith('/_emulator'));
  const failed = calls.filter((e) => e.fault).length;
  expect(failed).toBeGreaterThanOrEqual(10);
  expect(failed / calls.length).toBeGreaterThan(0.1);

  // Nothing lost, every request in a clear state.
  expect(requestIds).toHaveLength(TEAMS.length * ROUNDS);
  const requests = await Promise.all(requestIds.map(async (id) => (await store.requests.get(id))!));
  for (const request of requests) expect(CLEAR).toContain(request.status);

  // Nothing granted twice: at most one collaboration per officer and recording.
  for (const { officer } of TEAMS) {
    for (const fileId of files.get(officer.aadObjectId)!) {
      const mine = (await probe.collaborations(fileId)).filter(
        (c) => c.accessible_by.login.toLowerCase() === officer.email,
      );
      expect(mine.length).toBeLessThanOrEqual(1);
    }
  }

  // Expired and revoked access is gone from Box: at once for expiry (marked expired only then), and
  // for a revocation whose retries ran out while Box failed, by the next sweeps now that it answers.
  for (const request of requests.filter((r) => r.status === 'expired' || r.status === 'revoked')) {
    const officer = TEAMS.find((t) => t.officer.aadObjectId === request.requesterAadObjectId)!.officer;
    for (const recording of request.recordings) {
      await waitUntil(
        async () =>
          (await probe.collaborations(recording.boxFileId)).every(
            (c) => c.accessible_by.login.toLowerCase() !== officer.email,
          ) || undefined,
        `${officer.email}'s access to ${recording.boxFileId} to be removed (${request.status})`,
        20_000,
      );
    }
  }
  for (const requestId of expired) {
    const request = requests.find((r) => r.id === requestId)!;
    const officer = TEAMS.find((t) => t.officer.aadObjectId === request.requesterAadObjectId)!.officer;
    const texts = postedCards(h.connector, personalConversation(officer)).map((p) => cardText(p.card));
    expect(texts.some((t) => /Access expired/.test(t) && t.includes(request.recordings[0].fileName))).toBe(true);
  }

  // Each granted officer got a share-link card; each failure was reported.
  for (const request of requests) {
    const officer = TEAMS.find((t) => t.officer.aadObjectId === request.requesterAadObjectId)!.officer;
    const texts = postedCards(h.connector, personalConversation(officer)).map((p) => cardText(p.card));
    if (request.status === 'granted') expect(texts.some((t) => /Access granted/.test(t))).toBe(true);
    if (request.status === 'failed') expect(texts.some((t) => /Access could not be set up in Box/.test(t))).toBe(true);
  }
  await expectAuditChainIntact(store);
}, 90_000);
