import { CONFIG_VARIABLES } from '@fleetpush/config';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';

const readme = readFileSync(path.resolve(__dirname, '..', '..', 'README.md'), 'utf8');
const table = readme.slice(
  readme.indexOf('<!-- config-table:start -->'),
  readme.indexOf('<!-- config-table:end -->'),
);

describe('README', () => {
  it.each(CONFIG_VARIABLES.map((v) => [v.name, v] as const))(
    'documents %s with its default',
    (name, variable) => {
      const row = table.split('\n').find((line) => line.startsWith(`| \`${name}\` |`));
      expect(row).toBeDefined();
      const shown =
        variable.defaultDescription ??
        (variable.default === undefined ? '—' : String(variable.default));
      expect(row).toContain(`| ${shown} |`);
    },
  );

  it('documents no variable the code does not read', () => {
    const documented = [...table.matchAll(/^\| `(FLEETPUSH_[A-Z_]+)` \|/gm)].map((m) => m[1]);
    expect(documented.sort()).toEqual(CONFIG_VARIABLES.map((v) => v.name).sort());
  });

  it('names the test command CI runs', () => {
    expect(readme).toContain('npm test');
    expect(readFileSync(path.resolve(__dirname, '..', '..', '.ci', 'run'), 'utf8')).toContain(
      'npm test',
    );
  });
});
