import {
  errorCard,
  escapeMarkdown,
  markdown,
  plainLine,
  refusalCard,
  requestListCard,
  safeLine,
  safeParagraph,
  truncate,
} from '../../src/cards';
import { cutText } from '../../src/footage/cut-text';
import { visibleText } from './card-query';

describe('outside text on cards', () => {
  it('turns a Markdown link into literal text', () => {
    const shown = safeLine('[Open footage](https://evil.example/x)');
    expect(shown).toBe('\\[Open footage\\](https://evil.example/x)');
    // No unescaped "[" remains, so no link can form.
    expect(shown).not.toMatch(/(^|[^\\])\[/);
  });

  it('neutralises emphasis, code, images, headings and list markers', () => {
    expect(escapeMarkdown('**bold** _it_ `code` ~~x~~ ![img](u) <b>')).toBe(
      '\\*\\*bold\\*\\* \\_it\\_ \\`code\\` \\~\\~x\\~\\~ !\\[img\\](u) \\<b\\>',
    );
    expect(escapeMarkdown('# Title\n- item\n+ item\n12. item')).toBe('\\# Title\n\\- item\n\\+ item\n12\\. item');
    expect(escapeMarkdown('Smith-Jones, 3.5 m')).toBe('Smith-Jones, 3.5 m');
  });

  it('keeps Adaptive Card date functions literal', () => {
    expect(safeLine('{{DATE(2026-03-03T14:00:00Z, SHORT)}}')).not.toContain('{{');
  });

  it('drops control characters and bidirectional overrides', () => {
    expect(safeLine('Camera \u202Eexe.mp4\u202C\u0007')).toBe('Camera exe.mp4');
    expect(plainLine('a\u2066b\u2069\tc')).toBe('ab c');
  });

  it('truncates by user-perceived characters without splitting emoji', () => {
    const officer = '👮🏽‍♀️';
    expect(truncate(officer.repeat(5), 3)).toBe(`${officer.repeat(2)}…`);
    expect(truncate('short', 10)).toBe('short');
    expect(Array.from(new Intl.Segmenter().segment(safeLine('x'.repeat(300), 80)))).toHaveLength(80);
  });

  it('keeps a reason’s line breaks as Markdown paragraphs, and keeps 500 characters whole', () => {
    expect(safeParagraph('first line\n\n\nsecond *line*')).toBe('first line\n\nsecond \\*line\\*');
    const reason = 'a'.repeat(500);
    expect(safeParagraph(reason)).toBe(reason);
    expect(safeParagraph(`${reason}b`)).toHaveLength(500);
  });

  it('cuts text holding 🚓, flags and accents on grapheme boundaries, never leaving half a character', () => {
    const loneSurrogate = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;
    for (let max = 1; max <= 12; max += 1) {
      for (const value of [
        '🚓🚓🚓🚓🚓🚓🚓🚓🚓🚓🚓🚓🚓',
        'a🚓'.repeat(20),
        '🇬🇧🇬🇧🇬🇧🇬🇧🇬🇧🇬🇧🇬🇧🇬🇧🇬🇧🇬🇧🇬🇧🇬🇧🇬🇧',
        'e\u0301'.repeat(20),
      ]) {
        for (const cut of [truncate(value, max), cutText(value, max, '...'), safeLine(value, max)]) {
          expect(cut).not.toMatch(loneSurrogate);
          expect(Array.from(new Intl.Segmenter().segment(cut)).length).toBeLessThanOrEqual(max + 2);
        }
      }
    }
    expect(truncate('🚓🚓🚓🚓', 3)).toBe('🚓🚓…');
    expect(cutText('🇬🇧🇬🇧🇬🇧', 2)).toBe('🇬🇧…');
    expect(cutText(`${'x'.repeat(56)}🚓🚓🚓🚓🚓`, 60, '...')).toBe(`${'x'.repeat(56)}🚓...`);
  });
});

describe('the bot’s own Markdown beside outside text', () => {
  it('keeps the bot’s bold and escapes what it quotes', () => {
    const said = markdown`No recording called "${'**x** [a](b)'}": search with **find**.`;
    expect(said.markdown).toBe('No recording called "\\*\\*x\\*\\* \\[a\\](b)": search with **find**.');
    expect(said.plain).toBe('No recording called "**x** [a](b)": search with find.');
  });

  it('shows it as Markdown on error, refusal and list cards, where plain strings stay escaped', () => {
    const bold = markdown`type **my requests**.`;
    for (const card of [
      errorCard({ title: 't', message: bold, retryable: false }),
      refusalCard({ reason: bold }),
      requestListCard({ title: 't', requests: [], emptyText: bold }),
    ]) {
      expect(visibleText(card)).toContain('type **my requests**.');
      expect(JSON.stringify(card)).not.toContain('\\\\*');
    }
    expect(visibleText(refusalCard({ reason: 'type **my requests**.' }))).toContain('type \\*\\*my requests\\*\\*.');
    expect(requestListCard({ title: 't', requests: [], emptyText: bold }).fallbackText).toBe('type my requests.');
  });
});
