/** "Request access" on a results card: the form goes out as a new message, so the results card stays as it was. */
import { randomUUID } from 'node:crypto';
import type { CardActionAnswer, CardActionOf, CardActionTurn } from '../card-actions';
import { sendCard } from '../turn-helpers';
import { notFoundCard, requestForm, type AccessRouteDeps } from './deps';

export async function openForm(
  deps: AccessRouteDeps,
  { context, action }: CardActionTurn<CardActionOf<'request.open'>>,
): Promise<CardActionAnswer> {
  const { found, missing } = await deps.catalog.getMany(action.fileIds);
  if (found.length === 0)
    return notFoundCard(
      'Those recordings are no longer in Box, so access cannot be requested. Search again for what is there now.',
    );
  const error =
    missing.length > 0
      ? `${missing.length} of the recordings picked could not be found in Box and were left out.`
      : undefined;
  await sendCard(context, requestForm(deps, found, { formToken: randomUUID(), ...(error ? { error } : {}) }));
  return { message: 'Fill in the request form below.' };
}
