/** The footage-request repositories over one executor (the pool, or one transaction). */
import type { IntakeRepositories } from '../../footage/ports/intake-store';
import type { Executor } from '../sql/executor';
import type { Clock } from '../sql/values';
import { SqlFootageRequestRepository } from './footage-requests';
import { SqlIntakeFileRepository } from './intake-files';
import { SqlWebhookDeliveryRepository } from './webhook-deliveries';

export function sqlIntakeRepositories(db: Executor, clock: Clock): IntakeRepositories {
  return {
    footageRequests: new SqlFootageRequestRepository(db, clock),
    webhookDeliveries: new SqlWebhookDeliveryRepository(db, clock),
    intakeFiles: new SqlIntakeFileRepository(db, clock),
  };
}
