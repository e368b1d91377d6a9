import { normaliseText, tokenize } from '../../../src/footage/query/tokenizer';

const kinds = (text: string) => tokenize(normaliseText(text)).map((t) => `${t.kind}:${t.text}`);

describe('tokenize', () => {
  it('keeps case references, camera ids, dates and clock times whole', () => {
    expect(kinds('case 5212345/26 LAM-0105 lam0106 04/03/2026 4/3 2026-03-04 14:00 2.30pm 1400hrs')).toEqual([
      'word:case',
      'caseRef:5212345/26',
      'camera:LAM-0105',
      'camera:lam0106',
      'date:04/03/2026',
      'date:4/3',
      'date:2026-03-04',
      'time:14:00',
      'time:2.30pm',
      'time:1400hrs',
    ]);
  });

  it('reads camera ids without the hyphen, in lower case or with leading zeros dropped, but never a month as a camera', () => {
    const cameras = (text: string) =>
      tokenize(normaliseText(text)).map((t) => (t.kind === 'camera' ? t.cameraId : `${t.kind}:${t.text}`));
    expect(cameras('LAM0105 lam-105 lam105 Lam-5 LAM-0105')).toEqual([
      'LAM-0105',
      'LAM-0105',
      'LAM-0105',
      'LAM-0005',
      'LAM-0105',
    ]);
    expect(cameras('lam12 lamb-0105')).toEqual(['word:lam', 'number:12', 'word:lamb', 'symbol:-', 'number:0105']);
    expect(cameras('mar2026 mar-26')).toEqual(['word:mar', 'number:2026', 'word:mar', 'symbol:-', 'number:26']);
    expect(tokenize('13-Mar-26')).toEqual([
      expect.objectContaining({ kind: 'date', day: 13, month: 3, year: 26, yearDigits: 2 }),
    ]);
  });

  it('splits ranges and reads distances with their units', () => {
    expect(kinds('2-4pm 22:00-23:30 300m 1.5 km 300 metres 0.5 miles 3 mins')).toEqual([
      'number:2',
      'symbol:-',
      'time:4pm',
      'time:22:00',
      'symbol:-',
      'time:23:30',
      'distance:300m',
      'distance:1.5 km',
      'distance:300 metres',
      'distance:0.5 miles',
      'number:3',
      'word:mins',
    ]);
    const [distance] = tokenize('1.5km');
    expect(distance).toMatchObject({ kind: 'distance', metres: 1500 });
  });

  it('reads meridiem times and ordinals', () => {
    expect(tokenize('4 p.m.')[0]).toMatchObject({ kind: 'time', hour: 4, minute: 0, meridiem: 'pm' });
    expect(tokenize('11am')[0]).toMatchObject({ kind: 'time', hour: 11, meridiem: 'am' });
    expect(tokenize('4th')[0]).toMatchObject({ kind: 'ordinal', value: 4 });
  });

  it('normalises dashes, quotes, invisible characters and full-width digits', () => {
    expect(normaliseText('King’s Cross  2–4pm\u200B ４/３')).toBe("King's Cross 2-4pm 4/3");
  });

  it('turns anything else into one-character symbols', () => {
    expect(kinds("' OR 1=1; --")).toEqual([
      "symbol:'",
      'word:OR',
      'number:1',
      'symbol:=',
      'number:1',
      'symbol:;',
      'symbol:-',
      'symbol:-',
    ]);
  });
});

describe('remembered tokens', () => {
  it('gives each caller its own list of the same frozen tokens', () => {
    const first = tokenize('camera LAM-0106 on 03/03/2026');
    const again = tokenize('camera LAM-0106 on 03/03/2026');
    expect(again).not.toBe(first);
    expect(again).toEqual(first);
    expect(first.map((token) => token.kind)).toEqual(['word', 'camera', 'word', 'date']);
    expect(Object.isFrozen(first[0])).toBe(true);
    first.pop();
    expect(tokenize('camera LAM-0106 on 03/03/2026')).toHaveLength(4);
  });
});
