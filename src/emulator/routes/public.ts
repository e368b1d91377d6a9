/**
 * What Box serves outside the API: the download host behind content redirects, and shared-link
 * pages. A shared link with `collaborators` or `company` access needs a signed-in Box user, which
 * the emulator has no notion of, so only open links give out content here.
 */

import { fileDownloaded, filePreviewed, SHARED_LINK_VISITOR } from '../activity';
import { serveContent } from '../content';
import { BoxApiError, notFound } from '../errors';
import { escapeHtml, header, html } from '../http';
import type { Route } from '../router';
import { sql } from '../state/db';
import { getItem, type ItemRow } from '../state/items';
import { getUser } from '../state/users';
import { getWatermark } from '../state/watermarks';
import { readSharedLink } from '../views/shared-link';

const SHARED_LINK_VISITOR_ID = 2;

function itemBySharedToken(db: Parameters<typeof sql>[0], token: string, now: number): ItemRow | undefined {
  const rows = sql(db, 'SELECT * FROM items WHERE shared_link IS NOT NULL AND shared_link LIKE ?').all(
    `%"token":"${token.replace(/[^a-f0-9]/g, '')}"%`,
  ) as ItemRow[];
  return rows.find((row) => readSharedLink(row, now)?.token === token);
}

export const publicRoutes: Route[] = [
  {
    // An embed link's page: a preview by the user it was made for, with the watermark when the file has one.
    method: 'GET',
    pattern: '/preview/:token',
    access: 'public',
    handler: (req, services) => {
      const link = services.previews.resolve(req.params.token);
      const item = link ? getItem(services.db, link.fileId) : undefined;
      if (!link || !item) throw notFound();
      const viewer = getUser(services.db, link.userId);
      filePreviewed(services, item, link.userId);
      const watermark = getWatermark(services.db, item.id)
        ? `<p class="watermark">${escapeHtml(viewer?.login ?? '')} ${escapeHtml(new Date(services.settings.now()).toISOString())}</p>`
        : '';
      return html(
        200,
        `<!doctype html><html><head><meta charset="utf-8"><title>${escapeHtml(item.name)} | Box preview</title></head><body><h1>${escapeHtml(item.name)}</h1>${watermark}<p>Preview served by the local Box emulator.</p></body></html>`,
      );
    },
  },
  {
    method: 'GET',
    pattern: '/d/1/:token/download',
    access: 'public',
    handler: (req, services) => {
      const link = services.downloads.resolve(req.params.token);
      if (!link || !services.blobs.has(link.sha1)) throw notFound();
      const name =
        (sql(services.db, 'SELECT name FROM items WHERE id = ?').get(link.fileId) as { name: string } | undefined)
          ?.name ?? 'download';
      return serveContent(services.blobs, link.sha1, name, header(req, 'range'));
    },
  },
  {
    method: 'GET',
    pattern: '/s/:token',
    access: 'public',
    handler: (req, services) => {
      const item = itemBySharedToken(services.db, req.params.token, services.settings.now());
      if (!item) throw notFound();
      const link = readSharedLink(item, services.settings.now());
      if (item.type === 'file')
        filePreviewed(
          services,
          item,
          SHARED_LINK_VISITOR_ID,
          { shared_link_id: req.params.token },
          SHARED_LINK_VISITOR,
        );
      const page = `<!doctype html><html><head><meta charset="utf-8"><title>${escapeHtml(item.name)} | Box emulator</title></head><body>
<h1>${escapeHtml(item.name)}</h1><p>Shared link (access: ${escapeHtml(link?.access ?? '')}) served by the local Box emulator.</p></body></html>`;
      return { kind: 'bytes', status: 200, body: Buffer.from(page), contentType: 'text/html; charset=utf-8' };
    },
  },
  {
    method: 'GET',
    pattern: '/shared/static/:file',
    access: 'public',
    handler: (req, services) => {
      const token = req.params.file.replace(/\..*$/, '');
      const now = services.settings.now();
      const item = itemBySharedToken(services.db, token, now);
      const link = item ? readSharedLink(item, now) : null;
      if (!item || !link || !item.sha1) throw notFound();
      if (link.access !== 'open' || link.passwordHash !== null || !link.canDownload) {
        throw new BoxApiError(
          403,
          'access_denied_insufficient_permissions',
          'This shared link needs a signed-in collaborator or a password',
        );
      }
      fileDownloaded(services, item, SHARED_LINK_VISITOR_ID, { shared_link_id: token }, SHARED_LINK_VISITOR);
      return serveContent(services.blobs, item.sha1, item.name, header(req, 'range'));
    },
  },
];
