import * as fs from 'node:fs';
import * as path from 'node:path';

/** One workspace package and what it depends on, as the architecture check sees it. */
export interface WorkspacePackage {
  /** Folder name (`domain`, `worker`, …); the package is `@fleetpush/<name>`. */
  readonly name: string;
  readonly group: 'libs' | 'services';
  /** Names in `dependencies` (runtime). */
  readonly dependencies: readonly string[];
  /** Names in `devDependencies`. */
  readonly devDependencies: readonly string[];
  /** Source files (relative to the package) with their import specifiers. */
  readonly sources: readonly SourceFile[];
}

/** A source file's imports and whether it reads `process.env`. */
export interface SourceFile {
  readonly file: string;
  readonly isTest: boolean;
  readonly imports: readonly string[];
  readonly readsEnv: boolean;
}

const IMPORT_PATTERNS = [
  /^\s*(?:import|export)\b[^;]*?\bfrom\s+['"]([^'"]+)['"]/gm,
  /^\s*import\s+['"]([^'"]+)['"]/gm,
  /\brequire\(\s*['"]([^'"]+)['"]\s*\)/g,
  /\bimport\(\s*['"]([^'"]+)['"]\s*\)/g,
];

/** Every import specifier in a TypeScript source text. */
export function importsOf(text: string): string[] {
  const found = new Set<string>();
  for (const pattern of IMPORT_PATTERNS) {
    for (const match of text.matchAll(pattern)) if (match[1]) found.add(match[1]);
  }
  return [...found];
}

/**
 * Whether a source reads a named environment variable (`process.env.X`, `process.env['X']`, or
 * destructuring). Handing the whole of `process.env` to `loadConfig` is how a composition root
 * reads its configuration through libs/config, and is allowed.
 */
export function readsNamedVariable(text: string): boolean {
  return /\bprocess\.env\s*(\?\.|\.|\[)/.test(text) || /}\s*=\s*process\.env\b/.test(text);
}

function listSources(dir: string): string[] {
  if (!fs.existsSync(dir)) return [];
  return fs.readdirSync(dir, { withFileTypes: true, recursive: true }).flatMap((entry) => {
    if (!entry.isFile() || !/\.(ts|tsx)$/.test(entry.name) || entry.name.endsWith('.d.ts'))
      return [];
    const full = path.join(entry.parentPath, entry.name);
    return full.includes(`${path.sep}node_modules${path.sep}`) ? [] : [full];
  });
}

function readSource(pkgDir: string, full: string): SourceFile {
  const text = fs.readFileSync(full, 'utf8');
  const file = path.relative(pkgDir, full);
  return {
    file,
    isTest:
      /\.test\.tsx?$/.test(file) ||
      /__(fixtures|test-support)__/.test(file) ||
      file.startsWith('test') ||
      file.startsWith('bench'),
    imports: importsOf(text),
    readsEnv: readsNamedVariable(text),
  };
}

/** Reads every workspace package under `root` (libs/* and services/*). */
export function readWorkspace(root: string): WorkspacePackage[] {
  const packages: WorkspacePackage[] = [];
  for (const group of ['libs', 'services'] as const) {
    const groupDir = path.join(root, group);
    if (!fs.existsSync(groupDir)) continue;
    for (const name of fs.readdirSync(groupDir)) {
      const pkgDir = path.join(groupDir, name);
      const manifest = path.join(pkgDir, 'package.json');
      if (!fs.existsSync(manifest)) continue;
      const json = JSON.parse(fs.readFileSync(manifest, 'utf8')) as {
        dependencies?: Record<string, string>;
        devDependencies?: Record<string, string>;
      };
      const sources = ['src', 'bench', 'test'].flatMap((d) => listSources(path.join(pkgDir, d)));
      packages.push({
        name,
        group,
        dependencies: Object.keys(json.dependencies ?? {}),
        devDependencies: Object.keys(json.devDependencies ?? {}),
        sources: sources.map((full) => readSource(pkgDir, full)),
      });
    }
  }
  return packages;
}
