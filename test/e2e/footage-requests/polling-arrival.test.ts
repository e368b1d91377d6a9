/**
 * Where Box cannot reach the bot (no PUBLIC_URL) the open intake folders are polled, through the
 * same arrival path: the upload is catalogued and announced without any webhook, and a file that is
 * not video is kept with the others and flagged, never rejected. The same content uploaded again is
 * reported as a duplicate of the first recording.
 */
import { alice, backends, cardText, personalConversation, useAccessBot, waitForPosted } from '../access/support';
import {
  askForFootage,
  requestIdOf,
  sendForm,
  sha256,
  uploadAsOwner,
  uploadUrlOf,
  videoBytes,
  waitForCatalogued,
} from './support';

describe.each(backends())('footage request by polling on %s', (backend) => {
  const ctx = useAccessBot(backend, { install: [alice], env: { FOOTAGE_POLL_MS: '200' } });

  it('finds uploads by listing the intake folder, flags what is not video and reports duplicates', async () => {
    const { h, store } = ctx.bot;
    expect(h.bot.emulator!.webhookDeliveries()).toEqual([]);
    const linkCard = await sendForm(
      h,
      alice,
      await askForFootage(
        h,
        alice,
        'ask the owner of camera WST-0115 for footage 14/03/2026 22:00-23:30 for case 5212345/26',
      ),
    );
    const requestId = requestIdOf(linkCard);
    const video = videoBytes(`polling-${backend}`);
    const readme = Buffer.from('To play these files, install the player from the USB stick.\n');
    const upload = await uploadAsOwner(
      uploadUrlOf(linkCard),
      [
        { name: 'WST-0115 22-00.mp4', bytes: video },
        { name: 'README.txt', bytes: readme, type: 'text/plain' },
      ],
      'cctv.westminster@example.org',
    );
    expect(upload.status).toBe(200);

    const files = await waitForCatalogued(store, requestId, 2);
    const byName = Object.fromEntries(files.map((f) => [f.fileName, f]));
    expect(byName['WST-0115 22-00.mp4']).toMatchObject({
      isVideo: true,
      sha256: sha256(video),
      duplicateOfFileId: null,
    });
    expect(byName['README.txt']).toMatchObject({
      isVideo: false,
      contentType: 'text/plain',
      sha256: sha256(readme),
      state: 'catalogued',
    });
    // No webhook was ever registered or sent: polling brought both in.
    expect(h.bot.emulator!.webhookDeliveries()).toEqual([]);
    const arrivals = await waitForPosted(h.connector, personalConversation(alice), /README\.txt/);
    expect(cardText(arrivals.card)).toMatch(/Not a video \(text\/plain\)/);

    // The same video again, on a second request for another camera: reported as a duplicate of the first.
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
    expect(
      (await uploadAsOwner(uploadUrlOf(second), [{ name: 'copy.mp4', bytes: video }], 'cctv.lambeth@example.org'))
        .status,
    ).toBe(200);
    const [duplicate] = await waitForCatalogued(store, secondId, 1);
    expect(duplicate.duplicateOfFileId).toBe(byName['WST-0115 22-00.mp4'].boxFileId);
    const card = await waitForPosted(h.connector, personalConversation(alice), /copy\.mp4/);
    expect(cardText(card.card)).toMatch(/a duplicate of that recording/);
    expect(cardText(card.card)).toContain('WST-0115 22-00.mp4');
  }, 90_000);
});
