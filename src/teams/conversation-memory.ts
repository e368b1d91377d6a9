/**
 * Keeps each person's conversation address in the store without writing it on every turn. The
 * address barely changes between one person's turns (only the id of the message it was captured
 * from, which the bot drops before it writes proactively), yet an upsert is a durable commit: on the
 * embedded database a synchronous fsync that holds the event loop for milliseconds, per turn.
 *
 * So an address is written when it differs from the last one this instance wrote for the person and
 * scope, and otherwise at most once per refresh interval (so `updated_at` stays roughly "last seen",
 * and what another instance wrote meanwhile is overwritten soon enough). A turn still continues
 * only once its address is in the store: a turn that finds an equal write under way waits for it,
 * and a write that fails is forgotten, so the next turn tries again.
 */
import type { ConversationAddress, ConversationScope } from '../footage/ports/store';

export type SaveAddress = (
  aadObjectId: string,
  scope: ConversationScope,
  address: ConversationAddress,
) => Promise<void>;

export interface ConversationMemoryOptions {
  /** An unchanged address is written again after this long (default 10 minutes). */
  refreshMs?: number;
  /** People remembered at most; the longest unwritten are forgotten first (default 50,000). */
  maxPeople?: number;
  now?: () => number;
}

interface Written {
  sameness: string;
  at: number;
  done: Promise<void>;
}

export class ConversationMemory {
  private readonly written = new Map<string, Written>();
  private readonly refreshMs: number;
  private readonly maxPeople: number;
  private readonly now: () => number;

  constructor(
    private readonly save: SaveAddress,
    options: ConversationMemoryOptions = {},
  ) {
    this.refreshMs = options.refreshMs ?? 10 * 60_000;
    this.maxPeople = options.maxPeople ?? 50_000;
    this.now = options.now ?? Date.now;
  }

  /** Resolves once an address equal to this one is in the store. */
  remember(aadObjectId: string, scope: ConversationScope, address: ConversationAddress): Promise<void> {
    const slot = `${scope}:${aadObjectId}`;
    const sameness = samenessOf(address);
    const at = this.now();
    const last = this.written.get(slot);
    if (last && last.sameness === sameness && at - last.at < this.refreshMs) return last.done;
    const done = this.save(aadObjectId, scope, address).catch((error: unknown) => {
      if (this.written.get(slot)?.done === done) this.written.delete(slot);
      throw error;
    });
    // Re-inserted, so the map's order is the order of writing and the oldest is evicted first.
    this.written.delete(slot);
    this.written.set(slot, { sameness, at, done });
    if (this.written.size > this.maxPeople) this.written.delete(this.written.keys().next().value!);
    return done;
  }
}

/** The address as far as reaching the person goes: everything but the message it was captured from. */
function samenessOf(address: ConversationAddress): string {
  const { activityId: _ignored, ...rest } = address.data as Record<string, unknown>;
  return JSON.stringify([address.conversationId, rest]);
}
