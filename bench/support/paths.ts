/** Where the project is, whether this runs compiled (dist/bench/support) or from source. */
import path from 'node:path';

export const PROJECT_ROOT = path.resolve(
  __dirname,
  __dirname.includes(`${path.sep}dist${path.sep}`) ? '../../..' : '../..',
);
