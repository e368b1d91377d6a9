/**
 * Teams waits about 15 seconds for the answer to a card button; Box retrying after a long
 * `retry-after` can take longer. Past the turn's budget the click is answered at once with a "still
 * working" card, the work carries on, and its answer replaces that card when ready: a proactive
 * update of the message clicked (or a new message when the click names none).
 */
import { TurnContext } from 'botbuilder';
import { boxUnavailableCard, errorCard, type AdaptiveCard } from '../cards';
import { UpstreamUnavailableError } from '../footage/errors';
import { MESSAGES } from '../footage/messages';
import { logger } from '../log';
import type { Proactive } from './access/proactive';
import type { Reference } from './conversation-address';

export interface LateAnswers {
  /** How long a turn may work before the person is answered with the "still working" card. */
  budgetMs: number;
  /** Puts the late answer where the "still working" card is (or in the conversation). */
  deliver(reference: Reference, messageId: string | undefined, card: AdaptiveCard): Promise<void>;
}

/** Where each turn finds the bot's LateAnswers (set on every turn by the app). */
export const LATE_ANSWERS_KEY = Symbol('lateAnswers');

export function lateAnswersThrough(proactive: Pick<Proactive, 'send' | 'update'>, budgetMs: number): LateAnswers {
  return {
    budgetMs,
    deliver: async (reference, messageId, card) => {
      if (messageId) await proactive.update(reference, messageId, card);
      else await proactive.send(reference, card);
    },
  };
}

const LATE = Symbol('late');

/**
 * botbuilder revokes a turn's context when the turn ends; work that may outlast the turn gets a
 * copy (same adapter, activity and turn state) that stays usable for reading the turn and sending.
 */
export function contextForLateWork(context: TurnContext): TurnContext {
  if (!context.turnState.get(LATE_ANSWERS_KEY)) return context;
  const copy = new TurnContext(context);
  context.turnState.forEach((value, key) => copy.turnState.set(key, value));
  return copy;
}

/**
 * Runs `work` for at most the turn's budget. When it is done in time its answer is returned; when
 * not, `interim` answers now and `late` turns the eventual answer into the card that replaces it
 * (none when the work sent its own answer); a failure of the late work is answered with a card.
 */
export async function answerInTime<T>(
  context: TurnContext,
  work: Promise<T>,
  options: { interim: () => Promise<unknown>; late: (answer: T) => AdaptiveCard | undefined },
): Promise<{ inTime: true; answer: T } | { inTime: false }> {
  const late = context.turnState.get(LATE_ANSWERS_KEY) as LateAnswers | undefined;
  if (!late) return { inTime: true, answer: await work };
  let timer: NodeJS.Timeout | undefined;
  const budget = new Promise<typeof LATE>((resolve) => {
    timer = setTimeout(() => resolve(LATE), late.budgetMs);
  });
  const first = await Promise.race([work, budget]).finally(() => clearTimeout(timer));
  if (first !== LATE) return { inTime: true, answer: first as T };
  const reference = TurnContext.getConversationReference(context.activity);
  const messageId = context.activity.replyToId;
  logger.info(
    { budgetMs: late.budgetMs, name: context.activity.name },
    'turn over budget: answered with the interim card, the answer follows',
  );
  await options.interim();
  void work
    .then(
      (answer) => options.late(answer),
      (error: unknown) => {
        if (error instanceof UpstreamUnavailableError) return boxUnavailableCard(MESSAGES.boxUnavailableDuringTurn);
        logger.error({ err: error }, 'late turn failed');
        return errorCard({
          title: 'Something went wrong on our side',
          message:
            'Nothing was changed. Please try again in a minute; if it keeps happening, tell your CCTV administrator.',
          retryable: true,
        });
      },
    )
    .then((card) => (card ? late.deliver(reference, messageId, card) : undefined))
    .catch((error: unknown) => logger.warn({ err: error }, 'could not deliver a late answer'));
  return { inTime: false };
}
