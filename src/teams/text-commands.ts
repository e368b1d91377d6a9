/**
 * Classifies what a person typed into one of the bot's commands. Pure, so the routing rules can be
 * tested without Teams; anything not recognised as a command is treated as a footage search when it
 * mentions footage-like things, and otherwise answered with examples.
 */
export type TextCommand =
  | { kind: 'help' }
  | { kind: 'find'; text: string }
  | { kind: 'request'; target: string }
  | { kind: 'myRequests' }
  | { kind: 'approvals' }
  | { kind: 'revoke'; requestId: string }
  | { kind: 'setApprovalsChannel' }
  | { kind: 'empty' }
  | { kind: 'tooLong'; length: number }
  | { kind: 'unknown'; text: string };

/** Longer messages are answered without being parsed: no rule then does work proportional to them. */
export const MAX_COMMAND_CHARS = 1000;

const SEARCH_HINTS =
  /\b(footage|cctv|camera|cameras|video|recordings?|near|within|case|borough|in\s+[a-z]+|yesterday|today|tonight|last\s+(night|\d+\s*(hours?|days?))|this\s+(morning|afternoon|evening)|on\s+(mon|tues|wednes|thurs|fri|satur|sun)day|\d{1,2}\/\d{1,2}(\/\d{2,4})?|\d{7}\/\d{2}|[a-z]{3}-\d{4})\b/i;

export function classifyText(raw: string | undefined): TextCommand {
  if ((raw ?? '').length > MAX_COMMAND_CHARS) return { kind: 'tooLong', length: (raw ?? '').length };
  const text = normalise(raw ?? '');
  if (!text) return { kind: 'empty' };
  const lower = text.toLowerCase();
  if (/^(help|\?|what can you do\??|commands|hi|hello|start)$/.test(lower)) return { kind: 'help' };
  if (/^my\s+requests?$/.test(lower)) return { kind: 'myRequests' };
  if (/^(approvals|pending approvals|show approvals)$/.test(lower)) return { kind: 'approvals' };
  if (/^use this channel for approvals$/.test(lower)) return { kind: 'setApprovalsChannel' };
  const revoke = /^revoke\s+(?:request\s+)?#?(\S+)$/i.exec(text);
  if (revoke) return { kind: 'revoke', requestId: revoke[1] };
  const request = /^request(?:\s+access(?:\s+to)?)?\s+(.+)$/i.exec(text);
  if (request) return { kind: 'request', target: request[1].trim() };
  const find = /^(?:find|search|search for|look for|show)\b\s*(.*)$/i.exec(text);
  if (find) return { kind: 'find', text: find[1].trim() || text };
  if (SEARCH_HINTS.test(text)) return { kind: 'find', text };
  return { kind: 'unknown', text };
}

function normalise(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}
