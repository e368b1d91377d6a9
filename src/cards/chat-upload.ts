/**
 * A file attached in the chat, on one card updated in place: copying (with "412 MB of 1.2 GB" for a
 * big file), the form that asks what the footage is (prefilled from the file name and the message),
 * then described, already in Box, or why nothing was kept. Also the reply in a group chat or channel
 * (files reach the bot only in the personal chat), the reminder of a file never described, and the
 * admin's list of what waits in staging.
 */
import { formatLondonDateTime } from '../footage/format';
import { card, execute, facts, heading, notice, subtle, text } from './elements';
import { formatBytes, shortHash } from './footage-arrival';
import { caseReferenceInput, footageWindowInputs, initial } from './footage-inputs';
import type { AdaptiveCard, CardAction, CardElement } from './schema';
import { safeLine } from './text';
import { CARD_VERBS, INPUT_IDS } from './verbs';

export const CAME_FROM_MAX_CHARS = 500;

export type ChatUploadCardState = 'receiving' | 'staged' | 'submitted' | 'duplicate' | 'failed' | 'discarded';

export type ChatUploadFailureCode =
  | 'expired_link'
  | 'empty_file'
  | 'too_large'
  | 'incomplete_download'
  | 'unknown_size'
  | 'box_refused'
  | 'box_unavailable';

export interface ChatUploadFormValues {
  cameraId: string;
  /** London wall clock, as the inputs show it. */
  date: string;
  from: string;
  to: string;
  endDate: string;
  caseReference: string;
  cameFrom: string;
  keepNonFootage: boolean;
  place: string;
  owner: string;
}

export interface ChatUploadCardView {
  uploadId: string;
  fileName: string;
  state: ChatUploadCardState;
  sizeBytes: number | null;
  transferredBytes: number;
  sha256: string | null;
  /** A line about where things stand (e.g. what to change on the form). */
  problem?: string;
  failure?: { code: ChatUploadFailureCode; maxBytes: number };
  duplicateOf?: { fileId: string; fileName: string };
  /** Described: what the officer said, for the card that replaces the form. */
  described?: { cameraId: string; window: string; caseReference: string };
}

/** Where the upload stands: updated in place as it goes (progress, in Box, failed, already there). */
export function chatUploadCard(view: ChatUploadCardView): AdaptiveCard {
  const name = safeLine(view.fileName, 120);
  const body: CardElement[] = [heading(headline(view, name))];
  body.push(...status(view));
  if (view.problem) body.push(notice(safeLine(view.problem, 400), 'attention'));
  return card(body, { fallbackText: `${view.fileName}: ${headline(view, view.fileName)}` });
}

export interface ChatUploadFormView {
  uploadId: string;
  fileName: string;
  /** False when the name or the bytes say it is not video: the form then asks to keep it explicitly. */
  footage: boolean;
  values: Partial<ChatUploadFormValues>;
  /** What to change, when the form comes back. */
  problem?: string;
}

/**
 * What the footage is, on a card of its own: the status card above it changes as the copy goes,
 * and replacing a card while someone types in it would lose what they typed.
 */
export function chatUploadFormCard(view: ChatUploadFormView): AdaptiveCard {
  const body: CardElement[] = [heading(`What is ${safeLine(view.fileName, 120)}?`)];
  if (view.problem) body.push(notice(safeLine(view.problem, 400), 'attention'));
  body.push(...formInputs(view));
  const actions: CardAction[] = [
    execute(CARD_VERBS.chatUploadDescribe, { uploadId: view.uploadId }, 'Catalogue it', { style: 'positive' }),
  ];
  if (!view.footage)
    actions.push(
      execute(CARD_VERBS.chatUploadDiscard, { uploadId: view.uploadId }, "Don't keep it", { associatedInputs: 'None' }),
    );
  return card(body, { actions, fallbackText: `Tell me what ${view.fileName} is.` });
}

function headline(view: ChatUploadCardView, name: string): string {
  switch (view.state) {
    case 'receiving':
      return `Copying ${name} into Box`;
    case 'staged':
      return `${name} is in Box`;
    case 'submitted':
      return `${name}: cataloguing`;
    case 'duplicate':
      return `${name} is already in Box`;
    case 'discarded':
      return `${name} was not kept`;
    case 'failed':
      return failureTitle(view.failure?.code, name);
  }
}

function status(view: ChatUploadCardView): CardElement[] {
  const lines: CardElement[] = [];
  if (view.state === 'receiving') {
    lines.push(
      text(
        view.sizeBytes
          ? `${formatBytes(view.transferredBytes)} of ${formatBytes(view.sizeBytes)}`
          : 'Started copying: Teams\u2019 download link lasts only minutes, so I copy first and ask second.',
      ),
    );
  }
  if (view.state === 'failed' && view.failure)
    lines.push(text(failureMessage(view.failure.code, view, view.failure.maxBytes)));
  if (view.state === 'duplicate' && view.duplicateOf) {
    lines.push(
      text(
        `The same content (SHA-256 ${shortHash(view.sha256 ?? '')}) is already the recording **${safeLine(view.duplicateOf.fileName, 120)}** (Box file ${safeLine(view.duplicateOf.fileId, 20)}), so it was not stored twice. Search for that recording to request access to it.`,
      ),
    );
  }
  if (view.state === 'discarded') lines.push(text('The copy in the staging folder was deleted.'));
  if (view.state === 'staged' && !view.problem)
    lines.push(text('Fill in the card below (camera, time, case, where it came from) and it is catalogued.'));
  if (view.state === 'submitted' && view.described) {
    lines.push(
      facts([
        ['Camera', safeLine(view.described.cameraId, 20)],
        ['Window', view.described.window],
        ['Case', safeLine(view.described.caseReference, 20)],
      ]),
    );
    lines.push(
      subtle(
        'It is being hashed, catalogued and moved into the camera\u2019s folder; the arrival card follows with its SHA-256 and your access.',
      ),
    );
  }
  if (view.sha256 && (view.state === 'staged' || view.state === 'submitted')) {
    lines.push(subtle(`${view.sizeBytes === null ? '' : `${formatBytes(view.sizeBytes)} · `}SHA-256 ${view.sha256}`));
  }
  return lines;
}

function formInputs(view: ChatUploadFormView): CardElement[] {
  const v = view.values;
  const inputs: CardElement[] = [
    {
      type: 'Input.Text',
      id: INPUT_IDS.uploadCameraId,
      label: 'Camera id (as on its sign or in the results)',
      placeholder: 'e.g. LAM-0105',
      maxLength: 20,
      ...initial(v.cameraId, 20),
      separator: true,
    },
    subtle('Camera not registered? Leave the id empty and say where it is and who runs it:'),
    {
      type: 'Input.Text',
      id: INPUT_IDS.uploadPlace,
      label: 'Place (a station, street or landmark)',
      placeholder: 'e.g. Brixton Station',
      maxLength: 100,
      ...initial(v.place, 100),
    },
    {
      type: 'Input.Text',
      id: INPUT_IDS.uploadOwner,
      label: 'Who runs the camera',
      placeholder: 'e.g. Co-op Acre Lane',
      maxLength: 120,
      ...initial(v.owner, 120),
    },
    ...footageWindowInputs(v, 'Recorded on (London time)'),
    caseReferenceInput(v.caseReference),
    {
      type: 'Input.Text',
      id: INPUT_IDS.cameFrom,
      label: 'Where it came from (who gave it to you, on what)',
      placeholder: 'e.g. the manager of Co-op Acre Lane, on a USB stick',
      isMultiline: true,
      maxLength: CAME_FROM_MAX_CHARS,
      isRequired: true,
      errorMessage: `Say where the footage came from, in at most ${CAME_FROM_MAX_CHARS} characters.`,
      ...initial(v.cameFrom, CAME_FROM_MAX_CHARS),
    },
  ];
  if (!view.footage) {
    // A one-choice multi-select is a tick box; the schema types here have no Input.Toggle.
    inputs.push({
      type: 'Input.ChoiceSet',
      id: INPUT_IDS.keepNonFootage,
      label: 'This is not a video file',
      isMultiSelect: true,
      style: 'expanded',
      choices: [{ title: 'Keep it with the footage', value: 'true' }],
      ...(v.keepNonFootage ? { value: 'true' } : {}),
      wrap: true,
    });
  }
  inputs.push(
    subtle(
      'It is then catalogued like footage from an owner: hashed, moved into the camera\u2019s folder in Box, and shared with you.',
    ),
  );
  return inputs;
}

function failureTitle(code: ChatUploadFailureCode | undefined, name: string): string {
  switch (code) {
    case 'expired_link':
      return `The download link for ${name} expired`;
    case 'empty_file':
      return `${name} is empty`;
    case 'too_large':
      return `${name} is too big to send here`;
    case 'incomplete_download':
      return `The download of ${name} stopped half way`;
    case 'unknown_size':
      return `I could not tell how big ${name} is`;
    case 'box_unavailable':
      return `Box did not answer while copying ${name}`;
    default:
      return `Box refused ${name}`;
  }
}

function failureMessage(code: ChatUploadFailureCode, view: ChatUploadCardView, maxBytes: number): string {
  const nothingKept = 'Nothing was kept in Box.';
  switch (code) {
    case 'expired_link':
      return `Teams\u2019 link to the file stopped working before I could copy it (the links last only minutes). ${nothingKept} Send the file again in this chat.`;
    case 'empty_file':
      return `The file has no content (0 bytes). ${nothingKept} Check the export on the stick or phone and send it again.`;
    case 'too_large':
      return `It is ${view.sizeBytes === null ? 'over' : formatBytes(view.sizeBytes)}; files sent in the chat may be at most ${formatBytes(maxBytes)}. ${nothingKept} Split the export into smaller files, or ask your CCTV administrator to load it into Box.`;
    case 'incomplete_download':
      return `The download ended before the whole file arrived${view.sizeBytes ? ` (${formatBytes(view.transferredBytes)} of ${formatBytes(view.sizeBytes)})` : ''}. ${nothingKept} Send the file again.`;
    case 'unknown_size':
      return `Teams did not say the file\u2019s size, so it could not be copied safely. ${nothingKept} Send it again.`;
    case 'box_unavailable':
      return `I tried several times. ${nothingKept} Send the file again in a few minutes.`;
    case 'box_refused':
      return `${nothingKept} Send it again; if this happens again, tell your CCTV administrator.`;
  }
}

/** Files sent in a group chat or a channel do not reach bots: they must come in the personal chat. */
export function chatUploadWrongPlaceCard(): AdaptiveCard {
  return card(
    [
      heading('Send footage to me in our personal chat'),
      text(
        'Files shared here do not reach me: Teams gives bots files only in a one-to-one chat. Open a chat with CCTV Footage and attach the files there; I copy them into Box and ask what they are.',
      ),
    ],
    { fallbackText: 'Send footage files to CCTV Footage in the personal chat.' },
  );
}

export interface StagedUploadItem {
  uploadId: string;
  fileName: string;
  sizeBytes: number | null;
  uploaderName: string;
  stagedAt: Date;
}

/** The reminder of a file copied into Box but never described. */
export function chatUploadReminderCard(item: StagedUploadItem, days: number): AdaptiveCard {
  return card(
    [
      heading(`${safeLine(item.fileName, 120)} is still waiting for its details`),
      text(
        `You sent it on ${formatLondonDateTime(item.stagedAt)}; it has been in the staging folder for more than ${days === 1 ? 'a day' : `${days} days`} and is not catalogued until you fill in its card (camera, time, case, where it came from). Scroll up to that card, or send the file again.`,
      ),
    ],
    { fallbackText: `${item.fileName} is still waiting for its details.` },
  );
}

/** Admins: what waits in staging, oldest first. */
export function stagedUploadsCard(items: StagedUploadItem[], shownOf: number): AdaptiveCard {
  const body: CardElement[] = [
    heading(items.length === 0 ? 'Nothing is waiting in staging' : `Files waiting in staging: ${shownOf}`),
  ];
  if (items.length === 0) {
    body.push(text('Every file sent in the chat has been described and catalogued (or was not kept).'));
    return card(body, { fallbackText: 'Nothing is waiting in staging.' });
  }
  for (const item of items) {
    body.push(
      text(`**${safeLine(item.fileName, 120)}**${item.sizeBytes === null ? '' : ` · ${formatBytes(item.sizeBytes)}`}`, {
        separator: true,
      }),
    );
    body.push(
      subtle(
        `Sent by ${safeLine(item.uploaderName, 80)} on ${formatLondonDateTime(item.stagedAt)} · upload ${safeLine(item.uploadId, 20)}`,
      ),
    );
  }
  if (shownOf > items.length) body.push(subtle(`Showing the ${items.length} oldest.`));
  return card(body, { fallbackText: `${shownOf} files waiting in staging.` });
}
