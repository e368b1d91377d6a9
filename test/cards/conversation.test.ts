import { errorCard, notRegisteredCard, refusalCard, unknownTextCard, welcomeCard } from '../../src/cards';
import { COMMANDS } from '../../src/teams/commands';
import { helpCardFor } from '../../src/teams/help/views';
import { findAll, visibleText } from './card-query';

const WELCOME_EXAMPLES = COMMANDS.filter((c) => c.featured).flatMap((c) => c.examples);

describe('welcome card', () => {
  it('greets a known person by name with examples, and tells supervisors about approvals', () => {
    const officer = visibleText(
      welcomeCard({ person: { name: 'PC Alice Carter', role: 'officer' }, examples: WELCOME_EXAMPLES }),
    );
    expect(officer).toContain('Hello PC Alice Carter');
    expect(officer).toContain('find footage near Brixton Station on 14/03/2026 between 7am and 9am');
    expect(officer).not.toContain('approvals');
    expect(
      visibleText(
        welcomeCard({ person: { name: 'Sgt Dana Whitfield', role: 'supervisor' }, examples: WELCOME_EXAMPLES }),
      ),
    ).toContain('As a supervisor, you also approve requests: type **approvals**');
    expect(
      visibleText(welcomeCard({ person: { name: 'Insp Ravi Mehta', role: 'admin' }, examples: WELCOME_EXAMPLES })),
    ).toContain('As an administrator, you also approve requests');
  });

  it('greets without a name when the person is not known yet', () => {
    expect(visibleText(welcomeCard({ person: null, examples: WELCOME_EXAMPLES }))).toMatch(/^Hello, I'm CCTV Footage/);
  });
});

describe('help card', () => {
  it('lists every command the role may use, with its examples', () => {
    const text = visibleText(helpCardFor(COMMANDS, 'supervisor'));
    for (const command of COMMANDS.filter((c) => c.roles.includes('supervisor'))) {
      expect(text).toContain(`**${command.name}**`);
      for (const example of command.examples) expect(text).toContain(example.replace(/_/g, '\\_'));
    }
  });

  it('leaves out commands the role may not use', () => {
    const text = visibleText(helpCardFor(COMMANDS, 'officer'));
    expect(text).toContain('**my requests**');
    expect(text).not.toContain('**approvals**');
  });

  it('shows admins the channel command', () => {
    expect(visibleText(helpCardFor(COMMANDS, 'admin'))).toContain('**use this channel for approvals**');
    expect(visibleText(helpCardFor(COMMANDS, 'supervisor'))).not.toContain('use this channel for approvals');
  });
});

describe('not registered card', () => {
  it('says only that the person is not registered and whom to ask', () => {
    const card = notRegisteredCard({ whomToAsk: 'your CCTV single point of contact' });
    expect(visibleText(card)).toBe(
      "You're not registered to use CCTV Footage.\nAsk your CCTV single point of contact to add you.",
    );
    expect(card.actions).toBeUndefined();
    expect(findAll(card, 'Action.Execute')).toHaveLength(0);
  });
});

describe('unknown text card', () => {
  it('answers briefly with the examples it is given', () => {
    const text = visibleText(unknownTextCard(['camera LAM-0105 last night', 'my requests']));
    expect(text).toContain("Sorry, I didn't understand that.");
    expect(text).toContain('- camera LAM-0105 last night');
    expect(text).toContain('- my requests');
  });
});

describe('error and refusal cards', () => {
  it('says whether trying again may help', () => {
    expect(visibleText(errorCard({ title: 'Box is busy', message: 'Box did not answer.', retryable: true }))).toContain(
      'try again in a minute',
    );
    expect(
      visibleText(errorCard({ title: 'Not found', message: 'No such recording.', retryable: false })),
    ).not.toContain('try again');
  });

  it('explains a refused action in words, escaping what it quotes', () => {
    const text = visibleText(refusalCard({ reason: 'You cannot decide your own request [here](https://x).' }));
    expect(text).toContain('That was not done');
    expect(text).toContain('You cannot decide your own request \\[here\\](https://x).');
  });
});
