/** What finding footage in Teams needs; built once by the composition root. */
import type { TurnContext } from 'botbuilder';
import type { ActiveGrant } from '../../footage/access/active-grants';
import type { FindFootage } from '../../footage/find';
import type { Person } from '../../footage/people';
import type { FootageQuery } from '../../footage/query';

/** A grant the officer holds on a recording on the page, with its thumbnail when Box has one. */
export type ShownGrant = ActiveGrant & { thumbnailDataUri?: string };

export interface FindRouteDeps {
  find: FindFootage;
  /** The officer's active grants by Box file id, from the bot's own records (no Box call). */
  activeGrants(person: Person, fileIds: string[]): Promise<Map<string, ShownGrant>>;
  /** "Now" for relative times: the operator's fixed clock (demos), else the activity's timestamp. */
  now(context: TurnContext): Date;
  /** Registered cameras whose owners could be asked for what was searched (footage requests); none when absent. */
  camerasToAsk?(query: FootageQuery): string[];
  /** Of the cameras on a results page, those whose owners could be asked; none when absent. */
  askableCameras?(cameraIds: readonly string[]): string[];
  /** Teams ids of everyone who may see an inserted card, so each sees their own state on it. */
  audience?(): Promise<string[]>;
}
