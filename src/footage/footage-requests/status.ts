/** How a footage request's state reads to people: waiting, N files received, expired, cancelled, complete. */
import type { FootageRequest } from './types';

export function describeFootageStatus(request: Pick<FootageRequest, 'status' | 'filesReceived'>): string {
  switch (request.status) {
    case 'waiting':
      return 'waiting for the owner to upload';
    case 'receiving':
      return `${filesCount(request.filesReceived)} received`;
    case 'complete':
      return `complete (${filesCount(request.filesReceived)} received)`;
    case 'expired':
      return 'expired with nothing received';
    case 'cancelled':
      return request.filesReceived > 0 ? `cancelled (${filesCount(request.filesReceived)} received)` : 'cancelled';
  }
}

export function filesCount(count: number): string {
  return `${count} ${count === 1 ? 'file' : 'files'}`;
}
