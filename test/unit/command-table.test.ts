import { COMMANDS, MAX_COMMAND_CHARS, recognise } from '../../src/teams/commands';
import { suggestionsFor } from '../../src/teams/help/views';

/** The command name and arguments the table reads from a text, or the non-command outcome. */
function read(text: string): unknown {
  const outcome = recognise(COMMANDS, text);
  return outcome.kind === 'command' ? { command: outcome.command.name, args: outcome.args } : outcome;
}

describe('reading typed text against the command table', () => {
  test.each([
    ['help', { command: 'help', args: true }],
    ['  HELP ', { command: 'help', args: true }],
    ['my requests', { command: 'my requests', args: true }],
    ['approvals', { command: 'approvals', args: true }],
    ['show approvals', { command: 'approvals', args: true }],
    ['use this channel for approvals', { command: 'use this channel for approvals', args: true }],
    ['request LAM-0105_20260311T0200Z_60min.mp4', { command: 'request', args: 'LAM-0105_20260311T0200Z_60min.mp4' }],
    ['request access to 12345', { command: 'request', args: '12345' }],
    ['revoke 42', { command: 'revoke', args: '42' }],
    ['revoke request #3f2a9c1e', { command: 'revoke', args: '3f2a9c1e' }],
    [
      'find footage near Brixton Station on 03/03/2026 between 2pm and 4pm',
      { command: 'find', args: 'footage near Brixton Station on 03/03/2026 between 2pm and 4pm' },
    ],
    ['show footage near Brixton Station', { command: 'find', args: 'footage near Brixton Station' }],
    ['camera LAM-0105 last night', { command: 'find', args: 'camera LAM-0105 last night' }],
    ['footage for case 5212345/26', { command: 'find', args: 'footage for case 5212345/26' }],
    [
      'cctv within 300m of Oxford Circus 14/03/2026 22:00-23:30',
      { command: 'find', args: 'cctv within 300m of Oxford Circus 14/03/2026 22:00-23:30' },
    ],
    ['', { kind: 'empty' }],
    ['   ', { kind: 'empty' }],
    ['what is the weather like', { kind: 'unknown', text: 'what is the weather like' }],
  ])('%j', (text, expected) => {
    expect(read(text)).toEqual(expected);
  });

  test('overlong text is answered without being parsed', () => {
    expect(read('a'.repeat(5000))).toEqual({ kind: 'tooLong', length: 5000 });
    expect(read('help'.padEnd(MAX_COMMAND_CHARS, ' '))).toEqual({ command: 'help', args: true });
  });

  test('every example on the help card reaches the command it is listed under', () => {
    for (const command of COMMANDS) {
      for (const example of command.examples) {
        expect({ example, reached: read(example) }).toEqual({
          example,
          reached: { command: command.name, args: expect.anything() },
        });
      }
    }
  });

  test('every suggestion is an example of a command the role may use', () => {
    for (const role of ['officer', 'supervisor', 'admin'] as const) {
      const usable = COMMANDS.filter((c) => c.roles.includes(role));
      const suggestions = suggestionsFor(COMMANDS, role);
      expect(suggestions.length).toBeGreaterThan(2);
      for (const suggestion of suggestions) expect(usable.some((c) => c.examples.includes(suggestion))).toBe(true);
    }
  });

  test('command names are unique and every command has an example', () => {
    expect(new Set(COMMANDS.map((c) => c.name)).size).toBe(COMMANDS.length);
    for (const command of COMMANDS) expect(command.examples.length).toBeGreaterThan(0);
  });
});
