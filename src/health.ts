/**
 * Readiness as /healthz reports it. The bot is ready only when the database is migrated, Box
 * answers and the demo seed (when enabled) is complete; until then the report says which part is
 * still pending so an operator can see why the bot refuses traffic.
 */
import type { DirectoryStatus } from './directory/port';

export type StartupStage = 'starting' | 'migrating' | 'connecting_box' | 'seeding' | 'ready' | 'failed';

export interface HealthReport {
  ready: boolean;
  status: StartupStage;
  box: { target: string; reachable: boolean | null };
  database: { kind: string; target: string; reachable: boolean | null };
  seed: { enabled: boolean; state: 'pending' | 'running' | 'complete' | 'skipped' | 'failed'; detail?: string };
  /** Where people come from; `stale` means the last refresh failed and the last known people serve. */
  directory?: DirectoryStatus;
  error?: string;
  /** What an operator must know even when everything answers (e.g. production on the emulator). */
  warnings?: string[];
}

/** What a caller that is neither on loopback nor authenticated learns: whether to send traffic. */
export type HealthStatus = Pick<HealthReport, 'ready' | 'status' | 'warnings'>;

/** The report without where the database and Box are (paths, hosts, user names). */
export function statusOnly(report: HealthReport): HealthStatus {
  return { ready: report.ready, status: report.status, ...(report.warnings ? { warnings: report.warnings } : {}) };
}

export interface HealthProbes {
  box(): Promise<boolean>;
  database(): Promise<boolean>;
}

/** Keeps the start-up state and probes the dependencies, caching answers briefly so a busy
 * load balancer does not turn into a stream of Box calls. */
export class Health {
  private stage: StartupStage = 'starting';
  private error?: string;
  private seed: HealthReport['seed'];
  private probes?: HealthProbes;
  private cached?: { at: number; box: boolean; database: boolean };
  private directory?: () => Promise<DirectoryStatus>;
  private readonly warnings: string[] = [];

  constructor(
    private readonly targets: { box: string; database: { kind: string; target: string } },
    seedEnabled: boolean,
    private readonly cacheMs = 5_000,
  ) {
    this.seed = { enabled: seedEnabled, state: seedEnabled ? 'pending' : 'skipped' };
  }

  get isReady(): boolean {
    return this.stage === 'ready';
  }

  setStage(stage: StartupStage): void {
    this.stage = stage;
  }

  setProbes(probes: HealthProbes): void {
    this.probes = probes;
  }

  /** A stale directory is reported, not made unready: the last known people still serve. */
  setDirectory(status: () => Promise<DirectoryStatus>): void {
    this.directory = status;
  }

  get seedState(): HealthReport['seed']['state'] {
    return this.seed.state;
  }

  setSeed(state: HealthReport['seed']['state'], detail?: string): void {
    this.seed = { ...this.seed, state, ...(detail ? { detail } : {}) };
  }

  warn(message: string): void {
    this.warnings.push(message);
  }

  fail(message: string): void {
    this.stage = 'failed';
    this.error = message;
  }

  async report(): Promise<HealthReport> {
    const reachability = await this.reachability();
    const ready = this.stage === 'ready' && reachability.box === true && reachability.database === true;
    return {
      ready,
      status: this.stage,
      box: { target: this.targets.box, reachable: reachability.box },
      database: { ...this.targets.database, reachable: reachability.database },
      seed: this.seed,
      ...(this.directory
        ? { directory: await this.directory().catch((): DirectoryStatus | undefined => undefined) }
        : {}),
      ...(this.error ? { error: this.error } : {}),
      ...(this.warnings.length > 0 ? { warnings: [...this.warnings] } : {}),
    };
  }

  private async reachability(): Promise<{ box: boolean | null; database: boolean | null }> {
    if (!this.probes) return { box: null, database: null };
    const now = Date.now();
    if (this.cached && now - this.cached.at < this.cacheMs) return this.cached;
    const [box, database] = await Promise.all([safely(this.probes.box), safely(this.probes.database)]);
    this.cached = { at: now, box, database };
    return this.cached;
  }
}

async function safely(probe: () => Promise<boolean>): Promise<boolean> {
  try {
    return await probe();
  } catch {
    return false;
  }
}
