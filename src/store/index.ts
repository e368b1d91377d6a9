export { openStore, SQLITE_FILE_NAME, type OpenStoreOptions } from './open-store';
export { describePostgresUrl } from './sql/postgres-driver';
export type { Clock } from './sql/values';
export type { Store, StoreRepositories } from '../footage/ports/store';
