/**
 * Only the organisations the bot serves may use it. A token proves an activity came through the
 * Bot Framework, not from whom: any tenant that installs a multi-tenant app sends valid tokens. The
 * decision is made from the activity alone, before anything is looked up or stored, so a foreign
 * tenant gets no data and leaves no conversation reference behind.
 */
export interface TenantedActivity {
  channelId?: string;
  conversation?: { tenantId?: string } | null;
  channelData?: unknown;
}

export type TenantDecision = { allowed: true } | { allowed: false; reason: string; tenantIds: string[] };

export function decideTenant(activity: TenantedActivity, allowedTenantIds: ReadonlySet<string>): TenantDecision {
  const fromConversation = normalise(activity.conversation?.tenantId);
  const fromChannelData = normalise(tenantOfChannelData(activity.channelData));
  const named = [fromConversation, fromChannelData].filter((id): id is string => id !== undefined);
  if (named.length === 0) {
    // Teams always names the tenant; only another channel (the playground, the emulator) may not.
    return activity.channelId === 'msteams'
      ? { allowed: false, reason: 'no tenant named', tenantIds: [] }
      : { allowed: true };
  }
  const foreign = named.filter((id) => !allowedTenantIds.has(id));
  return foreign.length === 0
    ? { allowed: true }
    : { allowed: false, reason: 'tenant not allowed', tenantIds: [...new Set(named)] };
}

function tenantOfChannelData(channelData: unknown): string | undefined {
  if (typeof channelData !== 'object' || channelData === null) return undefined;
  const tenant = (channelData as { tenant?: unknown }).tenant;
  if (typeof tenant !== 'object' || tenant === null) return undefined;
  const id = (tenant as { id?: unknown }).id;
  return typeof id === 'string' ? id : undefined;
}

function normalise(id: string | undefined): string | undefined {
  const trimmed = id?.trim().toLowerCase();
  return trimmed ? trimmed : undefined;
}
