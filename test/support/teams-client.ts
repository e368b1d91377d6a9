import { randomUUID } from 'node:crypto';

/**
 * Posts activities to the bot's /api/messages shaped as Microsoft Teams sends them: channelId
 * msteams, `from` with aadObjectId, `conversation` with conversationType and tenantId, locale en-GB,
 * clientInfo entity, tenant in channelData, and serviceUrl pointing at the test's LocalConnector.
 */
export interface TeamsUser {
  name: string;
  aadObjectId: string;
  teamsId: string;
}

export type Scope =
  | { type: 'personal' }
  | { type: 'channel'; teamId?: string; channelId?: string }
  | { type: 'groupChat'; chatId?: string };

export interface BotResponse {
  status: number;
  body: unknown;
  text: string;
}

export const BOT = { id: '28:cctv-footage-bot', name: 'CCTV Footage' };
export const DEFAULT_TENANT = '9b3c7d1e-2222-4b2b-8b02-000000000001';

export class TeamsClient {
  private sequence = Date.parse('2026-03-20T10:00:00Z');

  constructor(
    private readonly botUrl: string,
    private readonly serviceUrl: string,
    private readonly options: { tenantId?: string; authorization?: () => Promise<string> | string } = {},
  ) {}

  get tenantId(): string {
    return this.options.tenantId ?? DEFAULT_TENANT;
  }

  /** A message typed by `user` in the given scope (channel messages carry the @mention, as in Teams). */
  async say(user: TeamsUser, text: string, scope: Scope = { type: 'personal' }): Promise<BotResponse> {
    const isChannelLike = scope.type !== 'personal';
    const mention = `<at>${BOT.name}</at>`;
    return this.post({
      ...this.base(user, scope),
      type: 'message',
      text: isChannelLike ? `${mention} ${text}` : text,
      textFormat: 'plain',
      attachments: [],
      entities: [
        ...(isChannelLike ? [{ type: 'mention', text: mention, mentioned: { id: BOT.id, name: BOT.name } }] : []),
        this.clientInfo(),
      ],
    });
  }

  /**
   * A message with files, as Teams delivers it to a bot with supportsFiles in the personal chat:
   * one `application/vnd.microsoft.teams.file.download.info` attachment per file, with the
   * pre-authorised downloadUrl, Teams' uniqueId and fileType, and the name on the attachment.
   */
  async attach(
    user: TeamsUser,
    files: Array<{ name: string; downloadUrl: string; uniqueId?: string; fileType?: string }>,
    options: { text?: string; scope?: Scope; id?: string } = {},
  ): Promise<BotResponse> {
    const scope = options.scope ?? { type: 'personal' };
    const base = this.base(user, scope);
    return this.post({
      ...base,
      ...(options.id ? { id: options.id } : {}),
      type: 'message',
      text: options.text ?? '',
      textFormat: 'plain',
      attachments: files.map((file) => ({
        contentType: 'application/vnd.microsoft.teams.file.download.info',
        contentUrl: `https://contoso.sharepoint.com/personal/${user.aadObjectId}/Documents/Microsoft Teams Chat Files/${encodeURIComponent(file.name)}`,
        name: file.name,
        content: {
          downloadUrl: file.downloadUrl,
          uniqueId: file.uniqueId ?? randomUUID(),
          fileType: file.fileType ?? /\.([A-Za-z0-9]+)$/.exec(file.name)?.[1]?.toLowerCase() ?? '',
        },
      })),
      entities: [this.clientInfo()],
    });
  }

  /** What Teams sends when a user installs the app in personal scope (two activities, as Teams does). */
  async install(user: TeamsUser, scope: Scope = { type: 'personal' }): Promise<BotResponse[]> {
    const base = this.base(user, scope);
    const installation = await this.post({ ...base, type: 'installationUpdate', action: 'add' });
    const update = await this.post({
      ...base,
      type: 'conversationUpdate',
      membersAdded: [{ id: BOT.id }],
      channelData: {
        ...(base.channelData as object),
        eventType: scope.type === 'channel' ? 'teamMemberAdded' : undefined,
      },
    });
    return [installation, update];
  }

  /** A Universal Action (Action.Execute) from an Adaptive Card: invoke `adaptiveCard/action`. */
  async execute(
    user: TeamsUser,
    verb: string,
    data: Record<string, unknown>,
    options: { replyToId?: string; scope?: Scope; trigger?: 'manual' | 'automatic' } = {},
  ): Promise<BotResponse> {
    return this.post({
      ...this.base(user, options.scope ?? { type: 'personal' }),
      type: 'invoke',
      name: 'adaptiveCard/action',
      replyToId: options.replyToId,
      value: { action: { type: 'Action.Execute', id: randomUUID(), verb, data }, trigger: options.trigger ?? 'manual' },
    });
  }

  /** A search-based message extension query from the compose box. */
  async query(
    user: TeamsUser,
    commandId: string,
    parameters: Record<string, string>,
    queryOptions = { skip: 0, count: 25 },
    scope: Scope = { type: 'personal' },
  ): Promise<BotResponse> {
    return this.post({
      ...this.base(user, scope),
      type: 'invoke',
      name: 'composeExtension/query',
      value: {
        commandId,
        parameters: Object.entries(parameters).map(([name, value]) => ({ name, value })),
        queryOptions,
      },
    });
  }

  /** Sends any activity as-is (for malformed or unusual activities). */
  async post(activity: Record<string, unknown>, headers: Record<string, string> = {}): Promise<BotResponse> {
    return this.postRaw(JSON.stringify(activity), headers);
  }

  async postRaw(body: string, headers: Record<string, string> = {}): Promise<BotResponse> {
    const authorization = this.options.authorization ? await this.options.authorization() : undefined;
    const response = await fetch(`${this.botUrl}/api/messages`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...(authorization ? { authorization } : {}), ...headers },
      body,
    });
    const text = await response.text();
    let parsed: unknown = text;
    try {
      parsed = text ? JSON.parse(text) : undefined;
    } catch {
      // Not JSON: keep the text.
    }
    return { status: response.status, body: parsed, text };
  }

  private base(user: TeamsUser, scope: Scope): Record<string, unknown> {
    const id = String(++this.sequence);
    const now = new Date().toISOString();
    return {
      id,
      timestamp: now,
      localTimestamp: now,
      localTimezone: 'Europe/London',
      serviceUrl: this.serviceUrl,
      channelId: 'msteams',
      from: { id: user.teamsId, name: user.name, aadObjectId: user.aadObjectId },
      recipient: BOT,
      conversation: this.conversation(user, scope),
      locale: 'en-GB',
      channelData: this.channelData(scope),
    };
  }

  private conversation(user: TeamsUser, scope: Scope): Record<string, unknown> {
    switch (scope.type) {
      case 'personal':
        return { conversationType: 'personal', tenantId: this.tenantId, id: `a:personal-${user.aadObjectId}` };
      case 'channel':
        return {
          isGroup: true,
          conversationType: 'channel',
          tenantId: this.tenantId,
          id: `${scope.channelId ?? '19:general@thread.tacv2'};messageid=${this.sequence}`,
        };
      case 'groupChat':
        return {
          isGroup: true,
          conversationType: 'groupChat',
          tenantId: this.tenantId,
          id: scope.chatId ?? '19:group-chat@thread.v2',
        };
    }
  }

  private channelData(scope: Scope): Record<string, unknown> {
    const tenant = { id: this.tenantId };
    if (scope.type !== 'channel') return { tenant };
    const channelId = scope.channelId ?? '19:general@thread.tacv2';
    const teamId = scope.teamId ?? '19:team@thread.tacv2';
    return { tenant, teamsChannelId: channelId, teamsTeamId: teamId, channel: { id: channelId }, team: { id: teamId } };
  }

  private clientInfo(): Record<string, unknown> {
    return { type: 'clientInfo', locale: 'en-GB', country: 'GB', platform: 'Web', timezone: 'Europe/London' };
  }
}
