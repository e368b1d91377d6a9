import { classifyText, MAX_COMMAND_CHARS } from '../../src/teams/text-commands';
import { COMMANDS } from '../../src/teams/commands';
import { classifySharingText } from '../../src/teams/sharing';

describe('classifying typed text', () => {
  test.each([
    ['help', { kind: 'help' }],
    ['  HELP ', { kind: 'help' }],
    ['my requests', { kind: 'myRequests' }],
    ['approvals', { kind: 'approvals' }],
    ['use this channel for approvals', { kind: 'setApprovalsChannel' }],
    ['request LAM-0105_20260311T0200Z_60min.mp4', { kind: 'request', target: 'LAM-0105_20260311T0200Z_60min.mp4' }],
    ['request access to 12345', { kind: 'request', target: '12345' }],
    ['revoke 42', { kind: 'revoke', requestId: '42' }],
    ['find footage near Brixton Station on 03/03/2026 between 2pm and 4pm', { kind: 'find', text: 'footage near Brixton Station on 03/03/2026 between 2pm and 4pm' }],
    ['camera LAM-0105 last night', { kind: 'find', text: 'camera LAM-0105 last night' }],
    ['footage for case 5212345/26', { kind: 'find', text: 'footage for case 5212345/26' }],
    ['cctv within 300m of Oxford Circus 14/03/2026 22:00-23:30', { kind: 'find', text: 'cctv within 300m of Oxford Circus 14/03/2026 22:00-23:30' }],
    ['', { kind: 'empty' }],
    ['   ', { kind: 'empty' }],
    ['what is the weather like', { kind: 'unknown', text: 'what is the weather like' }],
  ])('%j', (text, expected) => {
    expect(classifyText(text)).toEqual(expected);
  });

  test('overlong text is answered without being parsed', () => {
    expect(classifyText('a'.repeat(5000))).toEqual({ kind: 'tooLong', length: 5000 });
    expect(classifyText('help'.padEnd(MAX_COMMAND_CHARS, ' ')).kind).toBe('help');
  });

  test('every example on the help card reaches a command, never the fallback', () => {
    for (const command of COMMANDS) {
      for (const example of command.examples) {
        // Sharing commands are read first, as the app does.
        expect((classifySharingText(example) ?? classifyText(example)).kind).not.toBe('unknown');
      }
    }
  });
});
