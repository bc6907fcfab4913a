// @ts-check
/**
 * Two jest projects: `unit` (pure, no network) and `int` (real Redis and SSH on 127.0.0.1).
 * Workspace packages resolve to their TypeScript sources, so tests run without a prior build.
 */
const fs = require('node:fs');
const path = require('node:path');

/** Maps `@fleetpush/<name>` to `<group>/<name>/src/index.ts` for every workspace package. */
function workspaceModuleMap() {
  /** @type {Record<string, string>} */
  const map = {};
  for (const group of ['libs', 'services']) {
    const dir = path.join(__dirname, group);
    if (!fs.existsSync(dir)) continue;
    for (const name of fs.readdirSync(dir)) {
      const entry = path.join(dir, name, 'src', 'index.ts');
      if (fs.existsSync(entry)) map[`^@fleetpush/${name}$`] = entry;
    }
  }
  return map;
}

const transform = {
  '^.+\\.ts$': ['ts-jest', { tsconfig: '<rootDir>/tsconfig.jest.json' }],
};

/** @type {import('jest').Config} */
const shared = {
  rootDir: __dirname,
  testEnvironment: 'node',
  transform,
  moduleNameMapper: workspaceModuleMap(),
  testPathIgnorePatterns: ['/node_modules/', '/dist/'],
  modulePathIgnorePatterns: ['<rootDir>/.*/dist/'],
};

/** @type {import('jest').Config} */
module.exports = {
  // a global option (jest ignores it inside a project): a test that needs real Redis or SSH may
  // wait on a busy machine; the assertions, not the clock, decide whether it passes
  testTimeout: 60_000,
  projects: [
    {
      ...shared,
      displayName: 'unit',
      testMatch: ['<rootDir>/**/*.test.ts'],
      testPathIgnorePatterns: [...shared.testPathIgnorePatterns, '\\.int\\.test\\.ts$'],
    },
    {
      ...shared,
      displayName: 'int',
      testMatch: ['<rootDir>/**/*.int.test.ts'],
      globalSetup: '<rootDir>/test/ensure-redis.js',
    },
  ],
};
