import { ConfigurationServiceClientCredentialFactory } from 'botbuilder';
import { TeamsAdapter } from '@microsoft/teams-ai';
import type { BotAuth } from '../config';

/**
 * Bot Framework authentication from configuration. With an app id, botbuilder validates every
 * inbound JWT (issuer, audience = BOT_ID, signing keys from the OpenID metadata) and answers 401;
 * without one it runs anonymously, which the config refuses in production.
 */
export function createAdapter(auth: BotAuth): TeamsAdapter {
  if (auth.mode === 'anonymous') {
    return new TeamsAdapter({}, new ConfigurationServiceClientCredentialFactory({}));
  }
  const settings: Record<string, string> = {
    MicrosoftAppId: auth.appId,
    MicrosoftAppType: auth.appType,
    ...(auth.password ? { MicrosoftAppPassword: auth.password } : {}),
    ...(auth.tenantId ? { MicrosoftAppTenantId: auth.tenantId } : {}),
    ...(auth.openIdMetadataUrl ? { ToBotFromChannelOpenIdMetadataUrl: auth.openIdMetadataUrl } : {}),
    ...(auth.tokenIssuer ? { ToBotFromChannelTokenIssuer: auth.tokenIssuer } : {}),
  };
  return new TeamsAdapter(settings, new ConfigurationServiceClientCredentialFactory(settings));
}
