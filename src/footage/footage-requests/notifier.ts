/**
 * What the footage-request flow tells people, said as events; the Teams adapter decides how. None
 * throws for someone who cannot be reached: a notification never undoes what was recorded.
 */
import type { Person } from '../people';
import type { FootageRequest, IntakeFile } from './types';

export interface FootageRequestNotifier {
  /** The arrival card to the officer who asked; false when they could not be reached. */
  filesArrived(request: FootageRequest, files: IntakeFile[]): Promise<boolean>;
  /** A short notice to the borough's supervisors. */
  supervisorsNoticed(request: FootageRequest, files: IntakeFile[], supervisors: Person[]): Promise<void>;
  /** A file that could not be processed after the retries: it stays in the intake folder. */
  arrivalFailed(request: FootageRequest, file: IntakeFile, reason: string): Promise<void>;
  /** Every owner has sent their footage and every link is closed: the request card, complete. */
  requestCompleted(request: FootageRequest): Promise<void>;
}
