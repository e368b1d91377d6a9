/**
 * Asks the Box emulator directly over HTTP (not through the bot's gateway) what a user can see and
 * which collaborations and links exist, so the tests judge the bot by Box's own answers.
 */
import { enterpriseToken } from '../../emulator/support';

export interface Collaboration {
  id: string;
  role: string;
  expires_at: string | null;
  accessible_by: { id: string; login: string };
}

export class BoxProbe {
  private token: string | undefined;

  constructor(readonly url: string) {}

  async userId(login: string): Promise<string> {
    const body = (await this.json(`/2.0/users?filter_term=${encodeURIComponent(login)}`)) as {
      entries: Array<{ id: string; login: string }>;
    };
    const user = body.entries.find((u) => u.login.toLowerCase() === login.toLowerCase());
    if (!user) throw new Error(`no Box user ${login}`);
    return user.id;
  }

  /** The HTTP status Box answers `GET /files/:id` with, asked as the user (As-User). */
  async fileStatusAs(fileId: string, userId: string): Promise<number> {
    const response = await this.get(`/2.0/files/${fileId}?fields=id,name`, { 'as-user': userId });
    await response.text();
    return response.status;
  }

  /** The status of downloading the content as the user (403 for a previewer). */
  async downloadStatusAs(fileId: string, userId: string): Promise<number> {
    const response = await this.get(`/2.0/files/${fileId}/content`, { 'as-user': userId }, 'manual');
    await response.arrayBuffer();
    return response.status;
  }

  async collaborations(fileId: string): Promise<Collaboration[]> {
    const body = (await this.json(`/2.0/files/${fileId}/collaborations?fields=role,expires_at,accessible_by`)) as {
      entries: Collaboration[];
    };
    return body.entries;
  }

  async sharedLink(fileId: string): Promise<{
    url: string;
    access: string;
    unshared_at: string | null;
    permissions?: { can_download?: boolean };
  } | null> {
    const body = (await this.json(`/2.0/files/${fileId}?fields=shared_link`)) as {
      shared_link: { url: string; access: string; unshared_at: string | null } | null;
    };
    return body.shared_link;
  }

  async fault(rule: {
    status?: number;
    count?: number;
    retryAfter?: number;
    latencyMs?: number;
    match?: string;
  }): Promise<void> {
    const response = await fetch(`${this.url}/_emulator/faults`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(rule),
    });
    if (response.status !== 201) throw new Error(`fault not accepted: ${response.status} ${await response.text()}`);
  }

  /** What the emulator answered lately (path without query), injected faults marked. */
  async requestLog(): Promise<Array<{ method: string; path: string; status: number; fault: boolean }>> {
    const response = await fetch(`${this.url}/_emulator/requests`);
    return (
      (await response.json()) as { entries: Array<{ method: string; path: string; status: number; fault: boolean }> }
    ).entries;
  }

  async clearFaults(): Promise<void> {
    await fetch(`${this.url}/_emulator/faults`, { method: 'DELETE' });
  }

  /** GET as the service account; throws on a non-2xx answer. */
  async json(path: string): Promise<unknown> {
    const response = await this.get(path);
    if (!response.ok) throw new Error(`GET ${path}: ${response.status} ${await response.text()}`);
    return response.json();
  }

  private async get(
    path: string,
    headers: Record<string, string> = {},
    redirect: 'follow' | 'manual' = 'follow',
  ): Promise<Response> {
    return fetch(`${this.url}${path}`, {
      headers: { authorization: `Bearer ${await this.accessToken()}`, ...headers },
      redirect,
    });
  }

  private async accessToken(): Promise<string> {
    if (this.token) return this.token;
    this.token = await enterpriseToken(this.url);
    return this.token;
  }
}
