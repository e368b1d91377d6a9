/**
 * The conversational cards (issue 2): welcome, help, not registered, not understood, and the cards
 * that explain a failure or a refused action, so a person never meets silence or Teams' own
 * "something went wrong".
 */
import type { Person, Role } from '../footage/people';
import type { CommandInfo } from '../teams/commands';
import { bullets, card, container, heading, notice, subtle, text } from './elements';
import type { AdaptiveCard, CardElement } from './schema';
import { safeLine, safeParagraph, TEXT_LIMITS } from './text';

const AS_ROLE: Readonly<Record<Role, string>> = { officer: 'an officer', supervisor: 'a supervisor', admin: 'an administrator' };

export type WelcomePerson = Pick<Person, 'name' | 'role'>;

export function welcomeCard(person: WelcomePerson | null): AdaptiveCard {
  const greeting = person ? `Hello ${safeLine(person.name, TEXT_LIMITS.name)}` : 'Hello';
  const body: CardElement[] = [
    heading(`${greeting}, I'm CCTV Footage`),
    text('I find exported CCTV recordings held in Box and get you time-limited access once a supervisor approves.'),
    text('Try:', { weight: 'bolder' }),
    bullets(['find footage near Brixton Station on 03/03/2026 between 2pm and 4pm', 'camera LAM-0105 last night', 'footage for case 5212345/26']),
  ];
  if (person && person.role !== 'officer') {
    body.push(text(`As ${AS_ROLE[person.role]}, you also approve requests: type **approvals** to see those waiting.`));
  }
  body.push(subtle('Type **help** at any time for everything I can do.'));
  return card(body, { fallbackText: 'Welcome to CCTV Footage. Type help to see what I can do.' });
}

/** Lists the commands this role may use, each with its examples. */
export function helpCard(commands: readonly CommandInfo[], role: Role): AdaptiveCard {
  const sections = commands
    .filter((command) => command.roles.includes(role))
    .map((command, index) =>
      container([text(`**${safeLine(command.name)}**: ${safeLine(command.description)}`), bullets(command.examples.map((e) => safeLine(e)))], {
        separator: index > 0,
      }),
    );
  return card(
    [
      heading('What I can do'),
      subtle('Dates are day first (04/03/2026 is 4 March) and times are London time.'),
      ...sections,
    ],
    { fallbackText: `Commands: ${commands.filter((c) => c.roles.includes(role)).map((c) => c.name).join(', ')}` },
  );
}

export interface NotRegisteredView {
  /** Who adds people to the roster, e.g. "your CCTV single point of contact". */
  whomToAsk: string;
}

/** Deliberately short: an unknown person learns nothing but whom to ask. */
export function notRegisteredCard(view: NotRegisteredView): AdaptiveCard {
  const ask = `Ask ${safeLine(view.whomToAsk, TEXT_LIMITS.shortLine)} to add you.`;
  return card([text("You're not registered to use CCTV Footage.", { weight: 'bolder' }), text(ask)], {
    fallbackText: `You're not registered to use CCTV Footage. ${ask}`,
  });
}

export function unknownTextCard(examples: string[]): AdaptiveCard {
  return card(
    [text("Sorry, I didn't understand that. Try one of these:"), bullets(examples.map((e) => safeLine(e))), subtle('Type **help** for everything I can do.')],
    { fallbackText: "Sorry, I didn't understand that. Type help for examples." },
  );
}

export interface ErrorView {
  title: string;
  message: string;
  /** True when trying again later may work (Box busy, a timeout). */
  retryable: boolean;
}

export function errorCard(view: ErrorView): AdaptiveCard {
  const title = safeLine(view.title, TEXT_LIMITS.shortLine);
  return card(
    [
      notice(title, 'attention'),
      text(safeParagraph(view.message)),
      subtle(view.retryable ? 'This is usually temporary: please try again in a minute.' : 'If this keeps happening, tell your CCTV single point of contact.'),
    ],
    { fallbackText: title },
  );
}

export interface RefusalView {
  /** Why the action was not carried out, e.g. "This request was already approved by Sgt Dana Whitfield." */
  reason: string;
}

/** The answer to a refused card action: said plainly, so Teams never shows an error instead. */
export function refusalCard(view: RefusalView): AdaptiveCard {
  return card([notice('That was not done', 'warning'), text(safeParagraph(view.reason))], { fallbackText: 'That was not done.' });
}
