/** Files with Box's default watermark imprint on their previews. */

import { sql, type Db } from './db';

export interface WatermarkRow {
  item_id: number;
  created_at: number;
  modified_at: number;
}

export function getWatermark(db: Db, itemId: number): WatermarkRow | undefined {
  return sql(db, 'SELECT * FROM watermarks WHERE item_id = ?').get(itemId) as WatermarkRow | undefined;
}

/** Sets the watermark; true when it was not there before. */
export function putWatermark(db: Db, itemId: number, now: number): boolean {
  const existing = getWatermark(db, itemId);
  if (existing) sql(db, 'UPDATE watermarks SET modified_at = ? WHERE item_id = ?').run(now, itemId);
  else sql(db, 'INSERT INTO watermarks (item_id, created_at, modified_at) VALUES (?, ?, ?)').run(itemId, now, now);
  return !existing;
}

export function deleteWatermark(db: Db, itemId: number): boolean {
  return sql(db, 'DELETE FROM watermarks WHERE item_id = ?').run(itemId).changes > 0;
}
