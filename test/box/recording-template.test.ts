import { fromInstanceValues, metadataPatch, toInstanceValues } from '../../src/box/recording-template';
import { sampleRecording } from './fixtures';

const recording = sampleRecording({ sha256: 'ab'.repeat(32) });

describe('cctvFootage instance values', () => {
  it('writes no nulls and normalises dates; reads back the same recording', () => {
    const values = toInstanceValues(recording);
    expect(values).not.toHaveProperty('caseReference');
    expect(values.recordedFrom).toBe('2026-03-11T02:00:00.000Z');
    const back = fromInstanceValues({ ...values, $id: 'x', $type: 'cctvFootage-123' });
    expect(back).toEqual({
      ...recording,
      recordedFrom: '2026-03-11T02:00:00.000Z',
      recordedTo: '2026-03-11T03:00:00.000Z',
    });
  });

  it('refuses an instance that is not a recording', () => {
    expect(fromInstanceValues({ cameraId: 'X' })).toBeNull();
    expect(fromInstanceValues({ ...toInstanceValues(recording), status: 'lost' })).toBeNull();
  });

  it('patches only what differs', () => {
    const current = toInstanceValues(recording);
    expect(metadataPatch({ ...current, recordedFrom: '2026-03-11T02:00:00Z' }, recording)).toEqual([]);
    const changed = { ...recording, status: 'evidential' as const, caseReference: '5212345/26' };
    expect(metadataPatch(current, changed)).toEqual([
      { op: 'add', path: '/caseReference', value: '5212345/26' },
      { op: 'replace', path: '/status', value: 'evidential' },
    ]);
    expect(metadataPatch({ ...current, exhibitReference: 'EX1' }, recording)).toEqual([
      { op: 'remove', path: '/exhibitReference' },
    ]);
  });
});
