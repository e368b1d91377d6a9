/**
 * What the camera owner reads: the upload page's title and description, and a ready-to-send message
 * the officer pastes into an email or a text. Plain text, no markup: it leaves the force's systems.
 */
import { formatLondonDateTime } from '../london-time';
import type { FootageRequest, RequestedCamera } from './types';

/** Box limits a file request's title; the description is generous but kept short for the page. */
const MAX_TITLE_CHARS = 100;

export interface ForceIdentity {
  /** The force's name as owners know it. */
  name: string;
}

export function uploadPageTitle(
  force: ForceIdentity,
  request: Pick<FootageRequest, 'caseReference'>,
  camera: RequestedCamera,
): string {
  const title = `${force.name}: CCTV footage for case ${request.caseReference}, camera ${camera.cameraId}`;
  return title.length > MAX_TITLE_CHARS ? `${title.slice(0, MAX_TITLE_CHARS - 1)}…` : title;
}

export function uploadPageDescription(
  force: ForceIdentity,
  request: Pick<FootageRequest, 'caseReference' | 'windowStart' | 'windowEnd' | 'whatHappened'>,
  camera: RequestedCamera,
): string {
  return [
    `${force.name} asks for the recording of camera ${camera.cameraId} (${camera.cameraName}) from ${window(request)}, London time, for case ${request.caseReference}.`,
    `What happened: ${request.whatHappened}`,
    'Please upload the video files exactly as your system exports them (any player or README it adds is welcome too). Enter your email address so we know who sent them.',
  ].join('\n\n');
}

/** Plain text the officer sends the owner. */
export function ownerMessage(
  force: ForceIdentity,
  request: Pick<FootageRequest, 'caseReference' | 'windowStart' | 'windowEnd' | 'whatHappened' | 'expiresAt'>,
  camera: RequestedCamera,
  officerName: string,
): string {
  return [
    'Hello,',
    `${force.name} is investigating an incident (case ${request.caseReference}) and would be grateful for the CCTV recording of your camera ${camera.cameraId} (${camera.cameraName}) from ${window(request)}, London time.`,
    `What happened: ${request.whatHappened}`,
    `Please upload the exported files here: ${camera.uploadUrl ?? '(link not ready)'}`,
    `The link is open until ${formatLondonDateTime(request.expiresAt, { zone: true })}. Nothing else is needed: no account, no discs.`,
    `Thank you,\n${officerName}, ${force.name}`,
  ].join('\n\n');
}

function window(request: Pick<FootageRequest, 'windowStart' | 'windowEnd'>): string {
  return `${formatLondonDateTime(request.windowStart)} to ${formatLondonDateTime(request.windowEnd, { zone: true })}`;
}
