/**
 * Sentences people read that more than one part of the bot says. Kept together so that the same
 * situation is always worded the same way, whichever path reached it.
 */

export const MESSAGES = {
  requestNotFound: 'That request does not exist (any more).',
  boxUnavailableTitle: 'Box is not answering just now',
  boxUnavailableNothingChanged: 'Nothing was changed. Please try again in a minute.',
  boxUnavailableDuringTurn:
    'The footage store did not respond, so nothing was searched or changed. Please try again in a minute.',
  staleCardTitle: 'That card is out of date',
  recordingNotFoundTitle: 'Recording not found',
  notRegistered: "You're not registered to use CCTV Footage.",
} as const;
