import type { QueryNode, Ref } from './ast';
import { MetadataQueryError } from './errors';
import { describeToken, tokenize, type Keyword, type Token } from './tokenizer';

/** Deep enough for any real query; shallow enough that a hostile one cannot exhaust the stack. */
const MAX_NESTING = 50;

/**
 * Recursive-descent parser. Precedence, loosest first: OR, AND, NOT, then a parenthesised
 * expression or one predicate (`field <op> :arg`, `field [NOT] LIKE|ILIKE :arg`,
 * `field [NOT] IN (:a, ...)`, `field IS [NOT] NULL`, `field HASANY|HASALL (:a, ...)`).
 */
class Parser {
  private index = 0;
  private depth = 0;

  constructor(private readonly tokens: Token[]) {}

  parseQuery(): QueryNode {
    const node = this.parseOr();
    const next = this.peek();
    if (next.kind !== 'end') this.fail(`unexpected ${describeToken(next)}`, next);
    return node;
  }

  private parseOr(): QueryNode {
    return this.parseChain('OR', () => this.parseAnd());
  }

  private parseAnd(): QueryNode {
    return this.parseChain('AND', () => this.parseNot());
  }

  /** A flat list rather than a left-deep tree, so long chains never recurse deeply when evaluated. */
  private parseChain(keyword: 'AND' | 'OR', parseOperand: () => QueryNode): QueryNode {
    const operands = [parseOperand()];
    while (this.acceptKeyword(keyword)) operands.push(parseOperand());
    return operands.length === 1 ? operands[0] : { kind: keyword === 'AND' ? 'and' : 'or', operands };
  }

  private parseNot(): QueryNode {
    if (!this.acceptKeyword('NOT')) return this.parsePrimary();
    return { kind: 'not', operand: this.nested(() => this.parseNot()) };
  }

  private parsePrimary(): QueryNode {
    const token = this.next();
    if (token.kind === '(') {
      const inner = this.nested(() => this.parseOr());
      this.expect(')', "')'");
      return inner;
    }
    if (token.kind === 'field') return this.parsePredicate({ name: token.name, position: token.position });
    return this.fail(`expected a field key, NOT or '(' but found ${describeToken(token)}`, token);
  }

  private parsePredicate(field: Ref): QueryNode {
    const token = this.next();
    if (token.kind === 'operator')
      return { kind: 'compare', field, operator: token.operator, param: this.parseParam() };
    if (token.kind !== 'keyword') return this.failAfterField(field, token);
    switch (token.keyword) {
      case 'LIKE':
      case 'ILIKE':
      case 'IN':
        return this.parseMatch(field, token.keyword);
      case 'NOT': {
        const negated = this.next();
        if (
          negated.kind === 'keyword' &&
          (negated.keyword === 'LIKE' || negated.keyword === 'ILIKE' || negated.keyword === 'IN')
        ) {
          return { kind: 'not', operand: this.parseMatch(field, negated.keyword) };
        }
        return this.fail(`expected LIKE, ILIKE or IN after NOT but found ${describeToken(negated)}`, negated);
      }
      case 'IS': {
        const negated = this.acceptKeyword('NOT');
        this.expectKeyword('NULL');
        const test: QueryNode = { kind: 'isNull', field };
        return negated ? { kind: 'not', operand: test } : test;
      }
      case 'HASANY':
      case 'HASALL':
        return { kind: 'has', field, mode: token.keyword === 'HASANY' ? 'any' : 'all', params: this.parseParamList() };
      default:
        return this.failAfterField(field, token);
    }
  }

  private parseMatch(field: Ref, keyword: 'LIKE' | 'ILIKE' | 'IN'): QueryNode {
    if (keyword === 'IN') return { kind: 'in', field, params: this.parseParamList() };
    return { kind: 'like', field, param: this.parseParam(), caseInsensitive: keyword === 'ILIKE' };
  }

  private parseParamList(): Ref[] {
    this.expect('(', "'('");
    const params = [this.parseParam()];
    while (this.peek().kind === ',') {
      this.index += 1;
      params.push(this.parseParam());
    }
    this.expect(')', "',' or ')'");
    return params;
  }

  private parseParam(): Ref {
    const token = this.next();
    if (token.kind === 'param') return { name: token.name, position: token.position };
    return this.fail(`expected a query argument such as :value but found ${describeToken(token)}`, token);
  }

  private nested<T>(parse: () => T): T {
    this.depth += 1;
    if (this.depth > MAX_NESTING) this.fail(`the query is nested more than ${MAX_NESTING} levels deep`, this.peek());
    try {
      return parse();
    } finally {
      this.depth -= 1;
    }
  }

  private peek(): Token {
    return this.tokens[this.index];
  }

  /** The final `end` token is never consumed, so reading past it keeps returning it. */
  private next(): Token {
    const token = this.tokens[this.index];
    if (token.kind !== 'end') this.index += 1;
    return token;
  }

  private acceptKeyword(keyword: Keyword): boolean {
    const token = this.peek();
    if (token.kind !== 'keyword' || token.keyword !== keyword) return false;
    this.index += 1;
    return true;
  }

  private expectKeyword(keyword: Keyword): void {
    if (!this.acceptKeyword(keyword))
      this.fail(`expected ${keyword} but found ${describeToken(this.peek())}`, this.peek());
  }

  private expect(kind: '(' | ')', expected: string): void {
    const token = this.next();
    if (token.kind !== kind) this.fail(`expected ${expected} but found ${describeToken(token)}`, token);
  }

  private failAfterField(field: Ref, token: Token): never {
    return this.fail(`expected an operator after field key '${field.name}' but found ${describeToken(token)}`, token);
  }

  private fail(problem: string, at: Token): never {
    throw new MetadataQueryError(`Invalid query: ${problem} at position ${at.position}`);
  }
}

/** Parses a metadata query into its syntax tree; throws MetadataQueryError on a syntax error. */
export function parseQuery(query: string): QueryNode {
  return new Parser(tokenize(query)).parseQuery();
}
