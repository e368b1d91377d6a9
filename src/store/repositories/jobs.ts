/** The durable job queue in SQL: enqueue idempotently by key, claim with a lease, report the outcome. */
import { randomUUID } from 'node:crypto';
import { InvalidInputError } from '../../footage/errors';
import type { ClaimedJob, Job, JobQueue, JobStatus, NewJob } from '../../footage/ports/store';
import { placeholders, type Executor, type Row, type SqlValue } from '../sql/executor';
import {
  jsonParam,
  readEnum,
  readInt,
  readJson,
  readOptionalString,
  readOptionalTime,
  readString,
  readTime,
  timeParam,
  type Clock,
} from '../sql/values';

const JOB_STATUSES: readonly JobStatus[] = ['queued', 'running', 'done', 'failed'];

function toJob(row: Row): Job {
  return {
    id: readString(row.id),
    kind: readString(row.kind),
    uniqueKey: readString(row.unique_key),
    payload: readJson(row.payload),
    status: readEnum(row.status, JOB_STATUSES),
    runAt: readTime(row.run_at),
    attempts: readInt(row.attempts),
    lockedBy: readOptionalString(row.locked_by),
    leaseUntil: readOptionalTime(row.lease_until),
    lastError: readOptionalString(row.last_error),
    createdAt: readTime(row.created_at),
    updatedAt: readTime(row.updated_at),
  };
}

function assertLease(leaseMs: number): void {
  if (!Number.isFinite(leaseMs) || leaseMs <= 0) throw new InvalidInputError('leaseMs must be a positive number');
}

/**
 * A durable queue in the same database as the requests, so a job can be enqueued in the same
 * transaction as the decision that calls for it. A claim is one UPDATE of one row: on PostgreSQL the
 * row is picked with FOR UPDATE SKIP LOCKED (concurrent workers take different jobs, never the
 * same one); on SQLite the statement runs under the database write lock.
 */
export class SqlJobQueue implements JobQueue {
  constructor(
    private readonly db: Executor,
    private readonly clock: Clock,
  ) {}

  async enqueue(job: NewJob): Promise<{ created: boolean; job: Job }> {
    if (!job.uniqueKey) throw new InvalidInputError('a job needs a unique key');
    const now = this.clock();
    const inserted = await this.db.query(
      `INSERT INTO jobs (id, kind, unique_key, payload, status, run_at, attempts, created_at, updated_at)
       VALUES (?, ?, ?, ?, 'queued', ?, 0, ?, ?)
       ON CONFLICT (unique_key) DO NOTHING RETURNING *`,
      [
        randomUUID(),
        job.kind,
        job.uniqueKey,
        jsonParam(job.payload),
        timeParam(job.runAt ?? now),
        timeParam(now),
        timeParam(now),
      ],
    );
    if (inserted.length > 0) return { created: true, job: toJob(inserted[0]) };
    const existing = await this.db.query('SELECT * FROM jobs WHERE unique_key = ?', [job.uniqueKey]);
    return { created: false, job: toJob(existing[0]) };
  }

  async claim(
    workerId: string,
    leaseMs: number,
    options: { kinds?: readonly string[] } = {},
  ): Promise<ClaimedJob | undefined> {
    assertLease(leaseMs);
    const kinds = options.kinds ?? [];
    const now = this.clock();
    const token = randomUUID();
    const rows = await this.db.query(
      `UPDATE jobs SET status = 'running', locked_by = ?, claim_token = ?, lease_until = ?, attempts = attempts + 1, updated_at = ?
       WHERE id = (
         SELECT id FROM jobs
         WHERE ((status = 'queued' AND run_at <= ?) OR (status = 'running' AND lease_until <= ?))
           ${kinds.length > 0 ? `AND kind IN (${placeholders(kinds.length)})` : ''}
         ORDER BY run_at, created_at, id
         LIMIT 1${this.db.dialect.forUpdateSkipLocked}
       )
       RETURNING *`,
      [
        workerId,
        token,
        timeParam(new Date(now.getTime() + leaseMs)),
        timeParam(now),
        timeParam(now),
        timeParam(now),
        ...kinds,
      ],
    );
    return rows[0] ? { ...toJob(rows[0]), claimToken: token } : undefined;
  }

  async extendLease(jobId: string, claimToken: string, leaseMs: number): Promise<boolean> {
    assertLease(leaseMs);
    const now = this.clock();
    return this.updateOwned(jobId, claimToken, 'lease_until = ?', [timeParam(new Date(now.getTime() + leaseMs))]);
  }

  complete(jobId: string, claimToken: string): Promise<boolean> {
    return this.updateOwned(jobId, claimToken, "status = 'done', claim_token = NULL, lease_until = NULL", []);
  }

  fail(jobId: string, claimToken: string, failure: { error: string; retryAt?: Date }): Promise<boolean> {
    return failure.retryAt
      ? this.updateOwned(
          jobId,
          claimToken,
          "status = 'queued', run_at = ?, claim_token = NULL, lease_until = NULL, last_error = ?",
          [timeParam(failure.retryAt), failure.error],
        )
      : this.updateOwned(
          jobId,
          claimToken,
          "status = 'failed', claim_token = NULL, lease_until = NULL, last_error = ?",
          [failure.error],
        );
  }

  async get(jobId: string): Promise<Job | undefined> {
    const rows = await this.db.query('SELECT * FROM jobs WHERE id = ?', [jobId]);
    return rows[0] ? toJob(rows[0]) : undefined;
  }

  async pruneFinished(kind: string, finishedBefore: Date): Promise<number> {
    return this.db.run(`DELETE FROM jobs WHERE kind = ? AND status = 'done' AND updated_at < ?`, [
      kind,
      timeParam(finishedBefore),
    ]);
  }

  async list(filter: { kind?: string; status?: JobStatus } = {}): Promise<Job[]> {
    const conditions: string[] = [];
    const params: SqlValue[] = [];
    if (filter.kind !== undefined) {
      conditions.push('kind = ?');
      params.push(filter.kind);
    }
    if (filter.status !== undefined) {
      conditions.push('status = ?');
      params.push(filter.status);
    }
    const where = conditions.length > 0 ? `WHERE ${conditions.join(' AND ')}` : '';
    return (await this.db.query(`SELECT * FROM jobs ${where} ORDER BY created_at, id`, params)).map(toJob);
  }

  /**
   * Changes a job only while this claim still owns it. A worker whose lease ran out and whose job
   * another worker took has a stale token, so its late report changes nothing.
   */
  private async updateOwned(
    jobId: string,
    claimToken: string,
    assignments: string,
    params: readonly SqlValue[],
  ): Promise<boolean> {
    const changed = await this.db.run(
      `UPDATE jobs SET ${assignments}, updated_at = ? WHERE id = ? AND claim_token = ? AND status = 'running'`,
      [...params, timeParam(this.clock()), jobId, claimToken],
    );
    return changed > 0;
  }
}
