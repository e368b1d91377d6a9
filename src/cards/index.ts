/** Adaptive Cards the bot sends: pure builders from plain view models, plus the action verbs. */

export { formatLondonDateTime } from '../footage/format';
export * from './approval';
export * from './channel-recording';
export * from './chat-upload';
export * from './confirmation';
export * from './conversation';
export * from './custody-cards';
export * from './footage-arrival';
export * from './footage-request-form';
export * from './footage-request-status';
export * from './notices';
export { parseCardAction } from './parse-action';
export * from './partner-cards';
export * from './preview';
export * from './request-form';
export * from './request-list';
export * from './results';
export * from './schema';
export * from './share-cards';
export * from './sharing-verbs';
export { CARD_SIZE_LIMITS, cardSizeBytes } from './size';
export { escapeMarkdown, markdown, plainLine, safeLine, safeParagraph, truncate, type CardText } from './text';
export * from './verbs';
export * from './view-models';
