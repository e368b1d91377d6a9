/** `request <file name or Box file id>`: the request form for that recording. */
import { randomUUID } from 'node:crypto';
import { markdown } from '../../cards';
import { orBoxUnavailable } from '../card-actions';
import type { CommandTurn } from '../commands/types';
import { sendCard } from '../turn-helpers';
import { notFoundCard, requestForm } from './deps';

export async function requestText({ context, services, args: target }: CommandTurn<string>): Promise<void> {
  const deps = services.access;
  const card = await orBoxUnavailable(async () => {
    const recordings = await deps.catalog.find(target);
    if (recordings.length === 0) {
      return notFoundCard(
        markdown`I couldn't find a recording called "${target}". Give the file name exactly as on the results card (e.g. LAM-0105_20260311T0200Z_60min.mp4) or its Box file id, or search with **find**.`,
      );
    }
    return requestForm(deps, recordings, { formToken: randomUUID() });
  });
  await sendCard(context, card);
}
