import type { RecordingMetadata } from '../recording';
import type { RecordingPage, RecordingSearch } from '../search';

/**
 * The domain's view of Box: what the bot needs from it, in the domain's own words. The adapter in
 * src/box/ implements it with box-node-sdk; nothing here mentions the SDK, so the domain can be
 * reasoned about (and its services written) without knowing how Box is reached.
 *
 * Every method fails with the domain errors of src/footage/errors.ts: NotFoundError (404),
 * PermissionDeniedError (403), ConflictError (409, with the existing item's id when Box names it),
 * InvalidInputError (a request Box or the gateway's policy refuses), UpstreamUnavailableError (Box
 * kept answering 429/5xx, or could not be reached, after the gateway's retries).
 */
export interface BoxUser {
  id: string;
  name: string;
  login: string;
}

export interface FolderItem {
  id: string;
  name: string;
  type: 'file' | 'folder' | 'web_link';
}

/** Result of an idempotent "make sure it exists": the id, and whether this call made it. */
export interface Ensured {
  id: string;
  created: boolean;
}

export type MetadataWriteOutcome = 'created' | 'updated' | 'unchanged';

/** `previewer` lets the person watch in Box only; `viewer` also lets them download. */
export type GrantRole = 'viewer' | 'previewer';

/** Who gets access: a Box user id, or a login (email) that must already belong to a Box user. */
export type GrantTarget = { userId: string } | { login: string };

export type GrantRequest = GrantTarget & {
  fileId: string;
  role: GrantRole;
  /** Box removes the collaboration then (if the enterprise allows expiry); the bot revokes too. */
  expiresAt: Date;
};

export interface Grant {
  collaborationId: string;
  userId: string;
}

/** `open` is refused unless the gateway was configured to allow it (outside partners only). */
export type SharedLinkAccess = 'collaborators' | 'company' | 'open';

export interface SharedLinkSettings {
  access: SharedLinkAccess;
  unsharedAt: Date;
  canDownload: boolean;
  /** Required for `open` links. */
  password?: string;
}

export interface SharedLink {
  url: string;
  downloadUrl: string | null;
  access: SharedLinkAccess;
  unsharedAt: string | null;
  canDownload: boolean;
}

export interface BoxFile {
  id: string;
  name: string;
  size: number | null;
  parentFolderId: string | null;
  sha1: string | null;
  sharedLink: SharedLink | null;
  /** The folders above the file, outermost first (Box's path collection); absent when not asked for. */
  ancestorFolderIds?: string[];
}

export interface Thumbnail {
  contentType: string;
  bytes: Buffer;
}

export interface BoxPort {
  // Identity and health
  /** The account the bot acts as (service account); also a cheap "is Box reachable" check. */
  whoAmI(): Promise<BoxUser>;
  /** Exact (case-insensitive) login match among the enterprise's users; null when there is none. */
  findUserByLogin(login: string): Promise<BoxUser | null>;
  /** Returns the user with this login, creating a managed user when there is none. */
  ensureUser(user: { name: string; login: string }): Promise<{ user: BoxUser; created: boolean }>;

  // Folders, files and the recordings' metadata (seeding and later uploads)
  /** Makes sure `parentId` has a sub-folder called `name` (409 races resolve to the existing one). */
  ensureFolder(parentId: string, name: string): Promise<Ensured>;
  /** Makes sure the folder path exists under the root folder; returns the last folder's id. */
  ensureFolderPath(names: string[]): Promise<string>;
  /** Every item directly in a folder (all pages). */
  listFolder(folderId: string): Promise<FolderItem[]>;
  /** Creates (or completes) the enterprise template `cctvFootage`. */
  ensureMetadataTemplate(): Promise<{ created: boolean }>;
  /**
   * Uploads `content` as `fileName` unless the folder already holds a file of that name, in which
   * case the existing file's id is returned and nothing is uploaded. Large content goes through a
   * chunked upload session.
   */
  uploadFileIfMissing(
    folderId: string,
    fileName: string,
    content: Buffer,
  ): Promise<{ fileId: string; created: boolean }>;
  /**
   * Writes the cctvFootage instance on a file: creates it, or patches only the fields that differ.
   * `current`, when the caller has just read the instance (null: the file has none), spares a read.
   */
  setRecordingMetadata(
    fileId: string,
    metadata: RecordingMetadata,
    current?: RecordingMetadata | null,
  ): Promise<MetadataWriteOutcome>;
  /** The cctvFootage instance on a file, or null when the file has none. */
  getRecordingMetadata(fileId: string): Promise<RecordingMetadata | null>;

  // Search (one Box metadata query per page)
  searchRecordings(search: RecordingSearch): Promise<RecordingPage>;

  // Grants, links and checks
  /** A collaboration without Box's notification email; re-granting the same person updates it. */
  grantAccess(request: GrantRequest): Promise<Grant>;
  /** True when removed now, false when it was already gone. */
  removeCollaboration(collaborationId: string): Promise<boolean>;
  setSharedLink(fileId: string, settings: SharedLinkSettings): Promise<SharedLink>;
  /** Removes the file's shared link; a missing file or link is not an error. */
  removeSharedLink(fileId: string): Promise<void>;
  /** A small image of the recording, or null when Box has none (yet). */
  getThumbnail(fileId: string): Promise<Thumbnail | null>;
  /** Whether `userId` can see the file, asked as that user (As-User): proves grants and revocations. */
  canUserSeeFile(fileId: string, userId: string): Promise<boolean>;
  getFile(fileId: string): Promise<BoxFile>;
  /** The folder every recording lives under (`CCTV/`): a file elsewhere is not a recording, whatever its metadata. */
  footageRootId(): Promise<string>;
}
