/** Reading built cards in tests: find elements by type, collect visible text, list buttons. */
import type { AdaptiveCard, CardVerb } from '../../src/cards';

type Node = Record<string, unknown>;

function* walk(value: unknown): Generator<Node> {
  if (Array.isArray(value)) {
    for (const item of value) yield* walk(item);
  } else if (typeof value === 'object' && value !== null) {
    yield value as Node;
    for (const item of Object.values(value)) yield* walk(item);
  }
}

/** Every object of the given `type` anywhere in the card (including refresh and shown cards). */
export function findAll<T = Node>(card: AdaptiveCard, type: string): T[] {
  return [...walk(card)].filter((node) => node.type === type) as T[];
}

export interface ExecuteButton {
  verb: CardVerb;
  title?: string;
  data: Record<string, unknown>;
  associatedInputs?: string;
}

/** The Action.Execute buttons a person can press (the refresh action is not one of them). */
export function buttons(card: AdaptiveCard): ExecuteButton[] {
  const withoutRefresh = { ...card, refresh: undefined };
  return findAll<ExecuteButton>(withoutRefresh as AdaptiveCard, 'Action.Execute');
}

export function verbsOf(card: AdaptiveCard): CardVerb[] {
  return buttons(card).map((b) => b.verb);
}

/** All TextBlock text and fact titles/values, joined by newlines, as a person would read it. */
export function visibleText(card: AdaptiveCard): string {
  const parts: string[] = [];
  for (const node of walk(card)) {
    if (node.type === 'TextBlock') parts.push(String(node.text));
    if (node.type === 'FactSet')
      for (const fact of node.facts as Array<{ title: string; value: string }>)
        parts.push(`${fact.title}: ${fact.value}`);
  }
  return parts.join('\n');
}

export function inputIds(card: AdaptiveCard): string[] {
  return [...walk(card)]
    .filter((n) => typeof n.type === 'string' && n.type.startsWith('Input.'))
    .map((n) => String(n.id));
}
