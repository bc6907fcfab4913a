import { CONFIG_VARIABLES } from '@fleetpush/config';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import { parseAllDocuments } from 'yaml';

/** The repository root. */
export const ROOT = path.resolve(__dirname, '..', '..');

/** A file of the repository as text. */
export function readText(relative: string): string {
  return readFileSync(path.join(ROOT, relative), 'utf8');
}

/**
 * Every document of a YAML file, as plain data. Merge keys (`<<: *anchor`) are resolved as
 * docker compose does; a syntax error or a duplicate key throws, naming the file.
 */
export function parseYaml(relative: string): unknown[] {
  const documents = parseAllDocuments(readText(relative), { merge: true, uniqueKeys: true });
  const list = Array.isArray(documents) ? documents : [documents];
  return list.map((doc) => {
    const problem = doc.errors[0];
    if (problem) throw new Error(`${relative}: ${problem.message}`);
    return doc.toJS() as unknown;
  });
}

/** Every `.yml` / `.yaml` file under a folder, relative to the root, sorted. */
export function yamlFilesUnder(relative: string): string[] {
  const dir = path.join(ROOT, relative);
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { recursive: true, encoding: 'utf8' })
    .filter((name) => /\.ya?ml$/.test(name))
    .map((name) => path.join(relative, name))
    .sort();
}

/** Every `FLEETPUSH_*` name written in a text (values, keys and comments alike). */
export function fleetpushNames(text: string): string[] {
  return [...new Set(text.match(/\bFLEETPUSH_[A-Z0-9_]*[A-Z0-9]/g) ?? [])];
}

const KNOWN = new Set(CONFIG_VARIABLES.map((v) => v.name));

/** The `FLEETPUSH_*` names in a text that no service reads: typos, or variables removed since. */
export function unknownVariableNames(text: string): string[] {
  return fleetpushNames(text).filter((name) => !KNOWN.has(name));
}

/** `NAME=value` lines of a dotenv file (comments and blank lines skipped; no quoting used). */
export function parseEnvFile(text: string): Map<string, string> {
  const entries = new Map<string, string>();
  for (const line of text.split('\n')) {
    const match = /^([A-Z][A-Z0-9_]*)=(.*)$/.exec(line.trim());
    if (match?.[1] !== undefined) entries.set(match[1], match[2] ?? '');
  }
  return entries;
}

/**
 * What the image's entrypoint runs for each service argument, from `deploy/docker/entrypoint.sh`
 * (`api) main=services/api/dist/main.js ;;`).
 */
export function entrypointServices(): Map<string, string> {
  const script = readText('deploy/docker/entrypoint.sh');
  return new Map(
    [...script.matchAll(/^\s*([a-z-]+)\) main=(services\/[a-z-]+\/dist\/main\.js) ;;$/gm)].map(
      (m) => [m[1] ?? '', m[2] ?? ''],
    ),
  );
}

/** The TypeScript source a compiled `services/<name>/dist/main.js` is built from. */
export function sourceOf(distMain: string): string {
  return distMain.replace('/dist/main.js', '/src/main.ts');
}

/** Narrows parsed YAML to a mapping (throws otherwise, naming what was expected). */
export function asRecord(value: unknown, what: string): Record<string, unknown> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new Error(`${what}: expected a mapping, got ${JSON.stringify(value)}`);
  }
  return value as Record<string, unknown>;
}

/** A compose/k8s command written as a list or a string, as one list of words. */
export function words(value: unknown): string[] {
  if (value === undefined || value === null) return [];
  if (Array.isArray(value)) return value.flatMap((v) => String(v).split(/\s+/)).filter(Boolean);
  return String(value).split(/\s+/).filter(Boolean);
}
