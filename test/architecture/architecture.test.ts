import * as path from 'node:path';
import { findViolations } from './check';
import {
  importsOf,
  readsNamedVariable,
  readWorkspace,
  type SourceFile,
  type WorkspacePackage,
} from './workspace';

const root = path.resolve(__dirname, '..', '..');

function pkg(
  name: string,
  group: 'libs' | 'services',
  imports: string[] = [],
  dependencies: string[] = [],
  extra: Partial<SourceFile> = {},
): WorkspacePackage {
  return {
    name,
    group,
    dependencies,
    devDependencies: [],
    sources: [{ file: 'src/index.ts', isTest: false, imports, readsEnv: false, ...extra }],
  };
}

const fleet = [
  pkg('domain', 'libs'),
  pkg('contracts', 'libs', ['@fleetpush/domain', 'zod'], ['@fleetpush/domain', 'zod']),
  pkg('config', 'libs', [], [], { readsEnv: true }),
  pkg('queue', 'libs', ['bullmq', '@fleetpush/contracts'], ['bullmq', '@fleetpush/contracts']),
  pkg('api', 'services', ['express', '@fleetpush/contracts'], ['@fleetpush/contracts']),
  pkg('worker', 'services', ['@fleetpush/queue'], ['@fleetpush/queue']),
];

describe('the dependency rules of DESIGN.md §3', () => {
  it('hold for the real workspace', () => {
    const packages = readWorkspace(root);
    expect(packages.map((p) => p.name)).toEqual(
      expect.arrayContaining(['domain', 'contracts', 'config']),
    );
    expect(findViolations(packages)).toEqual([]);
  });

  it('accept a clean synthetic workspace', () => {
    expect(findViolations(fleet)).toEqual([]);
  });

  it.each([
    [
      'a lib importing a service',
      pkg('store', 'libs', ['@fleetpush/worker'], ['@fleetpush/worker']),
      /may not depend on the service worker/,
    ],
    [
      'a service importing a service',
      pkg('gateway', 'services', ['@fleetpush/api'], ['@fleetpush/api']),
      /services never import each other/,
    ],
    ['domain importing a Node builtin', pkg('domain', 'libs', ['node:fs']), /Node builtin node:fs/],
    [
      'contracts importing an I/O package',
      pkg('contracts', 'libs', ['ioredis']),
      /pure package imports ioredis/,
    ],
    [
      'bullmq outside libs/queue',
      pkg('worker', 'services', ['bullmq']),
      /bullmq may only be imported by \[queue\]/,
    ],
    ['ssh2 outside its homes', pkg('api', 'services', ['ssh2']), /ssh2 may only be imported/],
    [
      'an undeclared workspace import',
      pkg('worker', 'services', ['@fleetpush/store']),
      /without declaring it/,
    ],
    [
      'a deep import into another package',
      pkg('worker', 'services', ['@fleetpush/queue/src/x'], ['@fleetpush/queue']),
      /another package's files/,
    ],
    [
      'a lib edge outside the table',
      pkg('ssh', 'libs', ['@fleetpush/contracts'], ['@fleetpush/contracts']),
      /ssh may import only \[domain\]/,
    ],
    [
      'process.env outside libs/config',
      pkg('api', 'services', [], [], { readsEnv: true }),
      /reads process\.env/,
    ],
  ])('fail on %s', (_label, offender, message) => {
    const others = fleet.filter((p) => p.name !== offender.name);
    const violations = findViolations([
      ...others,
      offender,
      pkg('store', 'libs'),
      pkg('gateway', 'services'),
    ]);
    expect(violations).toEqual([expect.stringMatching(message)]);
  });
});

describe('importsOf', () => {
  it('finds static, type-only, side-effect, require and dynamic imports', () => {
    const text = [
      "import { a } from 'x';",
      "import type { B } from '@s/y/z';",
      "export * from './local';",
      "import 'side-effect';",
      "const c = require('cjs');",
      "const d = await import('dyn');",
      '/** the diff is distinct from "empty" */',
    ].join('\n');
    expect(importsOf(text).sort()).toEqual(['./local', '@s/y/z', 'cjs', 'dyn', 'side-effect', 'x']);
  });
});

describe('readsNamedVariable', () => {
  it('flags reading a named variable, not handing process.env to loadConfig', () => {
    expect(readsNamedVariable('const p = process.env.FLEETPUSH_PORT;')).toBe(true);
    expect(readsNamedVariable("const p = process.env['X'];")).toBe(true);
    expect(readsNamedVariable('const { HOME } = process.env;')).toBe(true);
    expect(readsNamedVariable('const config = loadConfig(apiConfigSchema, process.env);')).toBe(
      false,
    );
  });
});
