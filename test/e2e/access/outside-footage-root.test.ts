import { readableCardText as cardText } from '../../support/card-validation';
import { demoUser } from '../../support/harness';
import { recordingsOf } from './flows';
import { useAccessBot } from './support';

/**
 * A file in another folder carrying a copy of a recording's metadata is not a recording: it can be
 * neither requested by id nor slipped into a request form, so it is never granted.
 */
const alice = demoUser('alice');
const suite = useAccessBot('sqlite', { install: [alice] });

test('requesting a file outside CCTV/ that carries footage metadata is refused', async () => {
  const h = suite.bot.h;
  h.connector.clear();
  const box = h.bot.box!;
  const [real] = await recordingsOf(h, 'LAM-0105', 1);
  const folder = await box.ensureFolder('0', 'Personal uploads');
  const { fileId } = await box.uploadFileIfMissing(folder.id, real.fileName, Buffer.from('not footage'));
  const { fileId: _f, fileName: _n, ...metadata } = real;
  await box.setRecordingMetadata(fileId, metadata);
  expect(await box.getRecordingMetadata(fileId)).toMatchObject({ cameraId: 'LAM-0105' });

  await h.teams.say(alice, `request ${real.fileId}`);
  await h.connector.waitFor(() => h.connector.cards().length >= 1);
  expect(cardText(h.connector.cards()[0])).toMatch(/Request access/i);
  h.connector.clear();

  await h.teams.say(alice, `request ${fileId}`);
  await h.connector.waitFor(() => h.connector.cards().length >= 1);
  const answer = cardText(h.connector.cards()[0]);
  expect(answer).not.toMatch(/Request access to/i);
  expect(answer).toMatch(/no recording|not find|couldn't find|not a recording/i);
}, 60_000);
