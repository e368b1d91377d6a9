/** A short "done" answer to a command that changed a setting (e.g. the approvals channel). */
import { card, notice, text } from './elements';
import type { AdaptiveCard } from './schema';
import { safeLine, safeParagraph } from './text';

export interface ConfirmationView {
  title: string;
  message: string;
}

export function confirmationCard(view: ConfirmationView): AdaptiveCard {
  const title = safeLine(view.title);
  return card([notice(title, 'good'), text(safeParagraph(view.message))], { fallbackText: title });
}
