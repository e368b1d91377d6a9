/**
 * Files and folders as Box returns them: mini forms inside other objects, the standard form by
 * default, and any field of the full form on request (`fields`).
 */

import { capabilitiesOf, type AccessRole } from '../access';
import type { Caller, Services } from '../context';
import { offsetPage, visibleChildren } from '../listing';
import { hasCollaborations } from '../state/collaborations';
import { anonymousUpload } from '../state/file-requests';
import { chain, folderSize, getItem, ROOT_ID, type ItemRow } from '../state/items';
import { getInstance, getTemplate, type MetadataTemplate } from '../state/metadata';
import { getUser, type UserRow } from '../state/users';
import { getWatermark } from '../state/watermarks';
import { boxDateTime } from '../time';
import { metadataFieldRequests, pick, type FieldProviders } from './fields';
import { fullScope, instanceSystemFields, instanceView } from './metadata';
import { extensionOf, sharedLinkView } from './shared-link';
import { ANONYMOUS_USER_ID, anonymousUserMini, NO_USER, userMini, type UserMini } from './users';

export const ROOT_MINI = { type: 'folder', id: '0', sequence_id: null, etag: null, name: 'All Files' } as const;

export function folderMini(item: ItemRow): Record<string, unknown> {
  return {
    type: 'folder',
    id: String(item.id),
    sequence_id: String(item.etag),
    etag: String(item.etag),
    name: item.name,
  };
}

export function fileMini(item: ItemRow): Record<string, unknown> {
  return {
    type: 'file',
    id: String(item.id),
    file_version: { type: 'file_version', id: String(item.version_id), sha1: item.sha1 },
    sequence_id: String(item.etag),
    etag: String(item.etag),
    sha1: item.sha1,
    name: item.name,
  };
}

export function itemMini(item: ItemRow): Record<string, unknown> {
  return item.type === 'file' ? fileMini(item) : folderMini(item);
}

const FILE_STANDARD = [
  'file_version',
  'sequence_id',
  'sha1',
  'name',
  'description',
  'size',
  'path_collection',
  'created_at',
  'modified_at',
  'trashed_at',
  'purged_at',
  'content_created_at',
  'content_modified_at',
  'created_by',
  'modified_by',
  'owned_by',
  'shared_link',
  'parent',
  'item_status',
];
const FOLDER_STANDARD = [
  'sequence_id',
  'name',
  'created_at',
  'modified_at',
  'description',
  'size',
  'path_collection',
  'created_by',
  'modified_by',
  'trashed_at',
  'purged_at',
  'content_created_at',
  'content_modified_at',
  'owned_by',
  'shared_link',
  'folder_upload_email',
  'parent',
  'item_status',
  'item_collection',
];
const ITEM_BASE = ['type', 'id', 'etag'];

const INVITEE_ROLES = [
  'editor',
  'viewer',
  'previewer',
  'uploader',
  'previewer uploader',
  'viewer uploader',
  'co-owner',
];

function userRef(services: Services, id: number): UserMini {
  const user: UserRow | undefined = getUser(services.db, id);
  return user ? userMini(user) : NO_USER;
}

/** The creator or modifier of an item, who may be someone without a Box account (a file request upload). */
export function actorRef(services: Services, item: ItemRow, id: number): ReturnType<typeof anonymousUserMini> {
  if (id !== ANONYMOUS_USER_ID) return userRef(services, id);
  return anonymousUserMini(anonymousUpload(services.db, item.id)?.email ?? null);
}

/** The path from "All Files" down to the item's parent, as far up as the caller can see. */
function pathCollection(items: readonly ItemRow[], caller: Caller): Record<string, unknown> {
  const ancestors = items.slice(1);
  let top = -1;
  for (let i = ancestors.length - 1; i >= 0; i--) {
    if (caller.access.roleOnChain(ancestors.slice(i)) !== null) {
      top = i;
      break;
    }
  }
  const visible = ancestors.slice(0, top + 1).reverse();
  const entries = [ROOT_MINI, ...visible.map(folderMini)];
  return { total_count: entries.length, entries };
}

/** What Box reports under `permissions` for a folder; files add the preview and annotation rights. */
function folderPermissions(role: AccessRole | null): Record<string, boolean> {
  const caps = capabilitiesOf(role);
  return {
    can_delete: caps.delete,
    can_download: caps.download,
    can_invite_collaborator: caps.invite,
    can_rename: caps.edit,
    can_set_share_access: caps.edit,
    can_share: caps.edit,
    can_upload: caps.upload,
  };
}

function filePermissions(role: AccessRole | null): Record<string, boolean> {
  const caps = capabilitiesOf(role);
  return {
    ...folderPermissions(role),
    can_annotate: caps.edit,
    can_comment: caps.preview,
    can_preview: caps.preview,
    can_view_annotations_all: caps.preview,
    can_view_annotations_self: caps.preview,
  };
}

/** The `metadata` field: full instances for item requests, system fields plus the asked-for keys in query results. */
function metadataField(
  item: ItemRow,
  services: Services,
  fields: readonly string[] | undefined,
  mode: 'full' | 'query',
  canEdit: boolean,
  known: KnownRows | undefined,
): Record<string, unknown> {
  const out: Record<string, Record<string, unknown>> = {};
  for (const request of metadataFieldRequests(fields)) {
    const scope = fullScope(request.scope, services);
    const template =
      known?.template(scope, request.templateKey) ?? getTemplate(services.db, scope, request.templateKey);
    const instance = template ? getInstance(services.db, item.id, scope, request.templateKey) : undefined;
    if (!template || !instance) continue;
    let value: Record<string, unknown>;
    if (mode === 'full') {
      value = instanceView(instance, template, item, canEdit);
    } else {
      const asked = Object.fromEntries(
        request.fieldKeys.filter((key) => key in instance.values).map((key) => [key, instance.values[key]]),
      );
      value = { ...asked, ...instanceSystemFields(instance, template, item, canEdit) };
    }
    out[scope] = { ...(out[scope] ?? {}), [request.templateKey]: value };
  }
  return out;
}

interface ViewOptions {
  fields: readonly string[] | undefined;
  metadataMode?: 'full' | 'query';
  known?: KnownRows;
}

/**
 * Rows the caller has already read in this request (a metadata query's page: every item's chain of
 * ancestors, the template), so that viewing a hundred items does not read each again.
 */
export interface KnownRows {
  /** The item followed by its ancestors, as `chain` reads them; undefined when not known. */
  chainOf(item: ItemRow): readonly ItemRow[] | undefined;
  template(scope: string, templateKey: string): MetadataTemplate | undefined;
}

function commonProviders(
  item: ItemRow,
  services: Services,
  caller: Caller,
  options: ViewOptions,
): { providers: FieldProviders; role: () => AccessRole | null } {
  let itemChain: readonly ItemRow[] | undefined = options.known?.chainOf(item);
  const getChain = (): readonly ItemRow[] => (itemChain ??= chain(services.db, item.id));
  let role: AccessRole | null | undefined;
  const getRole = (): AccessRole | null => (role === undefined ? (role = caller.access.roleOnChain(getChain())) : role);
  const parent =
    item.parent_id === ROOT_ID
      ? undefined
      : itemChain?.[1]?.id === item.parent_id
        ? itemChain[1]
        : getItem(services.db, item.parent_id);
  const providers: FieldProviders = {
    type: () => item.type,
    id: () => String(item.id),
    etag: () => String(item.etag),
    sequence_id: () => String(item.etag),
    name: () => item.name,
    description: () => item.description,
    created_at: () => boxDateTime(item.created_at),
    modified_at: () => boxDateTime(item.modified_at),
    trashed_at: () => null,
    purged_at: () => null,
    content_created_at: () => boxDateTime(item.content_created_at ?? item.created_at),
    content_modified_at: () => boxDateTime(item.content_modified_at ?? item.modified_at),
    created_by: () => actorRef(services, item, item.created_by),
    modified_by: () => actorRef(services, item, item.modified_by),
    owned_by: () => userRef(services, item.owner_id),
    shared_link: () => sharedLinkView(item, services, caller.now),
    parent: () => (parent ? folderMini(parent) : ROOT_MINI),
    path_collection: () => pathCollection(getChain(), caller),
    item_status: () => 'active',
    has_collaborations: () =>
      hasCollaborations(services.db, item.id, {
        enforce: services.settings.enforceCollaborationExpiry,
        now: caller.now,
      }),
    is_externally_owned: () => false,
    allowed_invitee_roles: () => INVITEE_ROLES,
    tags: () => [],
    watermark_info: () => ({
      is_watermarked: getWatermark(services.db, item.id) !== undefined,
      is_watermark_inherited: false,
      is_watermarked_by_access_policy: false,
    }),
    is_accessible_via_shared_link: () => sharedLinkView(item, services, caller.now) !== null,
    classification: () => null,
    is_associated_with_app_item: () => false,
    metadata: () =>
      metadataField(
        item,
        services,
        options.fields,
        options.metadataMode ?? 'full',
        capabilitiesOf(getRole()).edit,
        options.known,
      ),
  };
  return { providers, role: getRole };
}

/** Box answers `fields=metadata.x.y` with one `metadata` object, so those names all map to it. */
function withMetadataRequested(fields: readonly string[] | undefined): string[] | undefined {
  if (!fields) return undefined;
  return fields.map((field) => (field.startsWith('metadata.') ? 'metadata' : field));
}

export function fileView(
  item: ItemRow,
  services: Services,
  caller: Caller,
  options: ViewOptions,
): Record<string, unknown> {
  const { providers, role } = commonProviders(item, services, caller, options);
  Object.assign(providers, {
    file_version: () => ({ type: 'file_version', id: String(item.version_id), sha1: item.sha1 }),
    sha1: () => item.sha1,
    size: () => item.size,
    extension: () => extensionOf(item.name),
    version_number: () => String(item.version_number ?? 1),
    comment_count: () => 0,
    permissions: () => filePermissions(role()),
    lock: () => null,
    is_package: () => false,
    expires_at: () => null,
    uploader_display_name: () => actorRef(services, item, item.created_by).name,
    disposition_at: () => null,
    shared_link_permission_options: () => ['can_preview', 'can_download'],
    expiring_embed_link: () => {
      if (!capabilitiesOf(role()).preview) return undefined;
      const link = services.previews.create(item.id, caller.user.id);
      return { url: link.url, expires_in: link.expiresIn, token_type: 'bearer', restricted_to: [] };
    },
  } satisfies FieldProviders);
  return pick(providers, ITEM_BASE, withMetadataRequested(options.fields), FILE_STANDARD);
}

export function folderView(
  item: ItemRow,
  services: Services,
  caller: Caller,
  options: ViewOptions,
): Record<string, unknown> {
  const { providers, role } = commonProviders(item, services, caller, options);
  Object.assign(providers, {
    size: () => folderSize(services.db, item.id),
    folder_upload_email: () => null,
    item_collection: () => itemCollection(services, caller, item.id),
    permissions: () => folderPermissions(role()),
    sync_state: () => 'not_synced',
    can_non_owners_invite: () => true,
    can_non_owners_view_collaborators: () => true,
    is_collaboration_restricted_to_enterprise: () => false,
    allowed_shared_link_access_levels: () => ['open', 'company', 'collaborators'],
  } satisfies FieldProviders);
  return pick(providers, ITEM_BASE, withMetadataRequested(options.fields), FOLDER_STANDARD);
}

export function itemView(
  item: ItemRow,
  services: Services,
  caller: Caller,
  options: ViewOptions,
): Record<string, unknown> {
  return item.type === 'file' ? fileView(item, services, caller, options) : folderView(item, services, caller, options);
}

/** The first page of a folder's entries, embedded in the folder object. */
function itemCollection(services: Services, caller: Caller, folderId: number): Record<string, unknown> {
  const page = offsetPage(visibleChildren(services, caller, folderId), 0, 100);
  return {
    total_count: page.totalCount,
    entries: page.entries.map(itemMini),
    offset: 0,
    limit: 100,
    order: DEFAULT_ORDER,
  };
}

export const DEFAULT_ORDER = [
  { by: 'type', direction: 'ASC' },
  { by: 'name', direction: 'ASC' },
];

/** "All Files": every user's root, owned by the user looking at it. */
export function rootView(
  services: Services,
  caller: Caller,
  fields: readonly string[] | undefined,
): Record<string, unknown> {
  const me = userMini(caller.user);
  const providers: FieldProviders = {
    type: () => 'folder',
    id: () => '0',
    etag: () => null,
    sequence_id: () => null,
    name: () => 'All Files',
    created_at: () => null,
    modified_at: () => null,
    description: () => '',
    size: () =>
      visibleChildren(services, caller, ROOT_ID).reduce(
        (sum, item) => sum + (item.type === 'file' ? item.size : folderSize(services.db, item.id)),
        0,
      ),
    path_collection: () => ({ total_count: 0, entries: [] }),
    // Box sends an empty user ({id: '', login: ''}) here, which its own spec rejects (login is an email).
    created_by: () => me,
    modified_by: () => me,
    trashed_at: () => null,
    purged_at: () => null,
    content_created_at: () => null,
    content_modified_at: () => null,
    owned_by: () => me,
    shared_link: () => null,
    folder_upload_email: () => null,
    parent: () => null,
    item_status: () => 'active',
    item_collection: () => itemCollection(services, caller, ROOT_ID),
    permissions: () => folderPermissions('owner'),
    has_collaborations: () => false,
  };
  return pick(providers, ITEM_BASE, fields, FOLDER_STANDARD);
}
