import { execFile } from 'node:child_process';
import path from 'node:path';
import { promisify } from 'node:util';

export const PROJECT_ROOT = path.resolve(__dirname, '../..');

/**
 * Tests that run the compiled bot as `npm start` does need dist/ to match the working tree.
 * `npm test` builds once before Jest and says so with CCTV_DIST_FRESH=1; a suite run on its own
 * builds here (suites running in parallel would otherwise write dist/ at the same time).
 */
export async function ensureBuilt(): Promise<void> {
  if (process.env.CCTV_DIST_FRESH === '1') return;
  await promisify(execFile)(process.execPath, [require.resolve('typescript/bin/tsc'), '-p', 'tsconfig.build.json'], {
    cwd: PROJECT_ROOT,
  });
}
