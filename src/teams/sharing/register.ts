/**
 * Sharing and custody as the Teams app sees every feature: `register(app, services)` adds its card
 * actions and people search; its typed commands reach it through the command table.
 */
import type { Application, TurnState } from '@microsoft/teams-ai';
import { errorCard } from '../../cards';
import type { CommandTurn } from '../commands/types';
import type { TeamsServices } from '../deps';
import { sendCard } from '../turn-helpers';
import { classifySharingText } from './commands';

export function register(app: Application<TurnState>, services: TeamsServices): void {
  services.sharing?.register(app);
}

/** `share …`, `shares`: sharing onward. */
export function matchShare(text: string): true | undefined {
  const kind = classifySharingText(text)?.kind;
  return kind === 'shareWith' || kind === 'shareForm' || kind === 'pendingShares' ? true : undefined;
}

/** `history …`, `export history …`, `verify …`, `verify audit`: the chain of custody. */
export function matchCustody(text: string): true | undefined {
  const kind = classifySharingText(text)?.kind;
  return kind === 'history' || kind === 'exportHistory' || kind === 'verify' || kind === 'verifyAudit'
    ? true
    : undefined;
}

export async function handleSharingCommand({ context, services }: CommandTurn<true>): Promise<void> {
  if (services.sharing && (await services.sharing.handleText(context))) return;
  await sendCard(
    context,
    errorCard({ title: 'Sharing is not set up here', message: 'Ask your CCTV administrator.', retryable: false }),
  );
}
