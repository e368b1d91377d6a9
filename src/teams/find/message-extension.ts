/** The search-based message extension: results as a list to insert into a chat; anything else as one line. */
import type { Application, TurnState } from '@microsoft/teams-ai';
import { footageExtensionAttachment, resultRecording } from '../../cards';
import type { FindAnswer } from '../../footage/find';
import type { FindRouteDeps } from './deps';

const MESSAGE_EXTENSION_RESULTS = 25;

export function registerMessageExtension(app: Application<TurnState>, deps: FindRouteDeps): void {
  app.messageExtensions.query('findFootage', async (context, _state, query) => {
    const text = String(query.parameters.query ?? '').trim();
    if (!text) return { type: 'message', text: 'Type what you are looking for, e.g. "near Brixton Station yesterday evening".' };
    const answer = await deps.find.find(text, deps.now(context), { pageSize: Math.min(query.count || MESSAGE_EXTENSION_RESULTS, MESSAGE_EXTENSION_RESULTS) });
    if (answer.kind !== 'results') return { type: 'message', text: plainExplanation(answer) };
    return {
      type: 'result',
      attachmentLayout: 'list',
      attachments: answer.page.items.map((item) => footageExtensionAttachment(resultRecording(item.recording, { kind: 'none' }, item.distanceMetres))),
    };
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
