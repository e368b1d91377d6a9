/**
 * Who may do what to an item. Access comes from owning it or from a collaboration on the item or on
 * any folder above it (Box's collaborations cascade down the tree); the strongest role wins.
 */

import { collaborationsOfUser, type CollaborationRole, type ExpiryPolicy } from './state/collaborations';
import type { Db } from './state/db';
import { chain, type ItemRow } from './state/items';

export type AccessRole = 'owner' | CollaborationRole;

export interface Capabilities {
  /** See the item at all: get it, list it, read its metadata. Without this Box answers 404. */
  view: boolean;
  preview: boolean;
  download: boolean;
  upload: boolean;
  /** Rename, write metadata, set shared links. */
  edit: boolean;
  invite: boolean;
  delete: boolean;
}

const RANK: Record<AccessRole, number> = {
  owner: 8,
  'co-owner': 7,
  editor: 6,
  'viewer uploader': 5,
  viewer: 4,
  'previewer uploader': 3,
  previewer: 2,
  uploader: 1,
};

const CAPABILITIES: Record<AccessRole, Capabilities> = {
  owner: { view: true, preview: true, download: true, upload: true, edit: true, invite: true, delete: true },
  'co-owner': { view: true, preview: true, download: true, upload: true, edit: true, invite: true, delete: true },
  editor: { view: true, preview: true, download: true, upload: true, edit: true, invite: true, delete: true },
  'viewer uploader': {
    view: true,
    preview: true,
    download: true,
    upload: true,
    edit: false,
    invite: false,
    delete: false,
  },
  viewer: { view: true, preview: true, download: true, upload: false, edit: false, invite: false, delete: false },
  'previewer uploader': {
    view: true,
    preview: true,
    download: false,
    upload: true,
    edit: false,
    invite: false,
    delete: false,
  },
  previewer: { view: true, preview: true, download: false, upload: false, edit: false, invite: false, delete: false },
  // An uploader can put files into a folder it cannot look into.
  uploader: { view: false, preview: false, download: false, upload: true, edit: false, invite: false, delete: false },
};

const NONE: Capabilities = {
  view: false,
  preview: false,
  download: false,
  upload: false,
  edit: false,
  invite: false,
  delete: false,
};

export function capabilitiesOf(role: AccessRole | null): Capabilities {
  return role ? CAPABILITIES[role] : NONE;
}

export function strongest(a: AccessRole | null, b: AccessRole | null): AccessRole | null {
  if (!a) return b;
  if (!b) return a;
  return RANK[a] >= RANK[b] ? a : b;
}

export class AccessResolver {
  private collabs: Map<number, { role: CollaborationRole }> | undefined;

  constructor(
    private readonly db: Db,
    readonly userId: number,
    private readonly policy: ExpiryPolicy,
  ) {}

  private collaborations(): Map<number, { role: CollaborationRole }> {
    this.collabs ??= collaborationsOfUser(this.db, this.userId, this.policy);
    return this.collabs;
  }

  /** The user's role on the item given its chain (the item then its ancestors). */
  roleOnChain(items: readonly ItemRow[]): AccessRole | null {
    let role: AccessRole | null = null;
    for (const item of items) {
      if (item.owner_id === this.userId) return 'owner';
      role = strongest(role, this.collaborations().get(item.id)?.role ?? null);
    }
    return role;
  }

  roleOn(itemId: number): AccessRole | null {
    return this.roleOnChain(chain(this.db, itemId));
  }

  /** Ids of the items the user reaches directly (owned top-level items and collaborated items). */
  directlyCollaborated(): number[] {
    return [...this.collaborations().keys()];
  }
}
