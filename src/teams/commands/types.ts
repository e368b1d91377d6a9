/**
 * The shape of one typed command. Everything the bot says about a command (help card, welcome card,
 * suggestions, the manifest's command lists) and how it is recognised and handled sit in one entry,
 * so a command cannot be listed without being handled or handled without being listed.
 */
import type { TurnContext } from 'botbuilder';
import type { Role } from '../../footage/people';
import type { TeamsServices } from '../deps';

/** What is shown about a command; plain data, also read by the manifest test. */
export interface CommandInfo {
  /** What the user types first (also the manifest command title). */
  name: string;
  /** One line for the manifest and the help card (manifest limit: 128 characters). */
  description: string;
  /** Example phrasings shown on the help card; each must reach this command and answer on the demo data. */
  examples: string[];
  /** Who may use it; the handler still re-checks roles on the server. */
  roles: readonly Role[];
  /** Examples also shown on the welcome card and in "I didn't understand" suggestions. */
  featured?: boolean;
  /** False for a command that only works in a channel: it is left out of the personal chat's command menu. */
  personalMenu?: boolean;
}

export interface CommandTurn<A> {
  context: TurnContext;
  services: TeamsServices;
  /** What the matcher read from the text. */
  args: A;
  /** The whole table, for commands that talk about the others (help). */
  commands: readonly CommandInfo[];
}

export interface TeamsCommand<A = unknown> extends CommandInfo {
  /** The text, normalised (single spaces, trimmed), when it is this command; undefined otherwise. */
  match(text: string): A | undefined;
  /**
   * A looser reading, tried only after no command's `match` took the text (e.g. any text that
   * mentions footage-like things is a search).
   */
  guess?(text: string): A | undefined;
  handle(turn: CommandTurn<A>): Promise<void>;
}

/**
 * Keeps each entry's argument type checked while the table holds them side by side: the dispatcher
 * only ever hands a command the arguments its own `match` or `guess` returned.
 */
export function defineCommand<A>(command: TeamsCommand<A>): TeamsCommand {
  return command;
}
