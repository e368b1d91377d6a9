/** The answer to a search: results, no match, and the place questions. */
import { countRecordings, formatCount, formatLondonDateTime, formatLondonWindow } from '../footage/format';
import { actionSet, bullets, card, container, execute, heading, openUrl, subtle, text } from './elements';
import { recordingFacts, recordingPlainLabel, recordingTitle, thumbnailImage, withThumbnail } from './recording-view';
import type { AdaptiveCard, CardAction, CardElement, Choice, ExecuteAction } from './schema';
import { CARD_SIZE_LIMITS, largestThatFits } from './size';
import { plainLine, safeLine, TEXT_LIMITS } from './text';
import { CARD_VERBS, INPUT_IDS, type CardActionData } from './verbs';
import type { ResultRecording } from './view-models';

export const RESULTS_PAGE_SIZE = 10;

export interface ResultsView {
  /** How the request was understood, one line each (place and radius, window, filters). */
  understood: string[];
  /** Matches in all, when known (marker paging may not say). */
  total: number | null;
  /** With total null: matches known so far, and whether there are surely more than that (else more may follow). */
  known?: number;
  moreCertain?: boolean;
  /** Zero-based position of this page's first recording among all matches. */
  pageStart: number;
  recordings: ResultRecording[];
  /** Present while more pages remain; the token keeps the query. */
  nextPage?: { queryToken: string };
  /** Cameras on this page whose owners could be asked for the searched window (footage requests). */
  askOwners?: AskOwnersOffer;
}

/** Cameras (id and how to name them) and what the request form is prefilled with (window as ISO instants). */
export interface AskOwnersOffer extends Omit<CardActionData['footageRequest.open'], 'cameraIds'> {
  cameras: Array<{ cameraId: string; label: string }>;
}

/** A results page holds at most ten recordings, so at most ten cameras. */
const MAX_ASKABLE_CAMERAS = RESULTS_PAGE_SIZE;

export function resultsCard(view: ResultsView): AdaptiveCard {
  if (view.recordings.length > RESULTS_PAGE_SIZE) {
    throw new RangeError(`a results page holds at most ${RESULTS_PAGE_SIZE} recordings, got ${view.recordings.length}`);
  }
  const withThumbnails = view.recordings.filter((r) => r.access.kind === 'granted' && r.access.thumbnailDataUri).length;
  return largestThatFits(
    (included) => renderResults(view, included, withThumbnails),
    withThumbnails,
    CARD_SIZE_LIMITS.message,
  );
}

function renderResults(view: ResultsView, thumbnailsIncluded: number, thumbnailsAvailable: number): AdaptiveCard {
  let thumbnailsLeft = thumbnailsIncluded;
  const items = view.recordings.map((recording, index) => {
    const hasThumbnail = recording.access.kind === 'granted' && recording.access.thumbnailDataUri !== undefined;
    const showThumbnail = hasThumbnail && thumbnailsLeft > 0;
    if (showThumbnail) thumbnailsLeft -= 1;
    return resultItem(recording, view.pageStart + index + 1, showThumbnail);
  });
  const omitted = thumbnailsAvailable - thumbnailsIncluded;
  const requestable = view.recordings.filter((r) => r.access.kind === 'none');
  const actions: CardAction[] = [];
  if (requestable.length > 1) actions.push(requestSeveralAction(requestable));
  if (view.askOwners && view.askOwners.cameras.length > 0) actions.push(askOwnersAction(view.askOwners));
  if (view.nextPage) {
    actions.push(
      execute(CARD_VERBS.nextPage, { queryToken: view.nextPage.queryToken }, 'Next page', { associatedInputs: 'None' }),
    );
  }
  return card(
    [
      heading(resultsHeadline(view)),
      subtle(pageLine(view)),
      ...(view.total === null && view.nextPage ? [subtle('Narrow the search by time or place to see fewer.')] : []),
      understoodBlock(view.understood),
      ...items,
      ...(omitted > 0
        ? [subtle('Some thumbnails were left out to keep this card small; open the recording in Box to see it.')]
        : []),
    ],
    { actions, fallbackText: resultsHeadline(view) },
  );
}

function resultsHeadline(view: ResultsView): string {
  if (view.total !== null) return countRecordings(view.total);
  const shown = view.pageStart + view.recordings.length;
  if (!view.nextPage) return countRecordings(shown);
  // Never a number stated as the count when Box has not said how many there are.
  const known = Math.max(shown, view.known ?? 0);
  if (view.moreCertain) return `More than ${countRecordings(known)}`;
  return known === 0 ? 'No recordings yet; more may follow' : `At least ${countRecordings(known)}; more may follow`;
}

function pageLine(view: ResultsView): string {
  if (view.recordings.length === 0) return 'No more recordings.';
  const first = view.pageStart + 1;
  const last = view.pageStart + view.recordings.length;
  const range = first === last ? `Showing ${first}` : `Showing ${first}–${last}`;
  if (view.total !== null) return `${range} of ${formatCount(view.total)}`;
  return view.nextPage ? `${range}; more on the next page` : range;
}

/** The echo, so an officer sees at once when the bot misread them. */
function understoodBlock(lines: string[]): CardElement {
  return container(
    [subtle('I searched for:', { spacing: 'none', weight: 'bolder' }), bullets(lines.map((line) => safeLine(line)))],
    {
      style: 'emphasis',
    },
  );
}

function resultItem(recording: ResultRecording, position: number, showThumbnail: boolean): CardElement {
  const access = recording.access;
  const details: CardElement[] = [
    // Bold, so that "11. " is not taken for a Markdown list item (which some clients renumber from 1).
    text(`**${position}.** ${recordingTitle(recording)}`),
    text(formatLondonWindow(recording.from, recording.to), { spacing: 'small' }),
    recordingFacts(recording),
  ];
  if (access.kind === 'granted') {
    details.push(
      subtle(`You have access until ${formatLondonDateTime(access.expiresAt)}.`),
      actionSet([openUrl(access.openUrl, 'Open in Box')]),
    );
  } else {
    details.push(actionSet([requestOneAction(recording.fileId)]));
  }
  const image =
    showThumbnail && access.kind === 'granted' && access.thumbnailDataUri
      ? thumbnailImage(access.thumbnailDataUri, recording)
      : undefined;
  return container(withThumbnail(image, details), { separator: true, spacing: 'medium' });
}

/** One recording's button: carries its own file id and none of the card's inputs. */
export function requestOneAction(fileId: string): ExecuteAction<'request.open'> {
  return execute(CARD_VERBS.requestAccess, { fileIds: [fileId] }, 'Request access', { associatedInputs: 'None' });
}

function requestSeveralAction(recordings: ResultRecording[]): CardAction {
  const choices: Choice[] = recordings.map((r) => ({ title: recordingPlainLabel(r), value: choiceValue(r.fileId) }));
  return {
    type: 'Action.ShowCard',
    title: 'Request several…',
    card: {
      type: 'AdaptiveCard',
      body: [
        {
          type: 'Input.ChoiceSet',
          id: INPUT_IDS.selectedFileIds,
          label: 'Recordings to request',
          isMultiSelect: true,
          style: 'expanded',
          wrap: true,
          choices,
          isRequired: true,
          errorMessage: 'Pick at least one recording.',
        },
      ],
      actions: [execute(CARD_VERBS.requestAccess, {}, 'Request selected')],
    },
  };
}

/**
 * "Ask the owner…": one camera gets a direct button, several a picker, so the card grows by one
 * action however many recordings share a camera. The form it opens is built on the server from the
 * registry, never from what this button says about the camera.
 */
function askOwnersAction(offer: AskOwnersOffer): CardAction {
  const { cameras, ...prefill } = offer;
  if (cameras.length === 1) {
    const cameraId = cameras[0].cameraId;
    return execute(
      CARD_VERBS.footageRequestOpen,
      { ...prefill, cameraIds: [cameraId] },
      plainLine(`Ask the owner of ${cameraId} for footage`, TEXT_LIMITS.name),
      { associatedInputs: 'None' },
    );
  }
  return {
    type: 'Action.ShowCard',
    title: "Ask a camera's owner…",
    card: {
      type: 'AdaptiveCard',
      body: [
        subtle('Ask the owner to upload their footage of the searched window, e.g. when a recording is missing.'),
        {
          type: 'Input.ChoiceSet',
          id: INPUT_IDS.footageCameraIds,
          label: 'Cameras whose owners to ask',
          isMultiSelect: true,
          style: 'expanded',
          wrap: true,
          choices: cameras
            .slice(0, MAX_ASKABLE_CAMERAS)
            .map((c) => ({ title: plainLine(c.label, 200), value: choiceValue(c.cameraId) })),
          isRequired: true,
          errorMessage: 'Pick at least one camera.',
        },
      ],
      actions: [execute(CARD_VERBS.footageRequestOpen, prefill, 'Open the request form')],
    },
  };
}

/** Multi-select answers come back comma-joined, so a value must never hold a comma. */
function choiceValue(id: string): string {
  if (id.includes(',')) throw new RangeError(`id cannot be offered in a multi-select: ${JSON.stringify(id)}`);
  return id;
}

export interface NoMatchView {
  understood: string[];
  /** What would widen the search, e.g. "A 1 km radius finds 12 recordings". */
  hints: string[];
  /** Wider searches not counted in advance, offered as buttons (each runs like "Next page"). */
  wider?: Array<{ title: string; queryToken: string }>;
  /** Registered cameras cover what was searched: offer to ask their owners (window as ISO instants). */
  askOwners?: CardActionData['footageRequest.open'];
}

export function noMatchCard(view: NoMatchView): AdaptiveCard {
  const body: CardElement[] = [heading('No recordings matched'), understoodBlock(view.understood)];
  if (view.hints.length > 0)
    body.push(text('To widen the search:', { weight: 'bolder' }), bullets(view.hints.map((hint) => safeLine(hint))));
  else if (!view.wider?.length && !view.askOwners)
    body.push(text('Try a wider area, a longer time window or fewer filters.'));
  const buttons = (view.wider ?? []).map((w) =>
    execute(CARD_VERBS.nextPage, { queryToken: w.queryToken }, plainLine(w.title, TEXT_LIMITS.name), {
      associatedInputs: 'None',
    }),
  );
  if (buttons.length > 0) body.push(text('Or try:', { weight: 'bolder' }), actionSet(buttons));
  if (view.askOwners)
    body.push(
      text('Cameras there are registered: their owners can be asked to upload the footage.', { separator: true }),
    );
  const actions = view.askOwners
    ? [execute(CARD_VERBS.footageRequestOpen, view.askOwners, 'Ask the owners for this footage')]
    : [];
  return card(body, { actions, fallbackText: 'No recordings matched.' });
}

export interface PlaceCandidate {
  placeId: string;
  name: string;
  /** Helps tell same-named places apart, e.g. the borough. */
  detail?: string;
}

export interface PlacePickerView {
  /** The place as the officer typed it. */
  text: string;
  candidates: PlaceCandidate[];
  /** The original query, so picking a place continues it. */
  queryToken: string;
}

/** Teams shows up to six buttons in a row before folding them away; five keeps each row readable. */
const BUTTONS_PER_ROW = 5;
const MAX_PLACE_CANDIDATES = 10;

export function placePickerCard(view: PlacePickerView): AdaptiveCard {
  const buttons = view.candidates
    .slice(0, MAX_PLACE_CANDIDATES)
    .map((candidate) =>
      execute(
        CARD_VERBS.pickPlace,
        { queryToken: view.queryToken, placeId: candidate.placeId },
        plainLine(candidate.detail ? `${candidate.name} (${candidate.detail})` : candidate.name, TEXT_LIMITS.name),
      ),
    );
  const rows: CardElement[] = [];
  for (let i = 0; i < buttons.length; i += BUTTONS_PER_ROW) rows.push(actionSet(buttons.slice(i, i + BUTTONS_PER_ROW)));
  return card(
    [
      heading(`Which “${safeLine(view.text, TEXT_LIMITS.name)}” did you mean?`),
      text('Pick one and I will run the search.'),
      ...rows,
    ],
    {
      fallbackText: 'Which place did you mean?',
    },
  );
}

export interface UnknownPlaceView {
  text: string;
  /** The closest names in the gazetteer. */
  suggestions: string[];
}

export function unknownPlaceCard(view: UnknownPlaceView): AdaptiveCard {
  const body: CardElement[] = [heading(`I don't know a place called “${safeLine(view.text, TEXT_LIMITS.name)}”`)];
  if (view.suggestions.length > 0) {
    body.push(
      text('Did you mean one of these?'),
      bullets(view.suggestions.slice(0, MAX_PLACE_CANDIDATES).map((s) => safeLine(s, TEXT_LIMITS.name))),
    );
  }
  body.push(subtle('You can also search by camera id (LAM-0105), borough (in Lambeth) or case reference.'));
  return card(body, { fallbackText: 'Unknown place.' });
}
