/**
 * Turns what a sharer typed or picked ("Ben Okafor", "ben.okafor@police.example", an Entra object id
 * from the people picker, "okafor") into roster people, or says which names could not be placed.
 */
import type { Person } from '../people';

export type Resolution = { ok: true; people: Person[] } | { ok: false; problems: string[] };

const SEPARATORS = /\s*(?:,|;|\band\b|&)\s*/i;

/** "ben, chloe and dana" → ["ben", "chloe", "dana"]. */
export function splitNames(text: string): string[] {
  return text
    .split(SEPARATORS)
    .map((s) => s.trim())
    .filter(Boolean);
}

export function resolveRecipients(wanted: readonly string[], roster: readonly Person[]): Resolution {
  const people: Person[] = [];
  const problems: string[] = [];
  for (const raw of wanted) {
    const word = raw.trim().replace(/^@/, '');
    const matches = match(word, roster);
    if (matches.length === 1) {
      if (!people.some((p) => p.aadObjectId === matches[0].aadObjectId)) people.push(matches[0]);
    } else if (matches.length === 0) {
      problems.push(`"${word}" is not on the roster of people who use this bot.`);
    } else {
      problems.push(`"${word}" could be ${matches.map((p) => p.name).join(' or ')}: give the email.`);
    }
  }
  return problems.length > 0 ? { ok: false, problems } : { ok: true, people };
}

function match(word: string, roster: readonly Person[]): Person[] {
  const lower = word.toLowerCase();
  const exact = roster.filter(
    (p) => p.aadObjectId.toLowerCase() === lower || p.email.toLowerCase() === lower || p.name.toLowerCase() === lower,
  );
  if (exact.length > 0) return exact;
  // A first name, a surname, or the name without its rank ("Ben Okafor" for "DC Ben Okafor").
  return roster.filter((p) => {
    const name = p.name.toLowerCase();
    return (
      name.endsWith(` ${lower}`) || name.split(/\s+/).includes(lower) || p.email.toLowerCase().split('@')[0] === lower
    );
  });
}

/** People whose name or email starts a word with `query`: the people picker's typeahead. */
export function searchRoster(query: string, roster: readonly Person[], limit: number): Person[] {
  const q = query.trim().toLowerCase();
  const hits = roster.filter(
    (p) =>
      !q ||
      p.email.toLowerCase().startsWith(q) ||
      p.name
        .toLowerCase()
        .split(/\s+/)
        .some((w) => w.startsWith(q)) ||
      p.name.toLowerCase().startsWith(q),
  );
  return hits.slice(0, limit);
}
