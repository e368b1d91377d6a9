/**
 * Counts work in flight so that close() can wait for it, and refuses new work once closing: a
 * SIGTERM must not cut a transaction in half, nor let a late turn start one on a closed pool.
 */
import { AsyncLocalStorage } from 'node:async_hooks';

export class Gate {
  private active = 0;
  private closing = false;
  private waiters: Array<() => void> = [];

  constructor(private readonly name: string) {}

  async run<T>(fn: () => Promise<T>): Promise<T> {
    if (this.closing) throw new Error(`${this.name} is closed`);
    this.active += 1;
    try {
      return await fn();
    } finally {
      this.active -= 1;
      if (this.active === 0) this.waiters.splice(0).forEach((wake) => wake());
    }
  }

  /** Resolves once everything already running has finished. */
  async close(): Promise<void> {
    this.closing = true;
    if (this.active === 0) return;
    await new Promise<void>((resolve) => this.waiters.push(resolve));
  }
}

/**
 * A FIFO lock for async code. The embedded database has one connection, so a transaction that
 * awaits between statements must keep every other caller's statements out of it until it ends.
 */
export class Mutex {
  private tail: Promise<void> = Promise.resolve();

  async run<T>(fn: () => Promise<T>): Promise<T> {
    const previous = this.tail;
    let release!: () => void;
    this.tail = new Promise<void>((resolve) => {
      release = resolve;
    });
    await previous;
    try {
      return await fn();
    } finally {
      release();
    }
  }
}

/**
 * Knows whether the current async context is inside one of this driver's transactions. Using the
 * store itself there (instead of the repositories the transaction passes in) is always a bug: it
 * would not see the transaction's own writes, and on the single SQLite connection it would wait
 * forever for the transaction that is waiting for it. Refusing it turns a hang into an error.
 */
export class TransactionScope {
  private readonly context = new AsyncLocalStorage<{ open: boolean }>();

  async run<T>(fn: () => Promise<T>): Promise<T> {
    const marker = { open: true };
    return this.context.run(marker, async () => {
      try {
        return await fn();
      } finally {
        // Work the callback left running after it returned is no longer inside the transaction.
        marker.open = false;
      }
    });
  }

  assertOutside(): void {
    if (this.context.getStore()?.open) {
      throw new Error('inside store.transaction(), use the repositories passed to the callback, not the store');
    }
  }
}
