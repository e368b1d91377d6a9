/**
 * Where a chat upload stands, shown in the officer's personal chat: the status card the bot sent
 * when the file came is updated in place (a new one is sent when there is none to update), and a
 * reminder goes out for a file never described. Someone the bot has no conversation with is logged.
 */
import { chatUploadCard, chatUploadReminderCard, type AdaptiveCard } from '../../cards';
import type { ChatUpload, ChatUploadNotifier } from '../../footage/chat-upload';
import type { Store } from '../../footage/ports/store';
import { logger } from '../../log';
import type { Proactive } from '../access/proactive';
import { toReference } from '../conversation-address';
import { statusView } from './views';

export class TeamsChatUploadNotifier implements ChatUploadNotifier {
  constructor(
    private readonly store: Store,
    private readonly proactive: Proactive,
    private readonly settings: { maxBytes: number; stagingDays: number },
  ) {}

  async show(upload: ChatUpload, note?: string): Promise<void> {
    const card = chatUploadCard(statusView(upload, this.settings.maxBytes, note));
    const { personal } = await this.store.conversations.get(upload.uploaderAadObjectId);
    if (!personal) {
      logger.warn({ uploadId: upload.id }, 'no personal conversation to show a chat upload in');
      return;
    }
    try {
      if (upload.cardActivityId) {
        await this.proactive.update(toReference(personal.address), upload.cardActivityId, card);
        return;
      }
      const id = await this.proactive.send(toReference(personal.address), card);
      if (id) await this.store.chatUploads.update(upload.id, { cardActivityId: id });
    } catch (error) {
      logger.warn({ err: error, uploadId: upload.id }, 'chat upload card could not be shown');
    }
  }

  async remind(upload: ChatUpload): Promise<boolean> {
    const card = chatUploadReminderCard(
      {
        uploadId: upload.id,
        fileName: upload.fileName,
        sizeBytes: upload.sizeBytes,
        uploaderName: '',
        stagedAt: upload.createdAt,
      },
      this.settings.stagingDays,
    );
    return this.send(upload, card);
  }

  private async send(upload: ChatUpload, card: AdaptiveCard): Promise<boolean> {
    const { personal } = await this.store.conversations.get(upload.uploaderAadObjectId);
    if (!personal) return false;
    try {
      await this.proactive.send(toReference(personal.address), card);
      return true;
    } catch (error) {
      logger.warn({ err: error, uploadId: upload.id }, 'chat upload reminder could not be delivered');
      return false;
    }
  }
}
