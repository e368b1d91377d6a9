/** Adaptive Cards the bot sends: pure builders from plain view models, plus the action verbs. */

export * from './schema';
export * from './verbs';
export { parseCardAction } from './parse-action';
export * from './view-models';
export { CARD_SIZE_LIMITS, cardSizeBytes } from './size';
export { formatLondonDateTime } from '../footage/format';
export { escapeMarkdown, markdown, plainLine, safeLine, safeParagraph, truncate, type CardText } from './text';
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
export * from './sharing-verbs';
export * from './share-cards';
export * from './partner-cards';
export * from './custody-cards';
export * from './channel-recording';
export * from './chat-upload';
