/**
 * What the footage-request flow needs from Box beyond the recordings' own port: intake folders,
 * upload links (Box file requests), reading and moving what arrived, finding content by hash, and
 * the webhook that announces uploads. In the domain's words; src/box/ implements it with the SDK.
 *
 * Failures are the domain errors of src/footage/errors.ts, as for BoxPort.
 */
import type { Ensured } from './box';

export interface FileRequestSpec {
  /** The intake folder the uploads land in. */
  folderId: string;
  title: string;
  description: string;
  expiresAt: Date;
}

export interface UploadLink {
  fileRequestId: string;
  /** The public page where the owner uploads. */
  url: string;
}

/** A file as Box reports it: who put it there and when (for a file request, the submitter). */
export interface IntakeFileInfo {
  id: string;
  name: string;
  size: number | null;
  parentFolderId: string | null;
  uploadedBy: string | null;
  uploadedAt: Date | null;
}

export interface FoundContent {
  fileId: string;
  fileName: string;
}

export type TemplateCheck = { ok: true; title: string } | { ok: false; reason: string };

export interface IntakeBoxPort {
  /** `CCTV/_incoming/<name>` under the service account, made once; officers get no access to it. */
  ensureIntakeFolder(name: string): Promise<Ensured>;
  /** The `CCTV/_incoming` folder itself (the webhook's target). */
  intakeRootId(): Promise<string>;
  /** A copy of the template file request on the folder, active, with this wording and expiry. */
  createUploadLink(templateId: string, spec: FileRequestSpec): Promise<UploadLink>;
  /** The file request's expiry moves (extend) or it stops accepting uploads (cancel, expiry). */
  updateUploadLink(fileRequestId: string, change: { expiresAt?: Date; active?: boolean }): Promise<void>;
  checkUploadLinkTemplate(templateId: string): Promise<TemplateCheck>;
  getFileInfo(fileId: string): Promise<IntakeFileInfo>;
  /** The file's bytes as Box streams them; never buffered whole. */
  download(fileId: string): Promise<AsyncIterable<Uint8Array>>;
  /** Moves (and renames, when the name is taken there) into `folderId`; returns the final name. */
  moveFile(fileId: string, folderId: string, name: string): Promise<{ name: string }>;
  /** Recordings whose cctvFootage sha256 is this value. */
  findBySha256(sha256: string): Promise<FoundContent[]>;
  /** The FILE.UPLOADED webhook on a folder to `address`; an existing one for the same address is kept. */
  ensureUploadWebhook(folderId: string, address: string): Promise<Ensured>;
}
