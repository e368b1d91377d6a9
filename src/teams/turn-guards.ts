import { ActivityTypes, type TurnContext } from 'botbuilder';
import { errorCard } from '../cards';
import type { AuditLog } from '../footage/ports/store';
import { logger } from '../log';
import type { RateLimiter } from './rate-limit';
import { decideTenant } from './tenant-gate';
import { answerActionWithCard, sendCard, sendInvokeResponse } from './turn-helpers';

/**
 * What runs before the Teams application sees a turn: the tenant gate (a foreign organisation gets
 * nothing, and nothing of it is stored) and the per-person rate limit (a polite card, no Box
 * calls, the refusal audited). Wrapped around the turn logic at the adapter's process call so
 * that every route, message extension included, is behind them.
 */
export interface TurnGuardOptions {
  allowedTenantIds: readonly string[];
  rateLimit: RateLimiter;
  audit: AuditLog;
}

export type TurnLogic = (context: TurnContext) => Promise<void>;

export function guardTurns(options: TurnGuardOptions, logic: TurnLogic): TurnLogic {
  const allowed = new Set(options.allowedTenantIds.map((id) => id.toLowerCase()));
  return async (context) => {
    const activity = context.activity;
    const tenant = decideTenant(activity, allowed);
    if (!tenant.allowed) {
      logger.warn(
        { reason: tenant.reason, tenantIds: tenant.tenantIds, type: activity.type, name: activity.name },
        'activity from a tenant the bot does not serve ignored',
      );
      await refuseForeignTenant(context);
      return;
    }
    const person = activity.from?.aadObjectId;
    if (person && isCommand(context)) {
      const decision = options.rateLimit.take(person.toLowerCase());
      if (!decision.ok) {
        await slowDown(context, options, person, decision.retryAfterSeconds);
        return;
      }
    }
    await logic(context);
  };
}

/** What a person asks for: a message, a card button, a message extension query. */
function isCommand(context: TurnContext): boolean {
  return context.activity.type === ActivityTypes.Message || context.activity.type === ActivityTypes.Invoke;
}

/**
 * Nothing that says what the bot holds. An invoke still gets 200 (Teams treats any other status,
 * or none, as the bot failing): Universal Actions with the error type the Universal Action Model
 * defines, other invokes with an empty body.
 */
async function refuseForeignTenant(context: TurnContext): Promise<void> {
  if (context.activity.type !== ActivityTypes.Invoke) return;
  if (context.activity.name === 'adaptiveCard/action') {
    await sendInvokeResponse(context, 200, {
      statusCode: 400,
      type: 'application/vnd.microsoft.error',
      value: { code: 'BadRequest', message: 'This app is not available in your organisation.' },
    });
    return;
  }
  await sendInvokeResponse(context, 200, {});
}

async function slowDown(
  context: TurnContext,
  options: TurnGuardOptions,
  person: string,
  retryAfterSeconds: number,
): Promise<void> {
  const activity = context.activity;
  logger.warn({ type: activity.type, name: activity.name, retryAfterSeconds }, 'rate limit reached');
  await options.audit.append({
    actor: person.toLowerCase(),
    action: 'refused',
    target: `person:${person.toLowerCase()}`,
    details: {
      action: activity.type === ActivityTypes.Invoke ? (activity.name ?? 'invoke') : 'message',
      code: 'rate_limited',
      limitPerMinute: options.rateLimit.perMinute,
    },
  });
  const title = 'One moment, please';
  const message = `You have sent more than ${options.rateLimit.perMinute} commands in the last minute, so I have paused for a moment to keep Box quick for everyone. Nothing was searched or changed. Please try again in ${retryAfterSeconds} ${retryAfterSeconds === 1 ? 'second' : 'seconds'}.`;
  const card = errorCard({ title, message, retryable: true });
  if (activity.type !== ActivityTypes.Invoke) {
    await sendCard(context, card);
  } else if (activity.name === 'adaptiveCard/action') {
    await answerActionWithCard(context, card);
  } else if (activity.name === 'composeExtension/query') {
    await sendInvokeResponse(context, 200, { composeExtension: { type: 'message', text: `${title}. ${message}` } });
  } else {
    await sendInvokeResponse(context, 200, {});
  }
}
