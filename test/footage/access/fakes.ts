import type { AccessNotifier } from '../../../src/footage/access';
import { NotFoundError, UpstreamUnavailableError } from '../../../src/footage/errors';
import type { Person } from '../../../src/footage/people';
import type {
  BoxPort,
  BoxUser,
  Grant,
  GrantRequest,
  SharedLink,
  SharedLinkSettings,
} from '../../../src/footage/ports/box';
import type { AccessRequest, ConversationAddress } from '../../../src/footage/ports/store';

/**
 * In-memory stand-ins for the two ports the grant job talks through (Box, and whoever tells
 * people), so the job's own logic can be exercised step by step. End-to-end tests use the real
 * gateway against the emulator.
 */
export type GrantBox = Pick<
  BoxPort,
  'findUserByLogin' | 'grantAccess' | 'setSharedLink' | 'removeCollaboration' | 'removeSharedLink'
>;

export class FakeBox implements GrantBox {
  readonly users = new Map<string, BoxUser>();
  /** key: `${fileId}:${userId}` */
  readonly collaborations = new Map<
    string,
    { id: string; fileId: string; userId: string; role: string; expiresAt: Date }
  >();
  readonly links = new Map<string, SharedLinkSettings>();
  readonly calls: string[] = [];
  /** Calls to fail, by method: the call number counted from when it was set (1 = the next call). */
  private readonly failures = new Map<string, Map<number, Error>>();
  private readonly counts = new Map<string, number>();
  private nextId = 1;

  addUser(login: string): BoxUser {
    const user = { id: `u${this.nextId++}`, name: login, login };
    this.users.set(login.toLowerCase(), user);
    return user;
  }

  /** Makes the `nth` call of `method` from now on fail with `error`. */
  failCall(method: keyof GrantBox, nth: number, error: Error): void {
    const planned = this.failures.get(method) ?? new Map<number, Error>();
    planned.set((this.counts.get(method) ?? 0) + nth, error);
    this.failures.set(method, planned);
  }

  async findUserByLogin(login: string): Promise<BoxUser | null> {
    this.enter('findUserByLogin');
    return this.users.get(login.toLowerCase()) ?? null;
  }

  async grantAccess(request: GrantRequest): Promise<Grant> {
    this.enter('grantAccess');
    const userId = 'userId' in request ? request.userId : this.users.get(request.login.toLowerCase())?.id;
    if (!userId) throw new NotFoundError('no such user');
    const key = `${request.fileId}:${userId}`;
    const existing = this.collaborations.get(key);
    const id = existing?.id ?? `c${this.nextId++}`;
    this.collaborations.set(key, {
      id,
      fileId: request.fileId,
      userId,
      role: request.role,
      expiresAt: request.expiresAt,
    });
    return { collaborationId: id, userId };
  }

  async setSharedLink(fileId: string, settings: SharedLinkSettings): Promise<SharedLink> {
    this.enter('setSharedLink');
    this.links.set(fileId, settings);
    return {
      url: `https://box.example/s/${fileId}`,
      downloadUrl: null,
      access: settings.access,
      unsharedAt: settings.unsharedAt.toISOString(),
      canDownload: settings.canDownload,
    };
  }

  async removeCollaboration(collaborationId: string): Promise<boolean> {
    this.enter('removeCollaboration');
    for (const [key, c] of this.collaborations) {
      if (c.id === collaborationId) {
        this.collaborations.delete(key);
        return true;
      }
    }
    return false;
  }

  async removeSharedLink(fileId: string): Promise<void> {
    this.enter('removeSharedLink');
    this.links.delete(fileId);
  }

  private enter(method: keyof GrantBox): void {
    this.calls.push(method);
    const count = (this.counts.get(method) ?? 0) + 1;
    this.counts.set(method, count);
    const error = this.failures.get(method)?.get(count);
    if (error) throw error;
  }
}

export const boxDown = (): Error => new UpstreamUnavailableError('Box is unavailable (503)', 503);

export class RecordingNotifier implements AccessNotifier {
  readonly events: string[] = [];
  reachable = true;

  async askApprover(_request: AccessRequest, approver: Person): Promise<boolean> {
    this.events.push(`ask:${approver.name}`);
    return this.reachable;
  }
  async askChannel(_request: AccessRequest, channel: ConversationAddress): Promise<boolean> {
    this.events.push(`channel:${channel.conversationId}`);
    return this.reachable;
  }
  async requestChanged(requestId: string): Promise<void> {
    this.events.push(`changed:${requestId}`);
  }
  async accessGranted(request: AccessRequest): Promise<boolean> {
    this.events.push(`granted:${request.id}`);
    return this.reachable;
  }
  async grantFailed(request: AccessRequest, reason: string): Promise<void> {
    this.events.push(`failed:${request.id}:${reason}`);
  }
  async requestRejected(request: AccessRequest): Promise<void> {
    this.events.push(`rejected:${request.id}`);
  }
  async requestUnroutable(request: AccessRequest): Promise<void> {
    this.events.push(`unroutable:${request.id}`);
  }
  async accessEnded(request: AccessRequest, how: 'expired' | 'revoked'): Promise<void> {
    this.events.push(`${how}:${request.id}`);
  }
}
