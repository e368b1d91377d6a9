/** The search-based message extension: results as a list to insert into a chat; anything else as one line. */
import type { Application, TurnState } from '@microsoft/teams-ai';
import { CardFactory, type MessagingExtensionAttachment } from 'botbuilder';
import { footageExtensionAttachment, resultRecording } from '../../cards';
import type { FindAnswer } from '../../footage/find';
import type { FindRouteDeps } from './deps';

const MESSAGE_EXTENSION_RESULTS = 25;
/** Teams waits 5 s for a message extension; the Box work must be done well before. */
const MESSAGE_EXTENSION_DEADLINE_MS = 4000;

export function registerMessageExtension(app: Application<TurnState>, deps: FindRouteDeps): void {
  app.messageExtensions.query('findFootage', async (context, _state, query) => {
    const text = String(query.parameters.query ?? '').trim();
    if (!text)
      return { type: 'message', text: 'Type what you are looking for, e.g. "near Brixton Station yesterday evening".' };
    const answer = await deps.find.find(text, deps.now(context), {
      pageSize: Math.min(query.count || MESSAGE_EXTENSION_RESULTS, MESSAGE_EXTENSION_RESULTS),
      deadline: Date.now() + MESSAGE_EXTENSION_DEADLINE_MS,
    });
    if (answer.kind !== 'results') return { type: 'message', text: plainExplanation(answer) };
    if (answer.page.items.length === 0) {
      return {
        type: 'message',
        text: answer.page.partial
          ? 'Box is answering slowly and nothing came back in time. Try again, or ask the bot in chat.'
          : 'No recordings found.',
      };
    }
    const audience = (await deps.audience?.()) ?? [];
    const attachments: MessagingExtensionAttachment[] = answer.page.items.map((item) =>
      footageExtensionAttachment(resultRecording(item.recording, { kind: 'none' }, item.distanceMetres), audience),
    );
    if (answer.page.partial) attachments.push(partialNotice());
    return { type: 'result', attachmentLayout: 'list', attachments };
  });
}

function plainExplanation(answer: Exclude<FindAnswer, { kind: 'results' }>): string {
  switch (answer.kind) {
    case 'no_match':
      return `No recordings found. ${answer.hints[0] ?? ''}`.trim();
    case 'ambiguous_place':
    case 'unknown_place':
      return answer.message;
    case 'invalid':
      return answer.reason;
  }
}

/** Said when the deadline cut the Box work short, so a short list is not taken for the whole answer. */
function partialNotice(): MessagingExtensionAttachment {
  const notice = CardFactory.thumbnailCard(
    'Only part of the answer',
    'Box answered slowly, so this list may be incomplete. Ask the bot in chat for every result.',
  );
  return { ...notice, preview: notice };
}
