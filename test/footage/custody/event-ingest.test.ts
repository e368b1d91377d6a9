/**
 * The Box event ingest against a real store: it reads from where it stopped, keeps each event once
 * even when Box hands it over again, and stops when Box has nothing new.
 */
import { BoxEventIngest, STREAM_POSITION_KEY } from '../../../src/footage/custody';
import type { Store } from '../../../src/footage/ports/store';
import type { BoxEventPage, BoxSharingPort, SharingStoreExtension } from '../../../src/footage/sharing';
import { backends, useFixture } from '../../store/support';

function event(id: string, type = 'PREVIEW') {
  return {
    eventId: id,
    boxFileId: '42',
    eventType: type,
    at: new Date(`2026-03-20T10:00:0${id.slice(-1)}Z`),
    actorLogin: 'alice@police.example',
    actorName: 'Alice',
    details: {},
  };
}

/** Box's stream as pages keyed by position; every read is recorded. */
class StreamBox implements Pick<BoxSharingPort, 'accessEvents'> {
  readonly reads: Array<string | null> = [];
  constructor(private readonly pages: Record<string, BoxEventPage>) {}
  async accessEvents(position: string | null): Promise<BoxEventPage> {
    this.reads.push(position);
    return this.pages[position ?? '0'] ?? { events: [], nextStreamPosition: position ?? '0' };
  }
}

describe.each(backends())('Box event ingest on %s', (kind) => {
  const fixture = useFixture(kind, __filename);

  it('reads on from the saved position and keeps every event once', async () => {
    const store = (await fixture.store()).store as Store & SharingStoreExtension;
    const box = new StreamBox({
      '0': { events: [event('e1'), event('e2', 'DOWNLOAD')], nextStreamPosition: '2' },
      // Box may hand an event over again after a position it already passed.
      '2': { events: [event('e2', 'DOWNLOAD'), event('e3')], nextStreamPosition: '3' },
    });
    const ingest = new BoxEventIngest({ store, box });
    expect(await ingest.runOnce()).toBe(3);
    expect(box.reads).toEqual([null, '2', '3']);
    expect(await store.settings.get(STREAM_POSITION_KEY)).toBe('3');
    // A later run starts where the last one stopped, and finds nothing new.
    expect(await ingest.runOnce()).toBe(0);
    expect(box.reads.slice(3)).toEqual(['3']);
    expect((await store.sharing.boxEvents.listByFile('42')).map((e) => [e.eventId, e.eventType])).toEqual([
      ['e1', 'PREVIEW'],
      ['e2', 'DOWNLOAD'],
      ['e3', 'PREVIEW'],
    ]);
  });
});
