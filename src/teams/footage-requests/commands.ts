/**
 * The typed commands of footage requests, as the command table calls them: what the matcher read
 * from the text becomes a card (the form, the nearby cameras, or the officer's list).
 */
import type { CommandTurn } from '../commands/types';
import { personOf } from '../person';
import { sendCard } from '../turn-helpers';
import { notConfiguredCard } from './deps';
import { myFootageRequests } from './my-requests';
import { requestFootageFromText } from './request-footage';

export async function requestFootage({ context, services, args }: CommandTurn<string>): Promise<void> {
  const deps = services.footageRequests;
  await sendCard(context, deps ? requestFootageFromText(context, deps, args) : notConfiguredCard());
}

export async function listFootageRequests({ context, services }: CommandTurn<true>): Promise<void> {
  const deps = services.footageRequests;
  await sendCard(context, deps ? await myFootageRequests(deps, personOf(context)) : notConfiguredCard());
}
