/** The recent calls the emulator answered, for tests that check timing (retries honouring retry-after). */
export interface RequestLogEntry {
  method: string;
  /** Path as requested, without the query string (which may carry an access token). */
  path: string;
  status: number;
  /** Epoch milliseconds when the request arrived. */
  startedAt: number;
  durationMs: number;
  requestId: string;
  /** True when an injected fault produced or delayed the answer. */
  fault: boolean;
}

export class RequestLog {
  private entries: RequestLogEntry[] = [];

  constructor(private readonly capacity = 2000) {}

  add(entry: RequestLogEntry): void {
    this.entries.push(entry);
    if (this.entries.length > this.capacity) this.entries.splice(0, this.entries.length - this.capacity);
  }

  list(): RequestLogEntry[] {
    return [...this.entries];
  }

  clear(): void {
    this.entries = [];
  }
}
