/**
 * The typed commands of footage requests, read before the general classifier (whose `request ...`
 * would take them for access requests): what is left is handed to the search's own understanding.
 */
/** `request footage ...` and `ask the owner of ... for footage ...`: the rest, for the search's understanding. */
export function matchRequestFootage(text: string): string | undefined {
  const command = classifyFootageRequestText(text);
  return command?.kind === 'requestFootage' ? command.text : undefined;
}

export function matchMyFootageRequests(text: string): true | undefined {
  return classifyFootageRequestText(text)?.kind === 'myFootageRequests' ? true : undefined;
}

export type FootageRequestCommand = { kind: 'requestFootage'; text: string } | { kind: 'myFootageRequests' };

export function classifyFootageRequestText(raw: string | undefined): FootageRequestCommand | undefined {
  const text = (raw ?? '').replace(/\s+/g, ' ').trim();
  if (text.length > 1000) return undefined;
  if (/^my\s+footage\s+requests?$/i.test(text)) return { kind: 'myFootageRequests' };
  const request = /^(?:request|ask\s+for)\s+(?:the\s+)?footage\b\s*(.*)$/i.exec(text);
  if (request) return { kind: 'requestFootage', text: request[1].replace(/^from\s+/i, '').trim() };
  const ask = /^ask\s+(?:the\s+)?owners?\s+(?:of\s+)?(.+?)\s+for\s+(?:the\s+)?footage\b\s*(.*)$/i.exec(text);
  if (ask) return { kind: 'requestFootage', text: `${ask[1]} ${ask[2]}`.trim() };
  return undefined;
}
