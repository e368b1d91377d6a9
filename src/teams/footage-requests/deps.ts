/** What the footage-request handlers need; built once by createFootageRequestFeature. */
import type { TurnContext } from 'botbuilder';
import { errorCard, type AdaptiveCard } from '../../cards';
import type { FootageRequestService } from '../../footage/footage-requests';
import type { Store } from '../../footage/ports/store';
import type { Gazetteer } from '../../footage/query';
import type { FootageRequestViews } from './views';

export interface FootageRequestRouteDeps {
  store: Store;
  /** Undefined when the deployment has no template file request (BOX_FILE_REQUEST_TEMPLATE_ID). */
  service: FootageRequestService | undefined;
  gazetteer: Gazetteer;
  views: FootageRequestViews;
  /** "Now" for relative times, as the find command reads it. */
  now(context: TurnContext): Date;
}

export function notConfiguredCard(): AdaptiveCard {
  return errorCard({
    title: 'Footage requests are not set up yet',
    message:
      'Asking camera owners needs a template file request in Box (BOX_FILE_REQUEST_TEMPLATE_ID). Ask your CCTV administrator to run npm run box:setup and follow what it says.',
    retryable: false,
  });
}
