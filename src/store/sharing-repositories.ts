/** The sharing and custody repositories over one executor (the pool, or one transaction). */
import type { SharingRepositories } from '../footage/sharing/ports';
import { SqlBoxEventRepository } from './repositories/box-events';
import { SqlPartnerShareRepository } from './repositories/partner-shares';
import { SqlShareCardRepository } from './repositories/share-cards';
import { SqlShareGroupRepository } from './repositories/share-groups';
import type { Executor } from './sql/executor';
import type { Clock } from './sql/values';

export function sharingRepositories(db: Executor, clock: Clock): SharingRepositories {
  return {
    shareGroups: new SqlShareGroupRepository(db, clock),
    partnerShares: new SqlPartnerShareRepository(db, clock),
    boxEvents: new SqlBoxEventRepository(db),
    shareCards: new SqlShareCardRepository(db, clock),
  };
}
