/**
 * The welcome, help and "didn't understand" cards drawn from the command table, so every example
 * the bot shows is one the table recognises (and the example test runs on the demo data).
 */
import { helpCard, unknownTextCard, welcomeCard, type AdaptiveCard, type WelcomePerson } from '../../cards';
import type { Role } from '../../footage/people';
import type { CommandInfo } from '../commands/types';

/** How many examples "I didn't understand" suggests. */
const SUGGESTIONS_SHOWN = 5;

export function helpCardFor(commands: readonly CommandInfo[], role: Role, notice?: string): AdaptiveCard {
  return helpCard({
    commands: commands
      .filter((c) => c.roles.includes(role))
      .map(({ name, description, examples }) => ({ name, description, examples })),
    notice,
  });
}

export function welcomeCardFor(
  commands: readonly CommandInfo[],
  person: WelcomePerson | null,
  notice?: string,
): AdaptiveCard {
  return welcomeCard({ person, examples: featuredExamples(commands), notice });
}

/** The featured examples first, then one of each other command the person may use. */
export function suggestionsFor(commands: readonly CommandInfo[], role: Role): string[] {
  const usable = commands.filter((c) => c.roles.includes(role));
  const others = usable.filter((c) => !c.featured && c.name !== 'help').map((c) => c.examples[0]);
  return [...featuredExamples(usable), ...others].slice(0, SUGGESTIONS_SHOWN);
}

export function unknownTextCardFor(commands: readonly CommandInfo[], role: Role): AdaptiveCard {
  return unknownTextCard(suggestionsFor(commands, role));
}

function featuredExamples(commands: readonly CommandInfo[]): string[] {
  return commands.filter((c) => c.featured).flatMap((c) => c.examples);
}
