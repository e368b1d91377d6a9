import { buildRecordingQuery } from '../../src/box/recording-query';
import { InvalidInputError } from '../../src/footage/errors';

const target = { enterpriseId: '1', ancestorFolderId: '42' };

describe('buildRecordingQuery', () => {
  it('binds every value as a parameter and orders newest first with a tiebreak', () => {
    const query = buildRecordingQuery(
      {
        window: { start: new Date('2026-03-03T14:00:00Z'), end: new Date('2026-03-03T16:00:00Z') },
        bbox: { minLatitude: 51.4, maxLatitude: 51.5, minLongitude: -0.2, maxLongitude: -0.1 },
        cameraIds: ['LAM-0105', 'LAM-0106'],
        boroughs: ['Lambeth'],
        ownerTypes: ['transport'],
        statuses: ['evidential'],
        caseReference: '5212345/26',
        limit: 10,
        marker: 'abc',
      },
      target,
    );
    expect(query).not.toBeNull();
    expect(query?.from).toBe('enterprise_1.cctvFootage');
    expect(query?.ancestorFolderId).toBe('42');
    expect(query?.query).toBe(
      'recordedFrom < :windowEnd AND recordedTo > :windowStart AND latitude >= :minLatitude AND latitude <= :maxLatitude AND ' +
        'longitude >= :minLongitude AND longitude <= :maxLongitude AND cameraId IN (:cameraId0, :cameraId1) AND ' +
        'borough IN (:borough0) AND ownerType IN (:ownerType0) AND status IN (:status0) AND caseReference = :caseReference',
    );
    expect(query?.queryParams).toEqual({
      windowEnd: '2026-03-03T16:00:00.000Z',
      windowStart: '2026-03-03T14:00:00.000Z',
      minLatitude: 51.4,
      maxLatitude: 51.5,
      minLongitude: -0.2,
      maxLongitude: -0.1,
      cameraId0: 'LAM-0105',
      cameraId1: 'LAM-0106',
      borough0: 'Lambeth',
      ownerType0: 'transport',
      status0: 'evidential',
      caseReference: '5212345/26',
    });
    expect(query?.orderBy).toEqual([
      { fieldKey: 'recordedFrom', direction: 'DESC' },
      { fieldKey: 'footageId', direction: 'DESC' },
    ]);
    expect(query?.limit).toBe(10);
    expect(query?.marker).toBe('abc');
    expect(query?.fields).toContain('metadata.enterprise_1.cctvFootage.recordedFrom');
  });

  it('never puts input text into the query string', () => {
    const hostile = ["' OR 1=1 --", '%', ':caseReference', 'x) OR (borough = :borough0'];
    const benign = ['a', 'b', 'c', 'd'];
    const withHostile = buildRecordingQuery(
      { cameraIds: hostile, boroughs: hostile, caseReference: hostile[0], limit: 5 },
      target,
    );
    const withBenign = buildRecordingQuery(
      { cameraIds: benign, boroughs: benign, caseReference: 'e', limit: 5 },
      target,
    );
    // Same shape of search, same query text: the values cannot have reached it.
    expect(withHostile?.query).toBe(withBenign?.query);
    expect(withHostile?.query).not.toContain('OR');
    expect(Object.values(withHostile?.queryParams ?? {})).toEqual(expect.arrayContaining(hostile));
  });

  it('omits the query when nothing filters, and needs no query when a filter admits nothing', () => {
    expect(buildRecordingQuery({ limit: 100 }, target)?.query).toBeUndefined();
    expect(buildRecordingQuery({ cameraIds: [], limit: 10 }, target)).toBeNull();
  });

  it('refuses bad pages, windows, boxes and enum values', () => {
    expect(() => buildRecordingQuery({ limit: 0 }, target)).toThrow(InvalidInputError);
    expect(() => buildRecordingQuery({ limit: 101 }, target)).toThrow(InvalidInputError);
    const start = new Date('2026-03-03T16:00:00Z');
    expect(() => buildRecordingQuery({ window: { start, end: start }, limit: 10 }, target)).toThrow(InvalidInputError);
    expect(() => buildRecordingQuery({ window: { start, end: new Date('nope') }, limit: 10 }, target)).toThrow(
      InvalidInputError,
    );
    expect(() =>
      buildRecordingQuery(
        { bbox: { minLatitude: 52, maxLatitude: 51, minLongitude: 0, maxLongitude: 1 }, limit: 10 },
        target,
      ),
    ).toThrow(InvalidInputError);
    expect(() => buildRecordingQuery({ statuses: ['lost' as never], limit: 10 }, target)).toThrow(InvalidInputError);
  });
});
