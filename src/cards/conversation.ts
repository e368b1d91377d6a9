/**
 * The conversational cards: welcome, help, not registered, not understood, and the cards that
 * explain a failure or a refused action, so a person never meets silence or Teams' own "something
 * went wrong". They take plain view data; which commands and examples exist is the Teams layer's
 * command table.
 */
import { MESSAGES } from '../footage/messages';
import type { Person, Role } from '../footage/people';
import { bullets, card, container, heading, notice, subtle, text } from './elements';
import type { AdaptiveCard, CardElement } from './schema';
import { cardParagraph, plainLine, safeLine, TEXT_LIMITS, type CardText } from './text';

const AS_ROLE: Readonly<Record<Role, string>> = {
  officer: 'an officer',
  supervisor: 'a supervisor',
  admin: 'an administrator',
};

export type WelcomePerson = Pick<Person, 'name' | 'role'>;

export interface WelcomeView {
  person: WelcomePerson | null;
  /** What to try first. */
  examples: string[];
  /** A line that matters now, e.g. that the bot runs on demo data with a demo clock. */
  notice?: string;
}

export function welcomeCard(view: WelcomeView): AdaptiveCard {
  const { person } = view;
  const greeting = person ? `Hello ${safeLine(person.name, TEXT_LIMITS.name)}` : 'Hello';
  const body: CardElement[] = [
    ...noticeBlock(view.notice),
    heading(`${greeting}, I'm CCTV Footage`),
    text('I find exported CCTV recordings held in Box and get you time-limited access once a supervisor approves.'),
    text('Try:', { weight: 'bolder' }),
    bullets(view.examples.map((e) => safeLine(e))),
  ];
  if (person && person.role !== 'officer') {
    body.push(text(`As ${AS_ROLE[person.role]}, you also approve requests: type **approvals** to see those waiting.`));
  }
  body.push(subtle('Type **help** at any time for everything I can do.'));
  return card(body, { fallbackText: 'Welcome to CCTV Footage. Type help to see what I can do.' });
}

export interface HelpCommand {
  name: string;
  description: string;
  examples: string[];
}

export interface HelpView {
  /** The commands this person may use, in the order to show them. */
  commands: HelpCommand[];
  notice?: string;
}

/** Lists the commands given, each with its examples. */
export function helpCard(view: HelpView): AdaptiveCard {
  const sections = view.commands.map((command, index) =>
    container(
      [
        text(`**${safeLine(command.name)}**: ${safeLine(command.description)}`),
        bullets(command.examples.map((e) => safeLine(e))),
      ],
      {
        separator: index > 0,
      },
    ),
  );
  return card(
    [
      ...noticeBlock(view.notice),
      heading('What I can do'),
      subtle('Dates are day first (04/03/2026 is 4 March) and times are London time.'),
      ...sections,
    ],
    { fallbackText: `Commands: ${view.commands.map((c) => c.name).join(', ')}` },
  );
}

export interface NotRegisteredView {
  /** Who adds people to the roster, e.g. "your CCTV single point of contact". */
  whomToAsk: string;
}

/** Deliberately short: an unknown person learns nothing but whom to ask. */
export function notRegisteredCard(view: NotRegisteredView): AdaptiveCard {
  const ask = `Ask ${safeLine(view.whomToAsk, TEXT_LIMITS.shortLine)} to add you.`;
  return card([text(MESSAGES.notRegistered, { weight: 'bolder' }), text(ask)], {
    fallbackText: `${MESSAGES.notRegistered} ${ask}`,
  });
}

export function unknownTextCard(examples: string[]): AdaptiveCard {
  return card(
    [
      text("Sorry, I didn't understand that. Try one of these:"),
      bullets(examples.map((e) => safeLine(e))),
      subtle('Type **help** for everything I can do.'),
    ],
    { fallbackText: "Sorry, I didn't understand that. Type help for examples." },
  );
}

export interface ErrorView {
  title: string;
  message: CardText;
  /** True when trying again later may work (Box busy, a timeout). */
  retryable: boolean;
}

export function errorCard(view: ErrorView): AdaptiveCard {
  const title = safeLine(view.title, TEXT_LIMITS.shortLine);
  return card(
    [
      notice(title, 'attention'),
      text(cardParagraph(view.message)),
      subtle(
        view.retryable
          ? 'This is usually temporary: please try again in a minute.'
          : 'If this keeps happening, tell your CCTV single point of contact.',
      ),
    ],
    { fallbackText: title },
  );
}

/**
 * The first answer to work that outlasts what Teams waits for: a click's card is replaced by the
 * real answer when ready; a typed command's answer follows as a new message.
 */
export function workingCard(then: 'replaces' | 'follows' = 'replaces'): AdaptiveCard {
  const next =
    then === 'replaces'
      ? 'This card will be replaced by the answer as soon as it is ready; there is no need to click again.'
      : 'The answer will follow here as soon as it is ready; there is no need to ask again.';
  return card([notice('Still working on it', 'accent'), text(`Box is slow to answer just now. ${next}`)], {
    fallbackText: 'Still working on it.',
  });
}

/** A short answer in words, as a card, for where only a card fits (a late answer replacing a card). */
export function sentenceCard(sentence: string): AdaptiveCard {
  return card([text(safeLine(sentence))], { fallbackText: plainLine(sentence) });
}

/** Box busy or down: said plainly, with nothing changed. */
export function boxUnavailableCard(message: string = MESSAGES.boxUnavailableNothingChanged): AdaptiveCard {
  return errorCard({ title: MESSAGES.boxUnavailableTitle, message, retryable: true });
}

/** A button whose card no longer matches what the bot knows (old version, edited data). */
export function staleCardCard(message: string): AdaptiveCard {
  return errorCard({ title: MESSAGES.staleCardTitle, message, retryable: false });
}

export interface RefusalView {
  /** Why the action was not carried out, e.g. "This request was already approved by Sgt Dana Whitfield." */
  reason: CardText;
}

/** The answer to a refused card action: said plainly, so Teams never shows an error instead. */
export function refusalCard(view: RefusalView): AdaptiveCard {
  return card([notice('That was not done', 'warning'), text(cardParagraph(view.reason))], {
    fallbackText: 'That was not done.',
  });
}

/** A small attention-coloured line above a card's heading. */
function noticeBlock(line: string | undefined): CardElement[] {
  return line ? [text(safeLine(line, TEXT_LIMITS.shortLine), { color: 'attention', size: 'small', wrap: true })] : [];
}
