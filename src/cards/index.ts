/** Adaptive Cards the bot sends: pure builders from plain view models, plus the action verbs. */
export * from './schema';
export * from './verbs';
export { parseCardAction, type ParseCardActionResult } from './parse-action';
export * from './view-models';
export { CARD_SIZE_LIMITS, cardSizeBytes } from './size';
export { countRecordings, formatDays, formatDistance, formatDuration, formatLondonDate, formatLondonDateTime, formatLondonWindow, LONDON_TIME_ZONE } from './format';
export { escapeMarkdown, plainLine, safeLine, safeParagraph, TEXT_LIMITS, truncate } from './text';
export * from './conversation';
export * from './results';
export * from './preview';
export * from './request-form';
export * from './approval';
export * from './notices';
export * from './request-list';
export * from './confirmation';
export * from './footage-request-form';
export * from './footage-request-status';
export * from './footage-arrival';
