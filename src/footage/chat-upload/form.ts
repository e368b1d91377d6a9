/**
 * The chat upload form as the server judges it: a registered camera, a window that has passed (at
 * most 24 hours, London time, read like a footage request's), a case reference, and where the
 * footage came from. A forged invoke skips the card, so nothing typed is trusted until it passes.
 */
import { CASE_REFERENCE_PATTERN } from '../access/form';
import { checkPastWindow, MAX_WINDOW_HOURS, type CameraRegistry } from '../footage-requests/form';
import type { GazetteerCamera, GazetteerPlace } from '../query/gazetteer';
import type { ChatUploadDescription } from './types';

/** Cameras by id, and places by name for a camera that is not registered. */
export interface ChatUploadRegistry extends CameraRegistry {
  placeNamed(name: string): GazetteerPlace | undefined;
}

export const MAX_OWNER_CHARS = 120;

export const MAX_CAME_FROM_CHARS = 500;

export interface ChatUploadFormInput {
  cameraId: string;
  date: string;
  from: string;
  to: string;
  endDate?: string;
  caseReference: string;
  cameFrom: string;
  keepNonFootage: boolean;
  /** For a camera not in the registry (camera id left empty): where it is and who runs it. */
  place?: string;
  owner?: string;
}

export type ChatUploadFormField = 'camera' | 'window' | 'caseReference' | 'cameFrom';

export type ChatUploadFormCheck =
  | { ok: true; description: ChatUploadDescription; camera: GazetteerCamera }
  | { ok: false; field: ChatUploadFormField; problem: string };

export function checkChatUploadForm(
  input: ChatUploadFormInput,
  registry: ChatUploadRegistry,
  now: Date,
): ChatUploadFormCheck {
  const found = cameraOf(input, registry);
  if ('problem' in found) return fail('camera', found.problem);
  const camera = found.camera;
  const window = checkPastWindow(input, now, {
    future: 'The time window ends in the future: recordings cover time that has passed. Check the date and times.',
    tooLong: `A recording covers at most ${MAX_WINDOW_HOURS} hours; split longer footage into one file per day.`,
  });
  if (!window.ok) return fail('window', window.problem);
  const caseReference = input.caseReference.trim();
  if (!CASE_REFERENCE_PATTERN.test(caseReference))
    return fail('caseReference', 'Enter the case reference as seven digits, a slash and two digits, e.g. 5274265/26.');
  const cameFrom = input.cameFrom.trim();
  if (cameFrom === '')
    return fail(
      'cameFrom',
      'Say where the footage came from (e.g. the shop manager at Co-op Acre Lane, on a USB stick): it is part of the evidence trail.',
    );
  if (cameFrom.length > MAX_CAME_FROM_CHARS)
    return fail(
      'cameFrom',
      `Shorten "where it came from" to at most ${MAX_CAME_FROM_CHARS} characters (it has ${cameFrom.length}).`,
    );
  return {
    ok: true,
    camera,
    description: {
      cameraId: camera.cameraId,
      ...(found.unregistered
        ? {
            unregistered: {
              cameraName: camera.cameraName,
              borough: camera.borough,
              latitude: camera.latitude,
              longitude: camera.longitude,
              owner: camera.owner,
            },
          }
        : {}),
      windowStart: window.start.toISOString(),
      windowEnd: window.end.toISOString(),
      caseReference,
      cameFrom,
      keepNonFootage: input.keepNonFootage,
    },
  };
}

/**
 * The registered camera named, or one described by place and owner: filed under the place's
 * borough as UNREG-<place>, so it sits with that borough's footage until someone registers it.
 */
function cameraOf(
  input: ChatUploadFormInput,
  registry: ChatUploadRegistry,
): { camera: GazetteerCamera; unregistered: boolean } | { problem: string } {
  const cameraId = input.cameraId.trim().toUpperCase();
  if (cameraId !== '') {
    const camera = registry.camera(cameraId);
    return camera
      ? { camera, unregistered: false }
      : {
          problem: `I don't know a camera ${cameraId.slice(0, 20)}. Use the camera id as on its sign or in the results (e.g. LAM-0105), or leave it empty and give the place and the owner.`,
        };
  }
  const placeName = input.place?.trim() ?? '';
  const owner = input.owner?.trim() ?? '';
  if (placeName === '' || owner === '')
    return {
      problem:
        'Enter the camera id (e.g. LAM-0105); for a camera that is not registered, leave it empty and give the place and who runs the camera.',
    };
  if (owner.length > MAX_OWNER_CHARS) return { problem: `Shorten the owner to at most ${MAX_OWNER_CHARS} characters.` };
  const place = registry.placeNamed(placeName);
  if (!place)
    return {
      problem: `I don't know a place called "${placeName.slice(0, 60)}". Use a station, street or landmark as in a search, e.g. Brixton Station.`,
    };
  // Camera ids are at most 20 characters everywhere (cards, buttons): whole words of the place that fit.
  const words = place.name
    .toUpperCase()
    .split(/[^A-Z0-9]+/)
    .filter((w) => w !== '');
  const slug = words.reduce(
    (kept, word) => (kept === '' ? word.slice(0, 14) : `${kept}-${word}`.length <= 14 ? `${kept}-${word}` : kept),
    '',
  );
  return {
    unregistered: true,
    camera: {
      cameraId: `UNREG-${slug}`,
      cameraName: `Unregistered camera at ${place.name}`,
      borough: place.borough,
      latitude: place.latitude,
      longitude: place.longitude,
      owner,
      ownerType: 'business',
    },
  };
}

function fail(field: ChatUploadFormField, problem: string): ChatUploadFormCheck {
  return { ok: false, field, problem };
}
