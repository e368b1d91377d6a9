/**
 * Just enough of a Bicep reader to check infra/azure.bicep's structure offline (the Bicep compiler
 * is not available here): top-level params, vars, resources and outputs, object literals, and the
 * identifiers an expression refers to.
 *
 * It works on a "masked" copy of the text in which comments and the literal parts of strings are
 * blanked (string interpolations stay visible), so braces and names inside strings and comments
 * never count, while offsets still line up with the original text.
 */

export interface BicepValue {
  /** The original text of the value (comments removed), trimmed. */
  raw: string;
  /** The same text with comments and string literals blanked. */
  masked: string;
}

export interface BicepParam {
  name: string;
  type: string;
  secure: boolean;
  hasDefault: boolean;
  defaultValue?: BicepValue;
  /** The original text of the decorators above it, e.g. "@secure()". */
  decorators: string[];
}

export interface BicepResource {
  symbol: string;
  type: string;
  apiVersion: string;
  /** The resource's object literal, `{` to `}`. */
  body: BicepValue;
}

export interface BicepOutput {
  name: string;
  type: string;
  expression: BicepValue;
}

export interface BicepVar {
  name: string;
  expression: BicepValue;
}

export interface BicepFile {
  params: BicepParam[];
  vars: BicepVar[];
  resources: BicepResource[];
  outputs: BicepOutput[];
  /** Every top-level statement except decorators, masked; for "is this name used" questions. */
  statements: Array<{ keyword: string; name: string; masked: string }>;
}

type Frame = { kind: 'string' } | { kind: 'interp'; depth: number };

/**
 * Blanks comments and (unless `strings` is false) string literal text, keeping quotes, interpolated
 * code and newlines, so every offset still matches the input.
 */
export function maskBicep(text: string, strings = true): string {
  const out = text.split('');
  const stack: Frame[] = [];
  const blank = (i: number): void => {
    if (out[i] !== '\n') out[i] = ' ';
  };
  const blankText = (i: number): void => {
    if (strings) blank(i);
  };
  let i = 0;
  while (i < text.length) {
    const c = text[i];
    const next = text[i + 1];
    const top = stack[stack.length - 1];
    if (top?.kind === 'string') {
      if (c === '\\') {
        blankText(i);
        blankText(i + 1);
        i += 2;
      } else if (c === "'") {
        stack.pop();
        i++;
      } else if (c === '$' && next === '{') {
        blankText(i);
        blankText(i + 1);
        stack.push({ kind: 'interp', depth: 0 });
        i += 2;
      } else {
        blankText(i);
        i++;
      }
      continue;
    }
    if (c === '/' && next === '/') {
      while (i < text.length && text[i] !== '\n') blank(i++);
      continue;
    }
    if (c === '/' && next === '*') {
      while (i < text.length && !(text[i] === '*' && text[i + 1] === '/')) blank(i++);
      blank(i);
      blank(i + 1);
      i += 2;
      continue;
    }
    if (c === "'") {
      stack.push({ kind: 'string' });
    } else if (top?.kind === 'interp') {
      if (c === '{') top.depth++;
      else if (c === '}') {
        if (top.depth === 0) {
          blankText(i);
          stack.pop();
        } else top.depth--;
      }
    }
    i++;
  }
  return out.join('');
}

function depthChange(maskedLine: string): number {
  let d = 0;
  for (const c of maskedLine) {
    if (c === '{' || c === '[' || c === '(') d++;
    else if (c === '}' || c === ']' || c === ')') d--;
  }
  return d;
}

/**
 * The names an expression refers to: identifiers that are neither a property after a dot nor an
 * object key at the start of a line.
 */
export function identifiersIn(masked: string): Set<string> {
  const withoutKeys = masked.replace(
    /^(\s*)([A-Za-z_]\w*)(\s*:)/gm,
    (_m, a: string, k: string, b: string) => a + ' '.repeat(k.length) + b,
  );
  const names = new Set<string>();
  for (const m of withoutKeys.matchAll(/(^|[^.\w])([A-Za-z_]\w*)/g)) names.add(m[2]);
  return names;
}

interface Statement {
  original: string;
  masked: string;
}

/** Splits the file into top-level statements: each starts at depth 0 and ends when depth is 0 again. */
function statements(text: string, masked: string): Statement[] {
  const origLines = text.split('\n');
  const maskLines = masked.split('\n');
  const result: Statement[] = [];
  let current: { o: string[]; m: string[] } | null = null;
  let depth = 0;
  for (let n = 0; n < maskLines.length; n++) {
    const m = maskLines[n];
    if (current === null) {
      if (m.trim() === '') continue;
      current = { o: [], m: [] };
    }
    current.o.push(origLines[n]);
    current.m.push(m);
    depth += depthChange(m);
    if (depth === 0) {
      result.push({ original: current.o.join('\n').trim(), masked: current.m.join('\n').trim() });
      current = null;
    }
  }
  if (current !== null) throw new Error(`unbalanced brackets near: ${current.o[0]}`);
  return result;
}

/** The text from the first `{` in `masked` to its matching `}`, in both views. */
export function firstObject(value: BicepValue): BicepValue {
  const start = value.masked.indexOf('{');
  if (start < 0) throw new Error(`no object literal in: ${value.raw.slice(0, 80)}`);
  let depth = 0;
  for (let i = start; i < value.masked.length; i++) {
    const c = value.masked[i];
    if (c === '{') depth++;
    else if (c === '}' && --depth === 0) {
      return { raw: value.raw.slice(start, i + 1), masked: value.masked.slice(start, i + 1) };
    }
  }
  throw new Error(`unterminated object literal in: ${value.raw.slice(0, 80)}`);
}

/**
 * The entries of an object literal (`{` ... `}`, one `key: value` per line, values possibly spanning
 * lines), keyed by property name with quotes removed.
 */
export function objectEntries(obj: BicepValue): Map<string, BicepValue> {
  const inner: BicepValue = { raw: obj.raw.slice(1, -1), masked: obj.masked.slice(1, -1) };
  const entries = new Map<string, BicepValue>();
  for (const s of statements(inner.raw, inner.masked)) {
    const m = /^('?)([\w.-]+)\1\s*:\s*([\s\S]*)$/.exec(s.original);
    if (!m) throw new Error(`not a key: value entry: ${s.original.slice(0, 80)}`);
    const offset = s.original.length - m[3].length;
    entries.set(m[2], { raw: m[3].trim(), masked: s.masked.slice(offset).trim() });
  }
  return entries;
}

/** Follows `path` through nested object literals, e.g. ['properties', 'siteConfig', 'alwaysOn']. */
export function valueAt(obj: BicepValue, path: readonly string[]): BicepValue | undefined {
  let current: BicepValue = obj;
  for (const key of path) {
    if (!current.masked.trimStart().startsWith('{')) return undefined;
    const next = objectEntries(current).get(key);
    if (next === undefined) return undefined;
    current = next;
  }
  return current;
}

export function parseBicep(text: string): BicepFile {
  const file: BicepFile = { params: [], vars: [], resources: [], outputs: [], statements: [] };
  let decorators: Statement[] = [];
  // "original" from here on means the text without comments, so values never carry one.
  for (const s of statements(maskBicep(text, false), maskBicep(text))) {
    if (s.masked.startsWith('@')) {
      decorators.push(s);
      continue;
    }
    const head = /^(\w+)\s+(\w+)/.exec(s.masked);
    if (head) file.statements.push({ keyword: head[1], name: head[2], masked: s.masked });
    const rest = (m: RegExpExecArray, group: number): BicepValue => {
      const offset = s.original.length - m[group].length;
      return { raw: m[group].trim(), masked: s.masked.slice(offset).trim() };
    };
    let m: RegExpExecArray | null;
    if ((m = /^param\s+(\w+)\s+(\w+)(?:\s*=\s*([\s\S]*))?$/.exec(s.original))) {
      file.params.push({
        name: m[1],
        type: m[2],
        hasDefault: m[3] !== undefined,
        defaultValue: m[3] === undefined ? undefined : rest(m, 3),
        decorators: decorators.map((d) => d.original),
        secure: decorators.some((d) => /^@secure\(\s*\)$/.test(d.masked.trim())),
      });
    } else if ((m = /^var\s+(\w+)\s*=\s*([\s\S]*)$/.exec(s.original))) {
      file.vars.push({ name: m[1], expression: rest(m, 2) });
    } else if ((m = /^resource\s+(\w+)\s+'([^'@]+)@([^']+)'\s*=\s*([\s\S]*)$/.exec(s.original))) {
      file.resources.push({ symbol: m[1], type: m[2], apiVersion: m[3], body: firstObject(rest(m, 4)) });
    } else if ((m = /^output\s+(\w+)\s+(\w+)\s*=\s*([\s\S]*)$/.exec(s.original))) {
      file.outputs.push({ name: m[1], type: m[2], expression: rest(m, 3) });
    }
    decorators = [];
  }
  return file;
}

/** Literal value of a single-quoted Bicep string without interpolation, or undefined. */
export function stringLiteral(value: BicepValue | undefined): string | undefined {
  if (value === undefined) return undefined;
  const m = /^'((?:[^'\\$]|\\.|\$(?!\{))*)'$/.exec(value.raw);
  return m ? m[1].replace(/\\(.)/g, '$1') : undefined;
}
