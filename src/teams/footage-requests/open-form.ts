/** "Ask the owners" on the nearby-cameras card (or a camera's button): the form for the cameras picked. */
import type { AdaptiveCard } from '../../cards';
import type { GazetteerCamera } from '../../footage/query';
import type { FootageRequestRouteDeps } from './deps';
import { formFor } from './request-footage';

export function openForm(
  deps: FootageRequestRouteDeps,
  action: { cameraIds: string[]; start: Date | null; end: Date | null; caseReference: string },
): AdaptiveCard {
  const cameras = action.cameraIds
    .map((id) => deps.gazetteer.camera(id))
    .filter((c): c is GazetteerCamera => c !== undefined);
  const window =
    action.start && action.end && action.start < action.end ? { start: action.start, end: action.end } : undefined;
  return formFor(deps, cameras, {
    ...(window ? { window } : {}),
    ...(action.caseReference ? { caseReference: action.caseReference } : {}),
  });
}
