/** Box access events as the bot keeps them: inserted once per Box event id, read per file. */
import type { JsonObject } from '../../footage/ports/store';
import type { BoxAccessEvent, BoxEventRepository } from '../../footage/sharing/ports';
import type { Executor, Row } from '../sql/executor';
import { jsonParam, readJson, readOptionalString, readString, readTime, timeParam } from '../sql/values';

function toEvent(row: Row): BoxAccessEvent {
  return {
    eventId: readString(row.event_id),
    boxFileId: readString(row.box_file_id),
    eventType: readString(row.event_type),
    at: readTime(row.at),
    actorLogin: readOptionalString(row.actor_login),
    actorName: readOptionalString(row.actor_name),
    details: readJson(row.details) as JsonObject,
  };
}

export class SqlBoxEventRepository implements BoxEventRepository {
  constructor(private readonly db: Executor) {}

  async saveMany(events: readonly BoxAccessEvent[]): Promise<number> {
    let added = 0;
    for (const event of events) {
      added += await this.db.run(
        `INSERT INTO box_access_events (event_id, box_file_id, event_type, at, actor_login, actor_name, details)
         VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT (event_id) DO NOTHING`,
        [
          event.eventId,
          event.boxFileId,
          event.eventType,
          timeParam(event.at),
          event.actorLogin,
          event.actorName,
          jsonParam(event.details),
        ],
      );
    }
    return added;
  }

  async listByFile(boxFileId: string): Promise<BoxAccessEvent[]> {
    return (
      await this.db.query('SELECT * FROM box_access_events WHERE box_file_id = ? ORDER BY at, event_id', [boxFileId])
    ).map(toEvent);
  }
}
