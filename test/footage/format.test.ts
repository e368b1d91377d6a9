import {
  countRecordings,
  formatDays,
  formatDistance,
  formatDuration,
  formatLondonDate,
  formatLondonDateTime,
  formatLondonWindow,
} from '../../src/footage/format';
import { formatLondonDateTime as londonTimeDateTime } from '../../src/footage/london-time';

const at = (iso: string) => new Date(iso);

describe('London time, as every card and message writes it', () => {
  it('shows winter times as GMT with weekday and date', () => {
    expect(formatLondonWindow(at('2026-03-03T14:00:00Z'), at('2026-03-03T16:00:00Z'))).toBe(
      'Tue 3 Mar 2026, 14:00–16:00 GMT',
    );
    expect(formatLondonDateTime(at('2026-01-05T09:05:00Z'))).toBe('Mon 5 Jan 2026, 09:05 GMT');
  });

  it('moves to BST at 01:00 UTC on 29 March 2026', () => {
    expect(formatLondonDateTime(at('2026-03-29T00:59:00Z'))).toBe('Sun 29 Mar 2026, 00:59 GMT');
    expect(formatLondonDateTime(at('2026-03-29T01:00:00Z'))).toBe('Sun 29 Mar 2026, 02:00 BST');
    expect(formatLondonDateTime(at('2026-03-29T01:30:00Z'))).toBe('Sun 29 Mar 2026, 02:30 BST');
  });

  it('names both zones when a window spans the spring clock change', () => {
    expect(formatLondonWindow(at('2026-03-29T00:30:00Z'), at('2026-03-29T02:00:00Z'))).toBe(
      'Sun 29 Mar 2026, 00:30 GMT–03:00 BST',
    );
    expect(formatLondonWindow(at('2026-03-28T23:00:00Z'), at('2026-03-29T01:00:00Z'))).toBe(
      'Sat 28 Mar 2026, 23:00 GMT – Sun 29 Mar 2026, 02:00 BST',
    );
  });

  it('tells the repeated autumn hour apart by its zone', () => {
    expect(formatLondonWindow(at('2026-10-25T00:30:00Z'), at('2026-10-25T01:30:00Z'))).toBe(
      'Sun 25 Oct 2026, 01:30 BST–01:30 GMT',
    );
  });

  it('is the same text the domain writes in its own sentences', () => {
    expect(formatLondonDateTime(at('2026-03-03T14:00:00Z'))).toBe(londonTimeDateTime(at('2026-03-03T14:00:00Z')));
  });

  it('shows both dates when a window crosses midnight, and the London date, not the UTC one', () => {
    expect(formatLondonWindow(at('2026-03-03T23:00:00Z'), at('2026-03-04T01:00:00Z'))).toBe(
      'Tue 3 Mar 2026, 23:00 – Wed 4 Mar 2026, 01:00 GMT',
    );
    expect(formatLondonDate(at('2026-06-30T23:30:00Z'))).toBe('Wed 1 Jul 2026');
    expect(formatLondonDateTime(at('2026-06-30T23:30:00Z'))).toBe('Wed 1 Jul 2026, 00:30 BST');
  });
});

describe('counts, durations and distances', () => {
  it('says "1 recording" and "<N> recordings"', () => {
    expect(countRecordings(1)).toBe('1 recording');
    expect(countRecordings(0)).toBe('0 recordings');
    expect(countRecordings(12)).toBe('12 recordings');
    expect(countRecordings(1319)).toBe('1,319 recordings');
  });

  it('says days and durations plainly', () => {
    expect(formatDays(1)).toBe('1 day');
    expect(formatDays(30)).toBe('30 days');
    expect(formatDuration(45)).toBe('45 min');
    expect(formatDuration(60)).toBe('1 h');
    expect(formatDuration(270)).toBe('4 h 30 min');
  });

  it.each([
    [320.4, '320 m'],
    [804.672, '805 m'],
    [999.6, '1 km'],
    [1000, '1 km'],
    [1234, '1.2 km'],
    [1500, '1.5 km'],
    [1609.344, '1.6 km'],
  ])('writes %d m as %s, on cards and in echoed searches alike', (metres, text) => {
    expect(formatDistance(metres)).toBe(text);
  });
});
