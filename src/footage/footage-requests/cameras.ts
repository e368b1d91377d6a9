/**
 * Which registered cameras a footage request could go to, for what an officer searched: the
 * cameras named, or those within the searched radius of a place, nearest first. Cameras whose
 * footage reaches Box by itself are not asked.
 */
import { haversineMetres } from '../geo';
import type { FootageQuery } from '../query';
import type { Gazetteer, GazetteerCamera } from '../query/gazetteer';

export const MAX_NEARBY_CAMERAS = 15;

export interface CandidateCamera {
  camera: GazetteerCamera;
  /** From the searched place; absent for cameras named by id. */
  distanceMetres?: number;
}

export function camerasFor(query: FootageQuery, gazetteer: Gazetteer): CandidateCamera[] {
  if (query.cameraIds && query.cameraIds.length > 0) {
    return query.cameraIds
      .map((id) => gazetteer.camera(id))
      .filter((c): c is GazetteerCamera => c !== undefined)
      .map((camera) => ({ camera }));
  }
  const place = query.place;
  if (!place) return [];
  return gazetteer.cameras
    .map((camera) => ({ camera, distanceMetres: haversineMetres(place, camera) }))
    .filter((c) => c.distanceMetres <= place.radiusMetres)
    .sort((a, b) => a.distanceMetres - b.distanceMetres)
    .slice(0, MAX_NEARBY_CAMERAS);
}

/** The cameras whose owners can be asked (footage not already flowing into Box). */
export function camerasToAsk(query: FootageQuery, gazetteer: Gazetteer): GazetteerCamera[] {
  return camerasFor(query, gazetteer)
    .map((c) => c.camera)
    .filter((camera) => !camera.footageFlowsToBox);
}
