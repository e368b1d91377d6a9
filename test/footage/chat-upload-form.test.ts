/**
 * What the chat upload form is prefilled with (the export's name, the officer's message) and how the
 * server judges what comes back: registered camera, a window that has passed (London time, at most
 * 24 hours), a case reference, where it came from.
 */
import { checkChatUploadForm, looksLikeVideo, prefillFrom, safeFileName } from '../../src/footage/chat-upload';
import type { GazetteerCamera } from '../../src/footage/query';

const LAM_0105 = {
  cameraId: 'LAM-0105',
  cameraName: 'Brixton Station',
  borough: 'Lambeth',
  latitude: 51.46,
  longitude: -0.11,
  owner: 'Lambeth Council',
  ownerType: 'local_authority',
} as GazetteerCamera;
const BRIXTON = { name: 'Brixton Station', borough: 'Lambeth', latitude: 51.4627, longitude: -0.1145 };
const registry = {
  camera: (id: string) => (id === 'LAM-0105' ? LAM_0105 : undefined),
  placeNamed: (name: string) => (name.toLowerCase() === 'brixton station' ? BRIXTON : undefined),
};
const NOW = new Date('2026-03-20T10:00:00Z');
const good = {
  cameraId: 'lam-0105',
  date: '2026-03-03',
  from: '14:00',
  to: '15:00',
  caseReference: '5274265/26',
  cameFrom: 'Shop manager, USB stick',
  keepNonFootage: false,
};

describe('prefilling the chat upload form', () => {
  it('reads camera, London window and length from an export name', () => {
    expect(prefillFrom('LAM-0105_20260311T0200Z_60min.mp4', undefined)).toEqual({
      cameraId: 'LAM-0105',
      date: '2026-03-11',
      from: '02:00',
      to: '03:00',
    });
  });

  it('shows summer times in London time, and an end on the next day with its date', () => {
    expect(prefillFrom('WST-0115_20260614T2230Z_120min.mp4', undefined)).toEqual({
      cameraId: 'WST-0115',
      date: '2026-06-14',
      from: '23:30',
      to: '01:30',
      endDate: '2026-06-15',
    });
  });

  it('takes the case, the camera and where it came from out of the message', () => {
    expect(prefillFrom('clip.mp4', 'camera SWK-0042 from the Co-op on Walworth Road for case 5274265/26')).toEqual({
      cameraId: 'SWK-0042',
      caseReference: '5274265/26',
      cameFrom: 'the Co-op on Walworth Road',
    });
    expect(prefillFrom('video.mov', '')).toEqual({});
  });

  it('guesses video from Teams’ file type or the extension', () => {
    expect(looksLikeVideo('a.MP4', null)).toBe(true);
    expect(looksLikeVideo('player.exe', 'exe')).toBe(false);
    expect(looksLikeVideo('export', 'dav')).toBe(true);
  });

  it('keeps names Box accepts', () => {
    expect(safeFileName(' ../evil/name\u0000.mp4 ')).toBe('.._evil_name_.mp4');
    expect(safeFileName('..')).toBe('attachment');
  });
});

describe('checking the chat upload form', () => {
  it('accepts a registered camera, a past window, a case and a source', () => {
    const check = checkChatUploadForm(good, registry, NOW);
    expect(check).toEqual({
      ok: true,
      camera: LAM_0105,
      description: {
        cameraId: 'LAM-0105',
        windowStart: '2026-03-03T14:00:00.000Z',
        windowEnd: '2026-03-03T15:00:00.000Z',
        caseReference: '5274265/26',
        cameFrom: 'Shop manager, USB stick',
        keepNonFootage: false,
      },
    });
  });

  it('files a camera that is not registered under its place, with its owner', () => {
    const check = checkChatUploadForm(
      { ...good, cameraId: '', place: 'brixton station', owner: 'Co-op Acre Lane' },
      registry,
      NOW,
    );
    expect(check.ok && check.camera).toEqual({
      cameraId: 'UNREG-BRIXTON',
      cameraName: 'Unregistered camera at Brixton Station',
      borough: 'Lambeth',
      latitude: 51.4627,
      longitude: -0.1145,
      owner: 'Co-op Acre Lane',
      ownerType: 'business',
    });
    expect(check.ok && check.description.unregistered).toEqual({
      cameraName: 'Unregistered camera at Brixton Station',
      borough: 'Lambeth',
      latitude: 51.4627,
      longitude: -0.1145,
      owner: 'Co-op Acre Lane',
    });
  });

  it.each([
    [{ cameraId: '', place: 'Atlantis', owner: 'Someone' }, 'camera', /don't know a place called "Atlantis"/],
    [{ cameraId: '', place: 'Brixton Station', owner: '' }, 'camera', /give the place and who runs the camera/],
    [{ cameraId: 'XYZ-9999' }, 'camera', /don't know a camera XYZ-9999/],
    [{ cameraId: ' ' }, 'camera', /Enter the camera id/],
    [{ cameraId: '', place: 'Brixton Station', owner: 'x'.repeat(121) }, 'camera', /at most 120/],
    [{ date: '2026-03-30' }, 'window', /in the future/],
    [{ from: '10:00', to: '09:00', endDate: '2026-03-05' }, 'window', /at most 24 hours/],
    [{ caseReference: '52742/26' }, 'caseReference', /seven digits/],
    [{ cameFrom: '  ' }, 'cameFrom', /where the footage came from/],
    [{ cameFrom: 'x'.repeat(501) }, 'cameFrom', /at most 500/],
  ])('refuses %o, saying what to change', (change, field, message) => {
    const check = checkChatUploadForm({ ...good, ...change }, registry, NOW);
    expect(check.ok).toBe(false);
    if (!check.ok) {
      expect(check.field).toBe(field);
      expect(check.problem).toMatch(message);
    }
  });
});
