/** The command table and how typed text is read against it. */

export { dispatchText } from './dispatch';
export { MAX_COMMAND_CHARS, recognise } from './recognise';
export { COMMANDS } from './table';
