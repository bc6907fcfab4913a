import * as path from 'node:path';

/**
 * The repository root: this file lives in `services/cli/src` (sources) or `services/cli/dist`
 * (built), both three levels below it.
 */
export const REPO_ROOT = path.resolve(__dirname, '..', '..', '..');
