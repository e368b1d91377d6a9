import { MetadataQueryError } from './errors';

export const KEYWORDS = ['AND', 'OR', 'NOT', 'LIKE', 'ILIKE', 'IN', 'IS', 'NULL', 'HASANY', 'HASALL'] as const;
export type Keyword = (typeof KEYWORDS)[number];

export const COMPARISON_OPERATORS = ['=', '<>', '<', '>', '<=', '>='] as const;
export type ComparisonOperator = (typeof COMPARISON_OPERATORS)[number];

/** `position` is the 1-based character position in the query, for error messages. */
export type Token =
  | { kind: 'field'; name: string; position: number }
  | { kind: 'keyword'; keyword: Keyword; position: number }
  | { kind: 'param'; name: string; position: number }
  | { kind: 'operator'; operator: ComparisonOperator; position: number }
  | { kind: '(' | ')' | ',' | 'end'; position: number };

const NAME_START = /[A-Za-z_]/;
const NAME_PART = /[A-Za-z0-9_]/;
const WHITESPACE = /\s/;
const KEYWORD_SET: ReadonlySet<string> = new Set(KEYWORDS);

/** How a token reads in an error message. */
export function describeToken(token: Token): string {
  switch (token.kind) {
    case 'field':
      return `field key '${token.name}'`;
    case 'keyword':
      return `'${token.keyword}'`;
    case 'param':
      return `argument ':${token.name}'`;
    case 'operator':
      return `'${token.operator}'`;
    case 'end':
      return 'end of query';
    default:
      return `'${token.kind}'`;
  }
}

function readName(query: string, start: number): string {
  let end = start;
  while (end < query.length && NAME_PART.test(query[end])) end += 1;
  return query.slice(start, end);
}

/** Operators are matched longest first so `<=` and `<>` are never read as `<`. */
function readOperator(query: string, index: number): ComparisonOperator | undefined {
  const two = query.slice(index, index + 2);
  if (two === '<=' || two === '>=' || two === '<>') return two;
  const one = query[index];
  if (one === '=' || one === '<' || one === '>') return one;
  return undefined;
}

function refuseCharacter(query: string, index: number): never {
  const char = query[index];
  const position = index + 1;
  if (char === "'" || char === '"' || /[0-9.\-+]/.test(char)) {
    // Values travel only as query_params arguments, which keeps them out of the query text.
    throw new MetadataQueryError(
      `Invalid query: literal values are not supported at position ${position}; pass each value as a query_params argument such as :value`,
    );
  }
  if (char === '!' && query[index + 1] === '=') {
    throw new MetadataQueryError(`Invalid query: operator '!=' at position ${position} is not supported; use '<>'`);
  }
  throw new MetadataQueryError(`Invalid query: unexpected character '${char}' at position ${position}`);
}

/** Splits a query into tokens; keywords are case-insensitive, field keys and argument names are not. */
export function tokenize(query: string): Token[] {
  const tokens: Token[] = [];
  let index = 0;
  while (index < query.length) {
    const char = query[index];
    const position = index + 1;
    if (WHITESPACE.test(char)) {
      index += 1;
    } else if (char === '(' || char === ')' || char === ',') {
      tokens.push({ kind: char, position });
      index += 1;
    } else if (char === ':') {
      if (index + 1 >= query.length || !NAME_START.test(query[index + 1])) {
        throw new MetadataQueryError(`Invalid query: expected an argument name after ':' at position ${position}`);
      }
      const name = readName(query, index + 1);
      tokens.push({ kind: 'param', name, position });
      index += 1 + name.length;
    } else if (NAME_START.test(char)) {
      const name = readName(query, index);
      const upper = name.toUpperCase();
      if (KEYWORD_SET.has(upper)) tokens.push({ kind: 'keyword', keyword: upper as Keyword, position });
      else tokens.push({ kind: 'field', name, position });
      index += name.length;
    } else {
      const operator = readOperator(query, index);
      if (operator === undefined) refuseCharacter(query, index);
      tokens.push({ kind: 'operator', operator, position });
      index += operator.length;
    }
  }
  tokens.push({ kind: 'end', position: query.length + 1 });
  return tokens;
}
