/**
 * Bot Framework authentication from configuration. With an app id, botbuilder validates every
 * inbound JWT (issuer, audience = BOT_ID, signing keys from the OpenID metadata) and answers 401;
 * without one it runs anonymously, which the config refuses in production.
 */
import { CallerIdConstants, ConfigurationServiceClientCredentialFactory } from 'botbuilder';
import { AuthenticationConstants, AuthenticationError, type BotFrameworkAuthentication } from 'botframework-connector';
import { TeamsAdapter } from '@microsoft/teams-ai';
import type { BotAuth } from '../config';

export function createAdapter(auth: BotAuth): TeamsAdapter {
  if (auth.mode === 'anonymous') {
    return new TeamsAdapter({}, new ConfigurationServiceClientCredentialFactory({}));
  }
  const settings: Record<string, string> = {
    MicrosoftAppId: auth.appId,
    MicrosoftAppType: auth.appType,
    ...(auth.password ? { MicrosoftAppPassword: auth.password } : {}),
    ...(auth.tenantId ? { MicrosoftAppTenantId: auth.tenantId } : {}),
    ...(auth.openIdMetadataUrl || auth.tokenIssuer ? publicCloudWith(auth.openIdMetadataUrl, auth.tokenIssuer) : {}),
  };
  return rejectBadTokensWith401(new TeamsAdapter(settings, new ConfigurationServiceClientCredentialFactory(settings)));
}

/**
 * botbuilder rethrows jsonwebtoken's own errors (a bad signature, a malformed token) as they are,
 * and CloudAdapter answers those with 500. A token that fails validation is the caller's fault:
 * every failure while authenticating becomes an AuthenticationError, which CloudAdapter maps to 401.
 */
function rejectBadTokensWith401(adapter: TeamsAdapter): TeamsAdapter {
  const auth = (adapter as unknown as { botFrameworkAuthentication: BotFrameworkAuthentication }).botFrameworkAuthentication;
  const authenticate = auth.authenticateRequest.bind(auth);
  auth.authenticateRequest = async (activity, authHeader) => {
    try {
      return await authenticate(activity, authHeader);
    } catch (error) {
      if (error instanceof AuthenticationError) throw error;
      throw new AuthenticationError(`Unauthorized: ${error instanceof Error ? error.message : 'invalid token'}`, 401);
    }
  };
  return adapter;
}

/**
 * botbuilder switches to "parameterized" authentication as soon as one endpoint is overridden and
 * then leaves every other endpoint empty, so an override must restate the public-cloud values.
 */
function publicCloudWith(openIdMetadataUrl: string | undefined, tokenIssuer: string | undefined): Record<string, string> {
  return {
    ToChannelFromBotLoginUrl: AuthenticationConstants.ToChannelFromBotLoginUrl,
    ToChannelFromBotOAuthScope: AuthenticationConstants.ToChannelFromBotOAuthScope,
    ToBotFromChannelTokenIssuer: tokenIssuer ?? AuthenticationConstants.ToBotFromChannelTokenIssuer,
    OAuthUrl: AuthenticationConstants.OAuthUrl,
    ToBotFromChannelOpenIdMetadataUrl: openIdMetadataUrl ?? AuthenticationConstants.ToBotFromChannelOpenIdMetadataUrl,
    ToBotFromEmulatorOpenIdMetadataUrl: AuthenticationConstants.ToBotFromEmulatorOpenIdMetadataUrl,
    CallerId: CallerIdConstants.PublicAzureChannel,
  };
}
