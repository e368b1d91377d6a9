/**
 * Reads typed text against the command table: every command's `match` first (in table order), then
 * every command's `guess`. Pure, so the routing rules are tested without Teams.
 */
import type { TeamsCommand } from './types';

/** Longer messages are answered without being parsed: no rule then does work proportional to them. */
export const MAX_COMMAND_CHARS = 1000;

export type Recognised =
  | { kind: 'command'; command: TeamsCommand; args: unknown }
  | { kind: 'empty' }
  | { kind: 'tooLong'; length: number }
  | { kind: 'unknown'; text: string };

export function recognise(table: readonly TeamsCommand[], raw: string | undefined): Recognised {
  const input = raw ?? '';
  if (input.length > MAX_COMMAND_CHARS) return { kind: 'tooLong', length: input.length };
  const text = input.replace(/\s+/g, ' ').trim();
  if (!text) return { kind: 'empty' };
  for (const pass of ['match', 'guess'] as const) {
    for (const command of table) {
      const args = command[pass]?.(text);
      if (args !== undefined) return { kind: 'command', command, args };
    }
  }
  return { kind: 'unknown', text };
}
