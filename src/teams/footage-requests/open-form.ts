/**
 * "Ask the owners" on the nearby-cameras card, the no-match card or a results card: the form for the
 * cameras picked. The button's camera ids are checked again here against the registry, and cameras
 * whose footage reaches Box by itself are left out, whatever the card offered.
 */
import { errorCard, type AdaptiveCard } from '../../cards';
import type { GazetteerCamera } from '../../footage/query';
import type { FootageRequestRouteDeps } from './deps';
import { formFor } from './request-footage';

export function openForm(
  deps: FootageRequestRouteDeps,
  action: { cameraIds: string[]; start: Date | null; end: Date | null; caseReference: string },
): AdaptiveCard {
  const known = action.cameraIds
    .map((id) => deps.gazetteer.camera(id))
    .filter((c): c is GazetteerCamera => c !== undefined);
  const cameras = known.filter((c) => !c.footageFlowsToBox);
  if (known.length > 0 && cameras.length === 0)
    return errorCard({
      title: 'No owner to ask',
      message: `Footage of ${known.map((c) => c.cameraId).join(', ')} reaches Box by itself: search for it with find instead of asking the owner.`,
      retryable: false,
    });
  const window =
    action.start && action.end && action.start < action.end ? { start: action.start, end: action.end } : undefined;
  return formFor(deps, cameras, {
    ...(window ? { window } : {}),
    ...(action.caseReference ? { caseReference: action.caseReference } : {}),
  });
}
