/**
 * "request footage from camera LAM-0105 on 03/03/2026 between 2pm and 4pm for case 5274265/26",
 * "ask the owner of camera WST-0115 for footage 14/03/2026 22:00-23:30", "request footage near
 * Brixton Station last night": read with the search's own understanding, then either the request
 * form prefilled with the named cameras, or the cameras around the place to tick.
 */
import type { TurnContext } from 'botbuilder';
import { randomUUID } from 'node:crypto';
import {
  errorCard,
  footageRequestFormCard,
  londonInputs,
  nearbyCamerasCard,
  type AdaptiveCard,
  type FootageCameraChoice,
  type FootageFormValues,
} from '../../cards';
import { camerasFor } from '../../footage/footage-requests';
import { describeWindow, understandQuery, type GazetteerCamera } from '../../footage/query';
import { notConfiguredCard, type FootageRequestRouteDeps } from './deps';

export function requestFootageFromText(
  context: TurnContext,
  deps: FootageRequestRouteDeps,
  text: string,
): AdaptiveCard {
  if (!deps.service) return notConfiguredCard();
  if (!text) return help('Say which camera (or where) and when.');
  const understanding = understandQuery(text, { now: deps.now(context), gazetteer: deps.gazetteer });
  switch (understanding.kind) {
    case 'invalid':
      return help(understanding.reason);
    case 'unknown_place':
    case 'ambiguous_place':
      return help(understanding.message);
    case 'query':
      break;
  }
  const query = understanding.query;
  const window = query.window ? { start: query.window.start, end: query.window.end } : undefined;
  const candidates = camerasFor(query, deps.gazetteer);
  if (query.cameraIds && query.cameraIds.length > 0) {
    return formFor(
      deps,
      candidates.map((c) => c.camera),
      { window, caseReference: query.caseReference },
    );
  }
  if (query.place) {
    return nearbyCamerasCard({
      place: query.place.name,
      radiusMetres: query.place.radiusMetres,
      windowLabel: window ? describeWindow(window.start, window.end) : null,
      cameras: candidates.map(({ camera, distanceMetres }) => cameraChoice(camera, distanceMetres)),
      ...(window ? { start: window.start, end: window.end } : {}),
      ...(query.caseReference ? { caseReference: query.caseReference } : {}),
    });
  }
  return help(
    'Name the camera (e.g. camera LAM-0105) or a place (e.g. near Brixton Station), so I know whose owner to ask.',
  );
}

/** The form for these cameras, prefilled with whatever is known. */
export function formFor(
  deps: FootageRequestRouteDeps,
  cameras: GazetteerCamera[],
  known: {
    window?: { start: Date; end: Date };
    caseReference?: string;
    formToken?: string;
    values?: Partial<FootageFormValues>;
    error?: string;
  },
): AdaptiveCard {
  if (!deps.service) return notConfiguredCard();
  if (cameras.length === 0)
    return help(
      'None of those cameras is in the camera registry. Use the id on the camera or in the results, e.g. LAM-0105.',
    );
  const ownerEmail = cameras.find((c) => c.contactEmail)?.contactEmail;
  return footageRequestFormCard({
    cameras: cameras.map((c) => cameraChoice(c)),
    values: {
      ...(known.window ? londonInputs(known.window.start, known.window.end) : {}),
      ...(known.caseReference ? { caseReference: known.caseReference } : {}),
      ...(ownerEmail ? { ownerEmail } : {}),
      ...known.values,
    },
    defaultLinkDays: deps.service.policy.defaultLinkDays,
    formToken: known.formToken ?? randomUUID(),
    ...(known.error ? { error: known.error } : {}),
  });
}

export function cameraChoice(camera: GazetteerCamera, distanceMetres?: number): FootageCameraChoice {
  return {
    cameraId: camera.cameraId,
    cameraName: camera.cameraName,
    owner: camera.owner,
    ...(camera.ownerOrganisation ? { ownerOrganisation: camera.ownerOrganisation } : {}),
    ...(camera.contactEmail ? { contactEmail: camera.contactEmail } : {}),
    ...(camera.contactPhone ? { contactPhone: camera.contactPhone } : {}),
    ...(camera.footageFlowsToBox !== undefined ? { footageFlowsToBox: camera.footageFlowsToBox } : {}),
    ...(distanceMetres === undefined ? {} : { distanceMetres }),
  };
}

function help(problem: string): AdaptiveCard {
  return errorCard({
    title: 'Which footage should I ask for?',
    message: `${problem} For example: request footage from camera LAM-0105 on 03/03/2026 between 2pm and 4pm for case 5274265/26, or request footage near Brixton Station last night.`,
    retryable: false,
  });
}
