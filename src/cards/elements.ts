/**
 * Small constructors for card elements, so that every builder gets the same defaults (wrapping
 * text, the 1.5 envelope) and Action.Execute is always built with the data type of its verb.
 */
import {
  ADAPTIVE_CARD_SCHEMA,
  ADAPTIVE_CARD_VERSION,
  type ActionSet,
  type ActionStyle,
  type AdaptiveCard,
  type CardAction,
  type CardElement,
  type Container,
  type ContainerStyle,
  type ExecuteAction,
  type FactSet,
  type OpenUrlAction,
  type Refresh,
  type TextBlock,
} from './schema';
import { safeParagraph } from './text';
import type { CardActionData, CardVerb } from './verbs';

export function card(
  body: CardElement[],
  options: { actions?: CardAction[]; refresh?: Refresh; fallbackText?: string } = {},
): AdaptiveCard {
  return {
    type: 'AdaptiveCard',
    $schema: ADAPTIVE_CARD_SCHEMA,
    version: ADAPTIVE_CARD_VERSION,
    body,
    ...(options.actions && options.actions.length > 0 ? { actions: options.actions } : {}),
    ...(options.refresh ? { refresh: options.refresh } : {}),
    ...(options.fallbackText ? { fallbackText: options.fallbackText } : {}),
  };
}

/** A wrapping TextBlock; `value` must already be safe (bot-written, or passed through safeLine). */
export function text(value: string, options: Omit<TextBlock, 'type' | 'text'> = {}): TextBlock {
  return { type: 'TextBlock', text: value, wrap: true, ...options };
}

export function heading(value: string): TextBlock {
  return text(value, { size: 'medium', weight: 'bolder', style: 'heading' });
}

export function subtle(value: string, options: Omit<TextBlock, 'type' | 'text'> = {}): TextBlock {
  return text(value, { isSubtle: true, spacing: 'small', ...options });
}

/** A Markdown bullet list (one TextBlock, so it costs one element however long the list). */
export function bullets(lines: string[]): TextBlock {
  return text(lines.map((line) => `- ${line}`).join('\n'));
}

/** Facts with an empty or missing value are left out rather than shown blank. */
export function facts(pairs: Array<[title: string, value: string | null | undefined]>): FactSet {
  return {
    type: 'FactSet',
    facts: pairs
      .filter((pair): pair is [string, string] => typeof pair[1] === 'string' && pair[1] !== '')
      .map(([title, value]) => ({ title, value })),
  };
}

/** A bold label over a paragraph of outside text (a reason, a justification). */
export function labelledParagraph(label: string, outsideText: string): TextBlock[] {
  return [text(`**${label}**`, { spacing: 'medium' }), text(safeParagraph(outsideText), { spacing: 'small' })];
}

export function container(
  items: CardElement[],
  options: { style?: ContainerStyle; separator?: boolean; spacing?: Container['spacing'] } = {},
): Container {
  return { type: 'Container', items, ...options };
}

/** A coloured box for a status line or a warning. */
export function notice(value: string, style: ContainerStyle): Container {
  return container([text(value, { weight: 'bolder' })], { style });
}

export function actionSet(actions: CardAction[]): ActionSet {
  return { type: 'ActionSet', actions };
}

export function execute<V extends CardVerb>(
  verb: V,
  data: CardActionData[V],
  title: string,
  options: { style?: ActionStyle; associatedInputs?: 'Auto' | 'None'; tooltip?: string } = {},
): ExecuteAction<V> {
  // TypeScript cannot narrow the distributive ExecuteAction<V> for a generic V; the signature
  // above is what ties data to verb.
  return { type: 'Action.Execute', verb, data, title, ...options } as unknown as ExecuteAction<V>;
}

export function openUrl(url: string, title: string): OpenUrlAction {
  return { type: 'Action.OpenUrl', url, title };
}
