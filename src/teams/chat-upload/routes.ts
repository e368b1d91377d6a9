/**
 * Files attached in the chat, in Teams: the message that carries them (personal chat: copy and
 * ask; elsewhere: say where to send them), the form's Catalogue it / Don't keep it, and the
 * admins' `waiting uploads`.
 */
import type { TurnContext } from 'botbuilder';
import { CardFactory, MessageFactory } from 'botbuilder';
import { randomUUID } from 'node:crypto';
import {
  chatUploadCard,
  chatUploadFormCard,
  chatUploadWrongPlaceCard,
  refusalCard,
  stagedUploadsCard,
  type AdaptiveCard,
  type ParsedCardAction,
} from '../../cards';
import type { ChatUploadNotifier, ChatUploadService } from '../../footage/chat-upload';
import type { Person } from '../../footage/people';
import type { Store } from '../../footage/ports/store';
import { scopeOf, sendCard } from '../turn-helpers';
import { downloadableFiles } from './attachments';
import { firstFormView, statusView } from './views';

export interface ChatUploadRouteDeps {
  store: Store;
  service: ChatUploadService;
  notifier: ChatUploadNotifier;
  maxBytes: number;
}

const SHOWN_WAITING = 20;

/** The message with files: in the personal chat, one status card and one form per file. */
export async function receiveFiles(context: TurnContext, deps: ChatUploadRouteDeps, person: Person): Promise<void> {
  const files = downloadableFiles(context.activity);
  if (scopeOf(context) !== 'personal' || files.length === 0) {
    await sendCard(context, chatUploadWrongPlaceCard());
    return;
  }
  const uploads = await deps.service.receive(person, context.activity.id ?? randomUUID(), files);
  for (const upload of uploads) {
    // The same message delivered again: its cards were sent the first time.
    if (upload.cardActivityId) continue;
    const statusId = await sendCard(context, chatUploadCard(statusView(upload, deps.maxBytes)));
    if (statusId) {
      await deps.store.chatUploads.update(upload.id, { cardActivityId: statusId });
      // A small file may be in Box already, its card shown as a new message before this id was kept.
      const latest = await deps.store.chatUploads.get(upload.id);
      if (latest && latest.state !== upload.state)
        await replaceCard(context, statusId, chatUploadCard(statusView(latest, deps.maxBytes)));
    }
    await sendCard(context, chatUploadFormCard(firstFormView(upload, context.activity.text)));
  }
}

export async function describe(
  deps: ChatUploadRouteDeps,
  person: Person,
  action: Extract<ParsedCardAction, { verb: 'chatUpload.describe' }>,
): Promise<AdaptiveCard> {
  const outcome = await deps.service.describe(person, action.uploadId, action);
  switch (outcome.kind) {
    case 'refused':
      return refusalCard({ reason: outcome.reason });
    case 'invalid':
      return chatUploadFormCard({
        uploadId: outcome.upload.id,
        fileName: outcome.upload.fileName,
        footage: outcome.field === 'keepNonFootage' ? false : firstFormView(outcome.upload, undefined).footage,
        values: {
          cameraId: action.cameraId,
          date: action.date,
          from: action.from,
          to: action.to,
          endDate: action.endDate,
          caseReference: action.caseReference,
          cameFrom: action.cameFrom,
          keepNonFootage: action.keepNonFootage,
          place: action.place,
          owner: action.owner,
        },
        problem: outcome.problem,
      });
    case 'already':
    case 'described': {
      const note =
        outcome.upload.state === 'receiving'
          ? 'Thank you: it is catalogued as soon as the copy into Box finishes.'
          : undefined;
      if (outcome.kind === 'described') await deps.notifier.show(outcome.upload);
      return chatUploadCard(statusView(outcome.upload, deps.maxBytes, note));
    }
  }
}

export async function discard(deps: ChatUploadRouteDeps, person: Person, uploadId: string): Promise<AdaptiveCard> {
  const outcome = await deps.service.discard(person, uploadId);
  if ('refused' in outcome) return refusalCard({ reason: outcome.refused });
  await deps.notifier.show(outcome);
  return chatUploadCard(statusView(outcome, deps.maxBytes));
}

/** Admins: the files in staging nobody described yet. */
export async function waitingUploads(deps: ChatUploadRouteDeps, person: Person): Promise<AdaptiveCard> {
  if (person.role !== 'admin')
    return refusalCard({
      reason:
        'Only CCTV administrators can list the files waiting in staging. Your own files show on their cards in this chat.',
    });
  const waiting = await deps.service.waiting({ limit: SHOWN_WAITING + 1 });
  const items = await Promise.all(
    waiting.slice(0, SHOWN_WAITING).map(async (upload) => ({
      uploadId: upload.id,
      fileName: upload.fileName,
      sizeBytes: upload.sizeBytes,
      uploaderName:
        (await deps.store.people.findByAadObjectId(upload.uploaderAadObjectId))?.name ??
        'someone no longer on the roster',
      stagedAt: upload.createdAt,
    })),
  );
  return stagedUploadsCard(items, waiting.length);
}

async function replaceCard(context: TurnContext, activityId: string, card: AdaptiveCard): Promise<void> {
  const activity = MessageFactory.attachment(CardFactory.adaptiveCard(card));
  activity.id = activityId;
  await context.updateActivity(activity);
}
