/**
 * Bot Framework authentication from configuration. With an app id, botbuilder validates every
 * inbound JWT (issuer, audience = BOT_ID, signing keys from the OpenID metadata) and answers 401;
 * without one it runs anonymously, which the config refuses in production.
 */
import { TeamsAdapter } from '@microsoft/teams-ai';
import {
  CallerIdConstants,
  ConfigurationServiceClientCredentialFactory,
  type Activity,
  type Request,
  type Response,
  type TurnContext,
} from 'botbuilder';
import { AuthenticationConstants, AuthenticationError, type BotFrameworkAuthentication } from 'botframework-connector';
import type { BotAuth } from '../config';
import { logger } from '../log';
import { activityProblem } from './activity-shape';

export function createAdapter(auth: BotAuth): TeamsAdapter {
  if (auth.mode === 'anonymous') {
    return checkShapeFirst(new TeamsAdapter({}, new ConfigurationServiceClientCredentialFactory({})), undefined);
  }
  const settings: Record<string, string> = {
    MicrosoftAppId: auth.appId,
    MicrosoftAppType: auth.appType,
    ...(auth.password ? { MicrosoftAppPassword: auth.password } : {}),
    ...(auth.tenantId ? { MicrosoftAppTenantId: auth.tenantId } : {}),
    ...(auth.openIdMetadataUrl || auth.tokenIssuer ? publicCloudWith(auth.openIdMetadataUrl, auth.tokenIssuer) : {}),
  };
  const adapter = rejectBadTokensWith401(
    new TeamsAdapter(settings, new ConfigurationServiceClientCredentialFactory(settings)),
  );
  return checkShapeFirst(adapter, authenticationOf(adapter));
}

function authenticationOf(adapter: TeamsAdapter): BotFrameworkAuthentication {
  return (adapter as unknown as { botFrameworkAuthentication: BotFrameworkAuthentication }).botFrameworkAuthentication;
}

type Logic = (context: TurnContext) => Promise<void>;

/**
 * CloudAdapter parses the body before it checks the token, so an unauthenticated `{}` got 500 and
 * `{"type":""}` an empty 400, and a `text` that is not a string reached the routes as a TypeError.
 * Here the token is checked first (401, whatever the body), then the shape (400 saying what is
 * wrong), and only then does CloudAdapter run the turn.
 */
function checkShapeFirst(adapter: TeamsAdapter, authentication: BotFrameworkAuthentication | undefined): TeamsAdapter {
  const process = adapter.process.bind(adapter) as (req: Request, res: Response, logic: Logic) => Promise<void>;
  const guarded = async (req: Request, res: Response, logic: Logic): Promise<void> => {
    const body: unknown = req.body;
    const problem = activityProblem(body);
    if (authentication) {
      const header = headerOf(req);
      if (!header || !(await authenticates(authentication, probeActivity(body), header))) {
        logger.warn({ reason: header ? 'invalid token' : 'no token' }, 'activity refused: not authenticated');
        return answer(res, 401, { error: 'unauthorized', message: 'A valid Bot Framework token is required.' });
      }
    }
    if (problem) {
      logger.warn({ problem }, 'activity refused: malformed');
      return answer(res, 400, { error: 'bad_request', message: problem });
    }
    return process(req, res, logic);
  };
  (adapter as unknown as { process: typeof guarded }).process = guarded;
  return adapter;
}

async function authenticates(
  authentication: BotFrameworkAuthentication,
  activity: Partial<Activity>,
  header: string,
): Promise<boolean> {
  try {
    await authentication.authenticateRequest(activity as Activity, header);
    return true;
  } catch {
    return false;
  }
}

/** What the token is checked against: the channel and serviceUrl it must be bound to, whatever else the body holds. */
function probeActivity(body: unknown): Partial<Activity> {
  const fields =
    typeof body === 'object' && body !== null && !Array.isArray(body) ? (body as Record<string, unknown>) : {};
  const str = (value: unknown): string => (typeof value === 'string' ? value : '');
  return { type: 'message', channelId: str(fields.channelId), serviceUrl: str(fields.serviceUrl) };
}

function headerOf(req: Request): string | undefined {
  const value = req.headers?.authorization ?? req.headers?.Authorization;
  return typeof value === 'string' && value.trim() ? value : undefined;
}

function answer(res: Response, status: number, body: Record<string, string>): void {
  res.status(status);
  res.send(body);
  res.end();
}

/**
 * botbuilder rethrows jsonwebtoken's own errors (a bad signature, a malformed token) as they are,
 * and CloudAdapter answers those with 500. A token that fails validation is the caller's fault:
 * every failure while authenticating becomes an AuthenticationError, which CloudAdapter maps to 401.
 */
function rejectBadTokensWith401(adapter: TeamsAdapter): TeamsAdapter {
  const auth = (adapter as unknown as { botFrameworkAuthentication: BotFrameworkAuthentication })
    .botFrameworkAuthentication;
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
function publicCloudWith(
  openIdMetadataUrl: string | undefined,
  tokenIssuer: string | undefined,
): Record<string, string> {
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
