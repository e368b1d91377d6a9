/**
 * Steps the sharing suites share: giving an officer access the ordinary way (request, approval,
 * grant), and asking the Box emulator over plain HTTP what it holds (watermarks, events, folders),
 * so the bot is judged by Box's own answers.
 */
import type { AccessRequest } from '../../../src/footage/ports/store';
import { enterpriseToken } from '../../emulator/support';
import type { TeamsUser } from '../../support/teams-client';
import { decide, GOOD_FORM, requestByIds, type FormAnswers } from '../access/flows';
import { waitForStatus, type AccessBot } from '../access/support';

export async function grantedAccess(
  bot: AccessBot,
  officer: TeamsUser,
  approver: TeamsUser,
  fileIds: string[],
  answers: FormAnswers = GOOD_FORM,
): Promise<AccessRequest> {
  const { requestId } = await requestByIds(bot.h, officer, fileIds, answers);
  const decided = await decide(bot.h, approver, requestId, 'approve');
  expect(decided.status).toBe(200);
  return waitForStatus(bot.store, requestId, ['granted']);
}

/** Plain HTTP to the emulator as the service account. */
export class EmulatorHttp {
  private token: string | undefined;

  constructor(readonly url: string) {}

  async get(path: string, headers: Record<string, string> = {}): Promise<Response> {
    return fetch(`${this.url}${path}`, {
      headers: { authorization: `Bearer ${await this.accessToken()}`, ...headers },
      redirect: 'manual',
    });
  }

  async json<T>(path: string, headers: Record<string, string> = {}): Promise<T> {
    const response = await this.get(path, headers);
    if (!response.ok) throw new Error(`GET ${path}: ${response.status} ${await response.text()}`);
    return (await response.json()) as T;
  }

  /** The token of a person invited from outside the enterprise (the emulator's control route). */
  async externalToken(login: string): Promise<string> {
    const response = await fetch(`${this.url}/_emulator/external-users/token`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ login }),
    });
    if (response.status !== 201) throw new Error(`no external token for ${login}: ${response.status}`);
    return ((await response.json()) as { access_token: string }).access_token;
  }

  async accessToken(): Promise<string> {
    if (this.token) return this.token;
    this.token = await enterpriseToken(this.url);
    return this.token;
  }
}
