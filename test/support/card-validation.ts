/**
 * Checks a card the way Teams would judge it, for any test that sends or builds one:
 * - plain JSON (no Dates, undefined or functions that would serialise differently);
 * - the size limit (UTF-8 bytes of the JSON);
 * - the Adaptive Card 1.5 JSON schema (specs/adaptivecards/adaptive-card-1.5.0.json);
 * - the `adaptivecards` library's own parser and validator (unknown types, duplicate input ids,
 *   required inputs without labels or error messages, empty collections...);
 * - what this bot promises on top: version 1.5, every bot-bound button an Action.Execute with a known
 *   verb and object data, refresh lists 1..60 user ids, images are https or small data: images,
 *   multi-select choice values hold no comma.
 */
import type * as AdaptiveCards from 'adaptivecards';
import Ajv, { type ValidateFunction } from 'ajv';
import addFormats from 'ajv-formats';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { ADAPTIVE_CARD_VERSION } from '../../src/cards/schema';
import { SHARING_VERB_LIST } from '../../src/cards/sharing-verbs';
import { ALL_CARD_VERBS } from '../../src/cards/verbs';

// The package's main entry (lib/) is ES modules that Node's CommonJS loader cannot follow; the UMD
// bundle in dist/ is the same library built for plain require().
// eslint-disable-next-line @typescript-eslint/no-require-imports
const ac = require('adaptivecards/dist/adaptivecards.js') as typeof AdaptiveCards;

export interface CardValidationOptions {
  /** CARD_SIZE_LIMITS.message (80 KB) or CARD_SIZE_LIMITS.messageExtension (28 KB). */
  limitBytes: number;
}

const SCHEMA_PATH = path.resolve(__dirname, '../../specs/adaptivecards/adaptive-card-1.5.0.json');
const MAX_REFRESH_USERS = 60;
const DATA_IMAGE = /^data:image\/(png|jpeg|gif);base64,[A-Za-z0-9+/]+={0,2}$/;

interface SchemaValidators {
  card: ValidateFunction;
  /** The validator for one element or action type's own definition, if the schema has it. */
  forType(type: string): ValidateFunction | undefined;
}

let schemaValidators: SchemaValidators | undefined;

/** Compiled once per test file: the schema is draft-06 with a draft-04 style `id`, which ajv 8 wants as `$id`. */
function compileSchema(): SchemaValidators {
  const { id, ...schema } = JSON.parse(readFileSync(SCHEMA_PATH, 'utf8')) as {
    id: string;
    definitions: Record<string, unknown>;
  } & Record<string, unknown>;
  const ajv = new Ajv({ strict: false, allErrors: true });
  addFormats(ajv);
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  ajv.addMetaSchema(require('ajv/dist/refs/json-schema-draft-06.json') as object);
  const card = ajv.compile({ ...schema, $id: id });
  const forType = (type: string) =>
    Object.hasOwn(schema.definitions, type) ? ajv.getSchema(`${id}#/definitions/${type}`) : undefined;
  return { card, forType };
}

/**
 * The whole card is judged by the schema; the explanation comes from each element checked against
 * its own type's definition, because the schema's anyOf over every type otherwise reports each
 * mistake once per type it tried.
 */
function validateSchema(card: unknown): string[] {
  schemaValidators ??= compileSchema();
  if (schemaValidators.card(card)) return [];
  const messages: string[] = [];
  for (const [node, at] of nodes(card)) {
    const type = node.type;
    if (typeof type !== 'string') continue;
    const validate = schemaValidators.forType(type);
    if (!validate) {
      messages.push(`schema: ${at} has a type the 1.5 schema does not know: ${JSON.stringify(type)}`);
      continue;
    }
    if (validate(node)) continue;
    for (const e of validate.errors ?? []) {
      // A nested element's own mistakes are reported when that element is visited.
      if (ownedByNestedElement(node, e.instancePath)) continue;
      const where = at === '/' ? e.instancePath || '/' : `${at}${e.instancePath}`;
      messages.push(`schema: ${where} (${type}) ${e.message ?? ''} ${JSON.stringify(e.params)}`);
    }
  }
  const unique = [...new Set(messages)];
  return unique.length > 0 ? unique : ['schema: the card does not match the Adaptive Card 1.5 schema'];
}

function ownedByNestedElement(node: Node, pointer: string): boolean {
  const segments = pointer
    .split('/')
    .slice(1)
    .map((s) => s.replace(/~1/g, '/').replace(/~0/g, '~'));
  if (segments[segments.length - 1] === 'type') segments.pop();
  let current: unknown = node;
  for (const segment of segments) {
    current = isNode(current) || Array.isArray(current) ? (current as Record<string, unknown>)[segment] : undefined;
    if (isNode(current) && typeof current.type === 'string') return true;
  }
  return false;
}

function validateWithLibrary(card: unknown): string[] {
  const parsed = new ac.AdaptiveCard();
  const context = new ac.SerializationContext();
  parsed.parse(card, context);
  const errors: string[] = [];
  for (let i = 0; i < context.eventCount; i += 1) errors.push(`adaptivecards parse: ${context.getEventAt(i).message}`);
  for (const event of parsed.validateProperties().validationEvents)
    errors.push(`adaptivecards validate: ${event.message}`);
  return errors;
}

/** Values that JSON would silently change: Dates become strings, undefined vanishes, NaN becomes null. */
function nonJsonValues(value: unknown, at: string, out: string[]): void {
  if (value === null || typeof value === 'string' || typeof value === 'boolean') return;
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) out.push(`json: ${at} is ${value}`);
    return;
  }
  if (Array.isArray(value)) {
    value.forEach((item, i) => nonJsonValues(item, `${at}/${i}`, out));
    return;
  }
  if (typeof value === 'object' && Object.getPrototypeOf(value) === Object.prototype) {
    for (const [key, item] of Object.entries(value)) nonJsonValues(item, `${at}/${key}`, out);
    return;
  }
  out.push(
    `json: ${at} is not plain JSON (${value === undefined ? 'undefined' : Object.prototype.toString.call(value)})`,
  );
}

type Node = Record<string, unknown>;

function isNode(value: unknown): value is Node {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Every object in the card with its JSON-pointer path. */
function* nodes(value: unknown, at = ''): Generator<[Node, string]> {
  if (Array.isArray(value)) {
    for (const [i, item] of value.entries()) yield* nodes(item, `${at}/${i}`);
  } else if (isNode(value)) {
    yield [value, at || '/'];
    for (const [key, item] of Object.entries(value)) yield* nodes(item, `${at}/${key}`);
  }
}

function checkExecute(node: Node, at: string, errors: string[]): void {
  if (typeof node.verb !== 'string' || ![...ALL_CARD_VERBS, ...SHARING_VERB_LIST].includes(node.verb as never)) {
    errors.push(`bot: ${at} Action.Execute has unknown verb ${JSON.stringify(node.verb)}`);
  }
  if (!isNode(node.data)) errors.push(`bot: ${at} Action.Execute data must be an object`);
}

function checkBotRules(card: unknown): string[] {
  const errors: string[] = [];
  if (!isNode(card) || card.type !== 'AdaptiveCard') return ['bot: not an AdaptiveCard'];
  if (card.version !== ADAPTIVE_CARD_VERSION)
    errors.push(`bot: version must be ${ADAPTIVE_CARD_VERSION}, got ${JSON.stringify(card.version)}`);
  if (card.refresh !== undefined) {
    const refresh = card.refresh as Node;
    const action = refresh.action;
    if (!isNode(action) || action.type !== 'Action.Execute')
      errors.push('bot: refresh.action must be an Action.Execute');
    const userIds = refresh.userIds;
    if (!Array.isArray(userIds) || userIds.length === 0 || userIds.length > MAX_REFRESH_USERS) {
      errors.push(`bot: refresh.userIds must list 1 to ${MAX_REFRESH_USERS} users`);
    } else if (!userIds.every((u) => typeof u === 'string' && u !== '')) {
      errors.push('bot: refresh.userIds must be non-empty strings');
    }
  }
  for (const [node, at] of nodes(card)) {
    switch (node.type) {
      case 'Action.Execute':
        checkExecute(node, at, errors);
        break;
      case 'Action.Submit':
      case 'Action.ToggleVisibility':
        errors.push(`bot: ${at} uses ${node.type}; buttons that reach the bot must be Action.Execute`);
        break;
      case 'Action.OpenUrl':
        if (typeof node.url !== 'string' || !/^https?:\/\/[^\s]+$/.test(node.url))
          errors.push(`bot: ${at} Action.OpenUrl url must be absolute http(s)`);
        break;
      case 'Image':
        if (typeof node.url !== 'string' || !(node.url.startsWith('https://') || DATA_IMAGE.test(node.url))) {
          errors.push(`bot: ${at} Image url must be https or a base64 data:image URI`);
        }
        break;
      case 'Input.ChoiceSet':
        if (
          node.isMultiSelect === true &&
          Array.isArray(node.choices) &&
          node.choices.some((c) => isNode(c) && String(c.value).includes(','))
        ) {
          errors.push(`bot: ${at} multi-select choice values must not contain commas`);
        }
        if (node[TEAMS_DYNAMIC_CHOICES] !== undefined) {
          const query = node[TEAMS_DYNAMIC_CHOICES];
          if (
            !isNode(query) ||
            query.type !== 'Data.Query' ||
            typeof query.dataset !== 'string' ||
            query.dataset === ''
          ) {
            errors.push(`bot: ${at} choices.data must be { type: 'Data.Query', dataset }`);
          }
        }
        break;
    }
  }
  return errors;
}

/**
 * Teams' dynamic typeahead (`choices.data` on Input.ChoiceSet) is not in the 1.5 schema, which
 * forbids unknown properties: it is checked by the bot rules and left out of what the schema and
 * the library judge.
 */
const TEAMS_DYNAMIC_CHOICES = 'choices.data';

function withoutTeamsExtensions(card: unknown): unknown {
  for (const [node] of nodes(card)) if (node.type === 'Input.ChoiceSet') delete node[TEAMS_DYNAMIC_CHOICES];
  return card;
}

/** Every problem found, as readable lines; empty when the card is valid. */
export function cardValidationErrors(card: unknown, options: CardValidationOptions): string[] {
  const errors: string[] = [];
  nonJsonValues(card, '', errors);
  const json = JSON.stringify(card);
  if (json === undefined) return [...errors, 'json: card does not serialise'];
  const size = Buffer.byteLength(json, 'utf8');
  if (size > options.limitBytes) errors.push(`size: ${size} bytes is over the limit of ${options.limitBytes}`);
  // The schema and the library judge the card as Teams receives it: after JSON.
  const wire: unknown = JSON.parse(json);
  const standard = withoutTeamsExtensions(JSON.parse(json));
  return [...errors, ...validateSchema(standard), ...validateWithLibrary(standard), ...checkBotRules(wire)];
}

export function assertValidCard(card: unknown, options: CardValidationOptions): void {
  const errors = cardValidationErrors(card, options);
  if (errors.length > 0) throw new Error(`Invalid Adaptive Card:\n  ${errors.join('\n  ')}`);
}

/** The card as a person reads it: its JSON with the Markdown escapes the builders add (\_ for _) removed. */
export function readableCardText(card: unknown): string {
  return JSON.stringify(card).replace(/\\\\([\\`*_{}[\]()#+\-.!|<>~])/g, '$1');
}
