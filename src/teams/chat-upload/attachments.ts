/**
 * Files in a Teams message. In the personal chat, a bot with supportsFiles receives each file as an
 * attachment of type `application/vnd.microsoft.teams.file.download.info` (a pre-authorised,
 * short-lived downloadUrl, Teams' uniqueId and fileType, the name on the attachment). In a group
 * chat or a channel bots get no such attachment, only a reference or the message's HTML.
 */
import type { Activity } from 'botbuilder';
import type { AttachedFile } from '../../footage/chat-upload';

export const FILE_DOWNLOAD_INFO = 'application/vnd.microsoft.teams.file.download.info';

/** The downloadable files of a message, read defensively (an activity is outside input). */
export function downloadableFiles(activity: Partial<Activity>): AttachedFile[] {
  return (activity.attachments ?? []).flatMap((attachment) => {
    if (attachment.contentType !== FILE_DOWNLOAD_INFO) return [];
    const content = attachment.content as Record<string, unknown> | undefined;
    const downloadUrl = typeof content?.downloadUrl === 'string' ? content.downloadUrl : undefined;
    if (!downloadUrl || !/^https?:\/\//i.test(downloadUrl) || downloadUrl.length > 8192) return [];
    const uniqueId =
      typeof content?.uniqueId === 'string' && content.uniqueId !== ''
        ? content.uniqueId.slice(0, 200)
        : downloadUrl.slice(-64);
    const fileType = typeof content?.fileType === 'string' ? content.fileType.slice(0, 20) : null;
    const name =
      typeof attachment.name === 'string' && attachment.name.trim() !== ''
        ? attachment.name
        : `attachment.${fileType ?? 'bin'}`;
    return [{ uniqueId, name, fileType, downloadUrl }];
  });
}

/** A message that carries a file in a place bots do not receive files (a reference, or an attachment tag in the HTML). */
export function mentionsSharedFile(activity: Partial<Activity>): boolean {
  return (activity.attachments ?? []).some(
    (attachment) =>
      attachment.contentType === FILE_DOWNLOAD_INFO ||
      attachment.contentType === 'reference' ||
      (attachment.contentType === 'text/html' &&
        typeof attachment.content === 'string' &&
        /<attachment\b/i.test(attachment.content)),
  );
}
