/**
 * The chat upload form as the server judges it: a registered camera, a window that has passed (at
 * most 24 hours, London time, read like a footage request's), a case reference, and where the
 * footage came from. A forged invoke skips the card, so nothing typed is trusted until it passes.
 */
import { CASE_REFERENCE_PATTERN } from '../access/form';
import { MAX_WINDOW_HOURS, readWindow, type CameraRegistry } from '../footage-requests/form';
import type { GazetteerCamera } from '../query/gazetteer';
import type { ChatUploadDescription } from './types';

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
}

export type ChatUploadFormField = 'camera' | 'window' | 'caseReference' | 'cameFrom';

export type ChatUploadFormCheck =
  | { ok: true; description: ChatUploadDescription; camera: GazetteerCamera }
  | { ok: false; field: ChatUploadFormField; problem: string };

export function checkChatUploadForm(input: ChatUploadFormInput, registry: CameraRegistry, now: Date): ChatUploadFormCheck {
  const cameraId = input.cameraId.trim().toUpperCase();
  if (cameraId === '') return fail('camera', 'Enter the camera id (as on its sign or in the results, e.g. LAM-0105).');
  const camera = registry.camera(cameraId);
  if (!camera) return fail('camera', `I don't know a camera ${cameraId.slice(0, 20)}. Use the camera id as on its sign or in the results, e.g. LAM-0105.`);
  const window = readWindow(input.date, input.from, input.to, input.endDate);
  if (!window.ok) return fail('window', window.problem);
  if (window.end.getTime() <= window.start.getTime()) return fail('window', 'The end of the time window must come after its start.');
  if (window.end.getTime() > now.getTime()) return fail('window', 'The time window ends in the future: recordings cover time that has passed. Check the date and times.');
  if (window.end.getTime() - window.start.getTime() > MAX_WINDOW_HOURS * 3_600_000) return fail('window', `A recording covers at most ${MAX_WINDOW_HOURS} hours; split longer footage into one file per day.`);
  const caseReference = input.caseReference.trim();
  if (!CASE_REFERENCE_PATTERN.test(caseReference)) return fail('caseReference', 'Enter the case reference as seven digits, a slash and two digits, e.g. 5274265/26.');
  const cameFrom = input.cameFrom.trim();
  if (cameFrom === '') return fail('cameFrom', 'Say where the footage came from (e.g. the shop manager at Co-op Acre Lane, on a USB stick): it is part of the evidence trail.');
  if (cameFrom.length > MAX_CAME_FROM_CHARS) return fail('cameFrom', `Shorten "where it came from" to at most ${MAX_CAME_FROM_CHARS} characters (it has ${cameFrom.length}).`);
  return {
    ok: true,
    camera,
    description: {
      cameraId: camera.cameraId,
      windowStart: window.start.toISOString(),
      windowEnd: window.end.toISOString(),
      caseReference,
      cameFrom,
      keepNonFootage: input.keepNonFootage,
    },
  };
}

function fail(field: ChatUploadFormField, problem: string): ChatUploadFormCheck {
  return { ok: false, field, problem };
}
