/**
 * Durability of the arrival path: a delivery acknowledged by a bot that stops before processing it
 * is processed once by the next start; Box answering 429/503 during processing is ridden out; Box
 * down for good leaves the file in the intake folder and the officer is told.
 */
import { BoxProbe } from '../access/box-probe';
import {
  alice,
  backends,
  cardText,
  dana,
  expectAuditChainIntact,
  personalConversation,
  postedCards,
  restartableBot,
  useAccessBot,
  waitForPosted,
  waitUntil,
  type Backend,
} from '../access/support';
import {
  askForFootage,
  footageRequest,
  registerWebhook,
  requestIdOf,
  sendForm,
  sha256,
  uploadAsOwner,
  uploadUrlOf,
  videoBytes,
  waitForCatalogued,
} from './support';

/** The access suites' restartable bot, with a PUBLIC_URL: Box can reach it, so only webhooks bring files in. */
async function restartable(backend: Backend) {
  const setup = await restartableBot(backend);
  return {
    ...setup,
    start: (env: Record<string, string> = {}) => setup.start({ PUBLIC_URL: 'https://bot.example.org', ...env }),
  };
}

describe.each(backends())('a restart between acknowledgement and processing (%s)', (backend) => {
  test('the stored delivery is processed once after the restart', async () => {
    const setup = await restartable(backend);
    try {
      const before = await setup.start({ JOBS_ENABLED: 'false' });
      let requestId: string;
      let bytes: Buffer;
      try {
        for (const user of [alice, dana]) await before.h.teams.install(user);
        await registerWebhook(before.h);
        const linkCard = await sendForm(before.h, alice, await askForFootage(before.h, alice));
        requestId = requestIdOf(linkCard);
        bytes = videoBytes(`restart-${backend}`);
        expect((await uploadAsOwner(uploadUrlOf(linkCard), [{ name: 'before-restart.mp4', bytes }])).status).toBe(200);
        // Box's delivery is acknowledged (200) and stored with its job; no worker runs in this instance.
        await before.h.bot.emulator!.webhooksIdle();
        const attempts = before.h.bot.emulator!.webhookDeliveries();
        expect(attempts.map((a) => a.status)).toEqual([200]);
        expect(await before.store.intake.webhookDeliveries.get(attempts[0].deliveryId)).toBeDefined();
        expect(await before.store.jobs.list({ kind: 'intake.delivery' })).toMatchObject([{ status: 'queued' }]);
        expect(await before.store.intake.intakeFiles.listByRequest(requestId)).toEqual([]);
      } finally {
        await before.close();
      }

      const after = await setup.start();
      try {
        const [file] = await waitForCatalogued(after.store, requestId, 1, 30_000);
        expect(file.sha256).toBe(sha256(bytes));
        const arrival = await waitForPosted(setup.connector, personalConversation(alice), /Footage arrived/);
        expect(cardText(arrival.card)).toContain(sha256(bytes));
        await waitUntil(
          async () =>
            (await after.store.jobs.list())
              .filter((j) => j.kind.startsWith('intake.'))
              .every((j) => j.status === 'done') || undefined,
          'intake jobs to finish',
        );
        expect(
          postedCards(setup.connector, personalConversation(alice)).filter((p) =>
            JSON.stringify(p.card).includes('Footage arrived'),
          ),
        ).toHaveLength(1);
        expect((await after.store.audit.list({ limit: 5000 })).filter((e) => e.action === 'catalogued')).toHaveLength(
          1,
        );
        expect(await footageRequest(after.store, requestId)).toMatchObject({ filesReceived: 1 });
        await expectAuditChainIntact(after.store);
      } finally {
        await after.close();
      }
    } finally {
      await setup.cleanup();
    }
  }, 120_000);
});

describe.each(backends())('Box faults while processing an arrival (%s)', (backend) => {
  const suite = useAccessBot(backend, { install: [alice], env: { FOOTAGE_POLL_MS: '200' } });

  test('429 with retry-after and 503 are ridden out; Box down for good leaves the file in the intake folder and tells the officer', async () => {
    const { h, store } = suite.bot;
    const probe = new BoxProbe(h.bot.emulator!.url);
    try {
      const first = await sendForm(h, alice, await askForFootage(h, alice));
      const firstId = requestIdOf(first);
      await probe.fault({ status: 429, count: 2, retryAfter: 0, match: 'GET /2.0/files/' });
      await probe.fault({ status: 503, count: 1, retryAfter: 0, match: 'POST /2.0/metadata_queries/execute_read' });
      expect(
        (await uploadAsOwner(uploadUrlOf(first), [{ name: 'busy.mp4', bytes: videoBytes(`busy-${backend}`) }])).status,
      ).toBe(200);
      await waitForCatalogued(store, firstId, 1, 30_000);
      const log = await probe.requestLog();
      expect(log.filter((e) => e.fault && e.status === 429).length).toBe(2);
      await probe.clearFaults();

      const second = await sendForm(
        h,
        alice,
        await askForFootage(
          h,
          alice,
          'request footage from camera LAM-0106 on 03/03/2026 between 2pm and 4pm for case 5274265/26',
        ),
      );
      const secondId = requestIdOf(second);
      const folderId = (await footageRequest(store, secondId)).cameras[0].intakeFolderId!;
      await probe.fault({ status: 500, count: 100_000, retryAfter: 0, match: '/content' });
      expect(
        (await uploadAsOwner(uploadUrlOf(second), [{ name: 'stuck.mp4', bytes: videoBytes(`stuck-${backend}`) }]))
          .status,
      ).toBe(200);
      const failed = await waitUntil(
        async () =>
          (await store.intake.intakeFiles.listByRequest(secondId)).find((f) => f.state === 'failed' && f.notified),
        'the arrival to fail',
        60_000,
      );
      expect(failed.error).toMatch(/Box did not answer after several attempts; the file is still in the intake folder/);
      const told = await waitForPosted(h.connector, personalConversation(alice), /A file could not be processed/);
      expect(cardText(told.card)).toContain('stuck.mp4');
      expect((await h.bot.box!.listFolder(folderId)).map((i) => i.name)).toEqual(['stuck.mp4']);
      expect((await store.audit.list({ target: `box-file:${failed.boxFileId}` })).map((e) => e.action)).toContain(
        'arrival_failed',
      );
    } finally {
      await probe.clearFaults();
    }
  }, 120_000);
});
