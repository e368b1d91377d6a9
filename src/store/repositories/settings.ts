/** Small named settings stored as JSON (the approvals channel, the demo seed flag). */
import type { JsonValue, SettingsRepository } from '../../footage/ports/store';
import type { Executor } from '../sql/executor';
import { jsonParam, readJson, timeParam, type Clock } from '../sql/values';

export class SqlSettingsRepository implements SettingsRepository {
  constructor(
    private readonly db: Executor,
    private readonly clock: Clock,
  ) {}

  async get(key: string): Promise<JsonValue | undefined> {
    const rows = await this.db.query('SELECT value FROM settings WHERE key = ?', [key]);
    return rows[0] ? readJson(rows[0].value) : undefined;
  }

  async set(key: string, value: JsonValue): Promise<void> {
    await this.db.run(
      `INSERT INTO settings (key, value, updated_at) VALUES (?, ?, ?)
       ON CONFLICT (key) DO UPDATE SET value = excluded.value, updated_at = excluded.updated_at`,
      [key, jsonParam(value), timeParam(this.clock())],
    );
  }

  async delete(key: string): Promise<boolean> {
    return (await this.db.run('DELETE FROM settings WHERE key = ?', [key])) > 0;
  }
}
