import { builtinModules } from 'node:module';
import { ALLOWED_WORKSPACE_DEPS, ENV_READER, PURE_PACKAGES, VENDOR_HOMES } from './rules';
import type { SourceFile, WorkspacePackage } from './workspace';

const SCOPE = '@fleetpush/';
/** Packages tests may use as fixtures (dev dependencies only, imported only by test files). */
const TEST_FIXTURES = new Set([`${SCOPE}testing`, `${SCOPE}device-sim`]);
const BUILTINS = new Set(builtinModules);

/** The package name part of an import specifier (`@scope/pkg/sub` → `@scope/pkg`). */
export function packageOf(specifier: string): string {
  const parts = specifier.split('/');
  return specifier.startsWith('@') ? parts.slice(0, 2).join('/') : (parts[0] ?? specifier);
}

function isBuiltin(specifier: string): boolean {
  return specifier.startsWith('node:') || BUILTINS.has(packageOf(specifier));
}

function workspaceEdgeProblem(
  pkg: WorkspacePackage,
  target: string,
  byName: Map<string, WorkspacePackage>,
): string | undefined {
  const dep = byName.get(target);
  if (!dep) return `depends on unknown workspace package ${SCOPE}${target}`;
  if (pkg.group === 'libs' && dep.group === 'services')
    return `a lib may not depend on the service ${target}`;
  if (pkg.group === 'services' && dep.group === 'services' && pkg.name !== target) {
    return `services never import each other (${pkg.name} → ${target})`;
  }
  const allowed = ALLOWED_WORKSPACE_DEPS[pkg.name];
  if (allowed && allowed !== '*' && !allowed.includes(target) && dep.group === 'libs') {
    return `${pkg.name} may import only [${allowed.join(', ')}], not ${target}`;
  }
  return undefined;
}

function checkManifest(pkg: WorkspacePackage, byName: Map<string, WorkspacePackage>): string[] {
  const problems: string[] = [];
  // Test fixtures are a dev dependency of anything; the source check keeps them out of runtime code.
  const devDeps = pkg.devDependencies.filter((d) => !TEST_FIXTURES.has(d));
  for (const dep of [...pkg.dependencies, ...devDeps]) {
    if (!dep.startsWith(SCOPE)) continue;
    const problem = workspaceEdgeProblem(pkg, dep.slice(SCOPE.length), byName);
    if (problem) problems.push(`${pkg.name}/package.json: ${problem}`);
  }
  return problems;
}

function checkImport(pkg: WorkspacePackage, source: SourceFile, spec: string): string | undefined {
  if (spec.startsWith('.')) {
    return /^(\.\.\/){2,}/.test(spec) && spec.includes('/src')
      ? `reaches into another package: ${spec}`
      : undefined;
  }
  const pure = PURE_PACKAGES[pkg.name];
  if (isBuiltin(spec))
    return pure && !source.isTest ? `pure package imports the Node builtin ${spec}` : undefined;
  const name = packageOf(spec);
  if (name.startsWith(SCOPE) && spec !== name)
    return `imports into another package's files: ${spec}`;
  if (TEST_FIXTURES.has(name) && !source.isTest && name !== `${SCOPE}${pkg.name}`) {
    return `runtime code imports the test fixture ${name}`;
  }
  const homes = VENDOR_HOMES[name];
  if (homes && !homes.includes(pkg.name))
    return `${name} may only be imported by [${homes.join(', ')}]`;
  if (pure && !source.isTest && !name.startsWith(SCOPE) && !pure.includes(name)) {
    return `pure package imports ${name} (allowed: ${pure.join(', ') || 'none'})`;
  }
  const declared = source.isTest ? [...pkg.dependencies, ...pkg.devDependencies] : pkg.dependencies;
  if (name.startsWith(SCOPE) && name !== `${SCOPE}${pkg.name}` && !declared.includes(name)) {
    return `imports ${name} without declaring it in package.json`;
  }
  return undefined;
}

function checkSources(pkg: WorkspacePackage): string[] {
  const problems: string[] = [];
  for (const source of pkg.sources) {
    const where = `${pkg.group}/${pkg.name}/${source.file}`;
    for (const spec of source.imports) {
      const problem = checkImport(pkg, source, spec);
      if (problem) problems.push(`${where}: ${problem}`);
    }
    if (source.readsEnv && !source.isTest && pkg.name !== ENV_READER) {
      problems.push(`${where}: reads process.env (only libs/${ENV_READER} may)`);
    }
  }
  return problems;
}

/**
 * Every violation of the dependency rules in a workspace: forbidden package edges, undeclared
 * imports, vendor clients outside their home, impure imports in pure packages, env reads.
 */
export function findViolations(packages: readonly WorkspacePackage[]): string[] {
  const byName = new Map(packages.map((p) => [p.name, p]));
  return packages.flatMap((pkg) => [...checkManifest(pkg, byName), ...checkSources(pkg)]);
}
