/**
 * Builds the Teams app package: teamsapp/manifest.json with its ${{VAR}} placeholders filled, plus
 * the two icons, zipped into teamsapp/build/appPackage.<env>.zip. This is what a Teams admin
 * uploads (Teams admin center > Manage apps > Upload) or what `teamsApp/update` sends.
 *
 * Values come from env/.env.<env>, then env/.env.<env>.user, then the process environment (which
 * wins, as it does for dotenv and the Agents Toolkit). A placeholder with no value, or an empty
 * one, stops the build with the names of every variable that is missing.
 *
 * Run: `npm run package` (env "dev") or `npm run package -- local`.
 */
import { createWriteStream, existsSync, mkdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { ZipFile } from 'yazl';
import { findRepoRoot } from './repo-root';

/** The files a Teams app package holds, all at the zip's root. */
export const PACKAGE_ENTRIES = ['manifest.json', 'color.png', 'outline.png'] as const;

const PLACEHOLDER = /\$\{\{\s*([A-Za-z_][A-Za-z0-9_]*)\s*\}\}/g;

/** A fixed timestamp, so packaging the same inputs twice gives byte-identical zips. */
const ZIP_MTIME = new Date('2026-01-01T00:00:00Z');

export class MissingVariablesError extends Error {
  constructor(
    readonly missing: readonly string[],
    source: string,
  ) {
    super(`cannot fill ${source}: no value for ${missing.join(', ')} (set them in env/.env.<env> or the environment)`);
    this.name = 'MissingVariablesError';
  }
}

/** The names of every ${{VAR}} in `text`, in order of first appearance. */
export function placeholdersIn(text: string): string[] {
  return [...new Set(Array.from(text.matchAll(PLACEHOLDER), (m) => m[1]))];
}

/**
 * Replaces each ${{VAR}} with its value. Values are inserted JSON-escaped when `jsonStrings` is set,
 * since every placeholder in the manifest sits inside a JSON string.
 */
export function fillPlaceholders(
  text: string,
  vars: Readonly<Record<string, string | undefined>>,
  source: string,
  jsonStrings = true,
): string {
  const missing = placeholdersIn(text).filter((name) => !vars[name]);
  if (missing.length > 0) throw new MissingVariablesError(missing, source);
  return text.replace(PLACEHOLDER, (_m, name: string) => {
    const value = vars[name] as string;
    return jsonStrings ? JSON.stringify(value).slice(1, -1) : value;
  });
}

/**
 * Parses a .env file the way the Agents Toolkit writes them: KEY=VALUE per line, # comments, values
 * optionally wrapped in single or double quotes.
 */
export function parseEnvFile(text: string): Record<string, string> {
  const vars: Record<string, string> = {};
  for (const raw of text.split(/\r?\n/)) {
    const line = raw.trim();
    if (line === '' || line.startsWith('#')) continue;
    const m = /^(?:export\s+)?([A-Za-z_][A-Za-z0-9_]*)\s*=\s*(.*)$/.exec(line);
    if (!m) continue;
    let value = m[2];
    const quoted = /^(['"])(.*)\1$/.exec(value);
    if (quoted) value = quoted[2];
    else value = value.replace(/\s+#.*$/, '').trim();
    vars[m[1]] = value;
  }
  return vars;
}

/** The variables for one environment: its .env file, its .user file, then the process environment. */
export function loadEnvironment(
  rootDir: string,
  envName: string,
  processEnv: Readonly<Record<string, string | undefined>> = process.env,
): Record<string, string> {
  const merged: Record<string, string> = { TEAMSFX_ENV: envName };
  for (const file of [`.env.${envName}`, `.env.${envName}.user`]) {
    const full = path.join(rootDir, 'env', file);
    if (existsSync(full)) Object.assign(merged, parseEnvFile(readFileSync(full, 'utf8')));
  }
  for (const [k, v] of Object.entries(processEnv)) if (v !== undefined && v !== '') merged[k] = v;
  return merged;
}

export interface PackageOptions {
  /** Repository root (holds teamsapp/ and env/). */
  rootDir: string;
  /** Environment name: picks env/.env.<env> and names the zip. */
  env: string;
  /** Where to write the zip; defaults to <rootDir>/teamsapp/build. */
  outDir?: string;
  /** Variables to fill from; defaults to loadEnvironment(rootDir, env). */
  vars?: Readonly<Record<string, string | undefined>>;
}

/** The manifest with its placeholders filled, parsed (so a broken template fails here, not in Teams). */
export function renderManifest(rootDir: string, vars: Readonly<Record<string, string | undefined>>): unknown {
  const template = readFileSync(path.join(rootDir, 'teamsapp', 'manifest.json'), 'utf8');
  return JSON.parse(fillPlaceholders(template, vars, 'teamsapp/manifest.json'));
}

/** Writes appPackage.<env>.zip and resolves to its path. */
export async function buildAppPackage(options: PackageOptions): Promise<string> {
  const { rootDir, env } = options;
  const vars = options.vars ?? loadEnvironment(rootDir, env);
  const manifest = renderManifest(rootDir, vars);
  const outDir = options.outDir ?? path.join(rootDir, 'teamsapp', 'build');
  mkdirSync(outDir, { recursive: true });
  const zipPath = path.join(outDir, `appPackage.${env}.zip`);

  const zip = new ZipFile();
  zip.addBuffer(Buffer.from(JSON.stringify(manifest, null, 2) + '\n'), 'manifest.json', { mtime: ZIP_MTIME });
  for (const icon of ['color.png', 'outline.png']) {
    zip.addBuffer(readFileSync(path.join(rootDir, 'teamsapp', icon)), icon, { mtime: ZIP_MTIME });
  }
  zip.end();
  await new Promise<void>((resolve, reject) => {
    const out = createWriteStream(zipPath);
    out.on('close', resolve);
    out.on('error', reject);
    zip.outputStream.on('error', reject);
    zip.outputStream.pipe(out);
  });
  return zipPath;
}

if (require.main === module) {
  const env = process.argv[2] ?? process.env.TEAMSFX_ENV ?? 'dev';
  const rootDir = findRepoRoot();
  buildAppPackage({ rootDir, env }).then(
    (zipPath) => console.log(`wrote ${path.relative(rootDir, zipPath)}`),
    (err: unknown) => {
      console.error(err instanceof Error ? err.message : err);
      process.exitCode = 1;
    },
  );
}
