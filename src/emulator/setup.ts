/**
 * What a Box enterprise has before the bot arrives: a file request made in the web app to serve as
 * the template (the API can only copy one), and the app's two webhook signature keys, which Box's
 * developer console shows. Both persist with the rest of the state.
 */

import { randomBytes } from 'node:crypto';
import { getMeta, setMeta, type Db } from './state/db';
import { getFileRequest, insertFileRequest } from './state/file-requests';
import { findByName, insertItem, ROOT_ID } from './state/items';
import type { WebhookKeys } from './webhook-delivery';

const TEMPLATE_META = 'file_request_template_id';
const TEMPLATE_FOLDER = 'File request template';

export function ensureFileRequestTemplate(db: Db, serviceAccountId: number, now: number): string {
  return db.transaction(() => {
    const existing = getMeta(db, TEMPLATE_META);
    if (existing && getFileRequest(db, Number(existing))) return existing;
    const folder =
      findByName(db, ROOT_ID, TEMPLATE_FOLDER, serviceAccountId) ??
      insertItem(
        db,
        {
          type: 'folder',
          name: TEMPLATE_FOLDER,
          parentId: ROOT_ID,
          ownerId: serviceAccountId,
          actorId: serviceAccountId,
        },
        now,
      );
    const request = insertFileRequest(
      db,
      folder.id,
      {
        title: 'Upload files',
        description: 'Send your files here.',
        status: 'active',
        isEmailRequired: true,
        isDescriptionRequired: false,
        expiresAt: null,
      },
      serviceAccountId,
      now,
    );
    setMeta(db, TEMPLATE_META, String(request.id));
    return String(request.id);
  })();
}

/** Given keys win; otherwise the ones generated on first start, kept so a restart does not rotate them. */
export function webhookKeys(db: Db, given: Partial<WebhookKeys>): WebhookKeys {
  const key = (name: keyof WebhookKeys): string => {
    const value = given[name] ?? getMeta(db, `webhook_${name}_key`) ?? randomBytes(24).toString('base64url');
    setMeta(db, `webhook_${name}_key`, value);
    return value;
  };
  return { primary: key('primary'), secondary: key('secondary') };
}
