/**
 * The footage-request commands are read before the general classifier; they must catch the three
 * phrasings of asking an owner and leave access requests (`request <file name>`) and searches alone.
 */
import { classifyFootageRequestText } from '../../src/teams/footage-requests';

describe('footage request commands', () => {
  it.each([
    [
      'request footage from camera LAM-0105 on 03/03/2026 between 2pm and 4pm for case 5274265/26',
      'camera LAM-0105 on 03/03/2026 between 2pm and 4pm for case 5274265/26',
    ],
    ['ask the owner of camera WST-0115 for footage 14/03/2026 22:00-23:30', 'camera WST-0115 14/03/2026 22:00-23:30'],
    ['request footage near Brixton Station last night', 'near Brixton Station last night'],
    ['Ask for footage   near Oxford Circus yesterday', 'near Oxford Circus yesterday'],
    ['ask the owners of LAM-0105 and LAM-0106 for the footage last night', 'LAM-0105 and LAM-0106 last night'],
  ])('%s', (typed, text) => {
    expect(classifyFootageRequestText(typed)).toEqual({ kind: 'requestFootage', text });
  });

  it('lists the officer’s requests', () => {
    expect(classifyFootageRequestText('my footage requests')).toEqual({ kind: 'myFootageRequests' });
    expect(classifyFootageRequestText('My Footage Request')).toEqual({ kind: 'myFootageRequests' });
  });

  it.each([
    'request LAM-0105_20260311T0200Z_60min.mp4',
    'my requests',
    'find footage near Brixton Station',
    'footage for case 5274265/26',
    'help',
    '',
  ])('leaves "%s" to the other commands', (typed) => {
    expect(classifyFootageRequestText(typed)).toBeUndefined();
  });
});
