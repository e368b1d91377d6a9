/** Repositories over one executor: the pool/connection itself, or one transaction. */
import type { MigrationResult, Store, StoreRepositories } from '../footage/ports/store';
import type { SharingRepositories, SharingStoreExtension } from '../footage/sharing/ports';
import { runMigrations } from './migrations/runner';
import { MIGRATIONS } from './migrations/schema';
import { SqlAuditLog } from './repositories/audit';
import { SqlChatUploadRepository } from './repositories/chat-uploads';
import { SqlConversationRepository } from './repositories/conversations';
import { sqlIntakeRepositories } from './repositories/intake';
import { SqlJobQueue } from './repositories/jobs';
import { SqlPeopleRepository } from './repositories/people';
import { SqlAccessRequestRepository } from './repositories/requests';
import { SqlSettingsRepository } from './repositories/settings';
import { sharingRepositories } from './sharing-repositories';
import type { Driver, Executor } from './sql/executor';
import type { Clock } from './sql/values';

function repositories(db: Executor, clock: Clock): StoreRepositories {
  return {
    people: new SqlPeopleRepository(db, clock),
    conversations: new SqlConversationRepository(db, clock),
    settings: new SqlSettingsRepository(db, clock),
    requests: new SqlAccessRequestRepository(db, clock),
    jobs: new SqlJobQueue(db, clock),
    audit: new SqlAuditLog(db, clock),
    intake: sqlIntakeRepositories(db, clock),
    chatUploads: new SqlChatUploadRepository(db, clock),
  };
}

/** The Store over either driver: the repositories are the same code for both databases. */
export class SqlStore implements Store, SharingStoreExtension {
  readonly people: StoreRepositories['people'];
  readonly conversations: StoreRepositories['conversations'];
  readonly settings: StoreRepositories['settings'];
  readonly requests: StoreRepositories['requests'];
  readonly jobs: StoreRepositories['jobs'];
  readonly audit: StoreRepositories['audit'];
  readonly intake: StoreRepositories['intake'];
  readonly sharing: SharingRepositories;
  readonly chatUploads: StoreRepositories['chatUploads'];

  constructor(
    private readonly driver: Driver,
    private readonly clock: Clock,
  ) {
    const own = repositories(driver, clock);
    this.people = own.people;
    this.conversations = own.conversations;
    this.settings = own.settings;
    this.requests = own.requests;
    this.jobs = own.jobs;
    this.audit = own.audit;
    this.intake = own.intake;
    this.sharing = sharingRepositories(driver, clock);
    this.chatUploads = own.chatUploads;
  }

  get kind(): 'sqlite' | 'postgres' {
    return this.driver.dialect.name;
  }

  describe(): string {
    return this.driver.describe();
  }

  ping(): Promise<boolean> {
    return this.driver.ping();
  }

  migrate(): Promise<MigrationResult> {
    return runMigrations(this.driver, MIGRATIONS, this.clock);
  }

  transaction<T>(fn: (tx: StoreRepositories) => Promise<T>): Promise<T> {
    return this.driver.transaction((tx) => fn(repositories(tx, this.clock)));
  }

  sharingTransaction<T>(fn: (tx: StoreRepositories & SharingRepositories) => Promise<T>): Promise<T> {
    return this.driver.transaction((tx) =>
      fn({ ...repositories(tx, this.clock), ...sharingRepositories(tx, this.clock) }),
    );
  }

  close(): Promise<void> {
    return this.driver.close();
  }
}
