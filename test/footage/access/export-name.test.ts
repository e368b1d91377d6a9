import { parseExportName } from '../../../src/footage/access/export-name';

/** Export file names name a camera and a real UTC start; anything else is not an export name. */
describe('parseExportName', () => {
  it('reads the camera and the start from an export name, with or without a clash suffix', () => {
    expect(parseExportName('LAM-0105_20260311T0200Z_60min.mp4')).toEqual({
      cameraId: 'LAM-0105',
      start: new Date('2026-03-11T02:00:00Z'),
    });
    expect(parseExportName('lam-0105_20260311t0200z_60min_F0042.mp4')).toEqual({
      cameraId: 'LAM-0105',
      start: new Date('2026-03-11T02:00:00Z'),
    });
  });

  it.each([
    ['digits that are no date or time', 'LAM-0105_99999999T9999Z_60min.mp4'],
    ['month 13', 'LAM-0105_20261311T0200Z_60min.mp4'],
    ['30 February', 'LAM-0105_20260230T0200Z_60min.mp4'],
    ['hour 24', 'LAM-0105_20260311T2400Z_60min.mp4'],
    ['minute 60', 'LAM-0105_20260311T0260Z_60min.mp4'],
    ['a year before digital exports', 'LAM-0105_00500311T0200Z_60min.mp4'],
    ['no time part', 'LAM-0105_20260311_60min.mp4'],
    ['not an export name', 'holiday.mp4'],
  ])('gives nothing for %s', (_label, name) => {
    expect(parseExportName(name)).toBeUndefined();
  });
});
