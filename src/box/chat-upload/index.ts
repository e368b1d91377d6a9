/** Box for files attached in the chat: streamed, hashed, chunked above a threshold, aborted cleanly. */
export { createChatUploadGateway } from './gateway';
