/**
 * The footage-request flow's messages in Teams, sent proactively through the personal conversation
 * reference stored for each person. Someone the bot has no reference for is logged, not retried:
 * what arrived stays in the store and in `my footage requests`.
 */
import {
  arrivalCard,
  arrivalFailureNotice,
  footageRequestCard,
  supervisorArrivalNotice,
  type AdaptiveCard,
} from '../../cards';
import type { FootageRequest, FootageRequestNotifier, IntakeFile } from '../../footage/footage-requests';
import type { Person } from '../../footage/people';
import type { Store } from '../../footage/ports/store';
import { logger } from '../../log';
import type { Proactive } from '../access/proactive';
import { toReference } from '../conversation-address';
import type { FootageRequestViews } from './views';

export class TeamsFootageNotifier implements FootageRequestNotifier {
  constructor(
    private readonly store: Store,
    private readonly proactive: Proactive,
    private readonly views: FootageRequestViews,
  ) {}

  filesArrived(request: FootageRequest, files: IntakeFile[]): Promise<boolean> {
    return this.sendTo(request.requesterAadObjectId, arrivalCard(this.views.arrival(request, files)), request.id);
  }

  async supervisorsNoticed(request: FootageRequest, files: IntakeFile[], supervisors: Person[]): Promise<void> {
    const officer = await this.store.people.findByAadObjectId(request.requesterAadObjectId);
    const card = supervisorArrivalNotice({
      requestId: request.id,
      caseReference: request.caseReference,
      cameraId: files[0]?.cameraId ?? request.cameras[0].cameraId,
      officerName: officer?.name ?? 'an officer',
      fileCount: files.length,
      flagged: files.filter((f) => f.isVideo === false || f.duplicateOfFileId !== null).length,
    });
    for (const supervisor of supervisors) await this.sendTo(supervisor.aadObjectId, card, request.id);
  }

  async arrivalFailed(request: FootageRequest, file: IntakeFile, reason: string): Promise<void> {
    await this.sendTo(
      request.requesterAadObjectId,
      arrivalFailureNotice({
        requestId: request.id,
        caseReference: request.caseReference,
        cameraId: file.cameraId,
        fileName: file.fileName,
        reason,
      }),
      request.id,
    );
  }

  async requestCompleted(request: FootageRequest): Promise<void> {
    const view = await this.views.request(request, {
      text: 'Complete: every owner has sent their footage, so their upload links are closed.',
      style: 'good',
    });
    await this.sendTo(request.requesterAadObjectId, footageRequestCard(view), request.id);
  }

  private async sendTo(aadObjectId: string, card: AdaptiveCard, requestId: string): Promise<boolean> {
    const { personal } = await this.store.conversations.get(aadObjectId);
    if (!personal) {
      logger.warn({ requestId, to: aadObjectId }, 'no personal conversation to send a footage request message to');
      return false;
    }
    try {
      await this.proactive.send(toReference(personal.address), card);
      return true;
    } catch (error) {
      logger.warn({ err: error, requestId, to: aadObjectId }, 'footage request message could not be delivered');
      return false;
    }
  }
}
