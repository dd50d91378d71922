import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * The module shape of docs/architecture.md as rules a machine checks (`npm run check:boundaries`,
 * and `boundaries.test.ts` inside `npm test`). Every rule reads source as text — imports, query
 * builder calls and raw SQL — so it needs no compiler and runs in well under a second.
 *
 * Server (production code under server/src; tests may look anywhere):
 *  - tables-import:   a module's `*.tables.ts` is imported only by its own repositories (and, as
 *                     types, by platform/db/schema.ts, which assembles the database type).
 *  - foreign-repo:    no file imports another module's repository; it asks that module's service.
 *  - sql-outside-repo: query builders (`selectFrom`, `insertInto`, `updateTable`, `deleteFrom`,
 *                     `with`) and `sql` appear in a module only in its repositories.
 *  - foreign-table:   a repository queries only tables its own module declares.
 *  - module-cycle:    no cycle in the graph of modules importing modules (types included).
 *  - service-size:    a `*.service.ts` stays under SERVICE_MAX_LINES; past ~400 lines it is split by
 *                     concern (as `auth/` and `users/` are), not grown.
 * Web:
 *  - feature-import:  a feature under web/src/features imports shared pieces (web/src/components,
 *                     web/src/api, web/src/app), never another feature.
 */

export interface Violation {
  rule:
    | 'tables-import'
    | 'foreign-repo'
    | 'sql-outside-repo'
    | 'foreign-table'
    | 'module-cycle'
    | 'service-size'
    | 'feature-import';
  file: string;
  line: number;
  message: string;
}

export interface SourceFile {
  /** Path relative to the repository root, with forward slashes. */
  path: string;
  text: string;
}

/** The longest a service file may be; aim for ~400 and split by concern before this. */
export const SERVICE_MAX_LINES = 450;

const ROOT = fileURLToPath(new URL('..', import.meta.url));

/** Every TypeScript source file under the folders, relative to the root. */
export function readSources(root = ROOT, folders = ['server/src', 'web/src']): SourceFile[] {
  const files: SourceFile[] = [];
  for (const folder of folders) {
    for (const entry of readdirSync(join(root, folder), { recursive: true, encoding: 'utf8' })) {
      if (!/\.tsx?$/.test(entry)) continue;
      const path = `${folder}/${entry.split(sep).join('/')}`;
      files.push({ path, text: readFileSync(join(root, path), 'utf8') });
    }
  }
  return files;
}

const isTest = (path: string) => /\.test\.tsx?$/.test(path);

/** `modules/<name>` for a server module file, else null. */
function serverModule(path: string): string | null {
  return /^server\/src\/modules\/([^/]+)\//.exec(path)?.[1] ?? null;
}

function webFeature(path: string): string | null {
  return /^web\/src\/features\/([^/]+)\//.exec(path)?.[1] ?? null;
}

const isRepository = (path: string) => /\.repository\.ts$/.test(path) || /\/repositories?\//.test(path);

interface Import {
  target: string;
  line: number;
  typeOnly: boolean;
}

const IMPORT = /(?:^|\n)\s*(import|export)\s+(type\s+)?(?:[^'";]*?\s+from\s+)?['"]([^'"]+)['"]/g;
const DYNAMIC_IMPORT = /import\(\s*['"]([^'"]+)['"]\s*\)/g;

function lineOf(text: string, index: number): number {
  let line = 1;
  for (let i = 0; i < index && i < text.length; i++) if (text.charCodeAt(i) === 10) line++;
  return line;
}

/** Relative imports of a file, resolved to repository paths. */
export function importsOf(file: SourceFile): Import[] {
  const out: Import[] = [];
  const add = (specifier: string, index: number, typeOnly: boolean) => {
    if (!specifier.startsWith('.')) return;
    const target = relative(ROOT, resolve(ROOT, dirname(file.path), specifier))
      .split(sep)
      .join('/');
    out.push({ target, line: lineOf(file.text, index), typeOnly });
  };
  for (const m of file.text.matchAll(IMPORT)) {
    const offset = m.index + (m[0].startsWith('\n') ? 1 : 0);
    add(m[3]!, offset, Boolean(m[2]));
  }
  for (const m of file.text.matchAll(DYNAMIC_IMPORT)) add(m[1]!, m.index, false);
  return out;
}

/** Table names each module declares in its `*.tables.ts` (`interface XTables { table: Row }`). */
export function tableOwners(files: SourceFile[]): Map<string, string> {
  const owners = new Map<string, string>();
  for (const file of files) {
    if (!file.path.endsWith('.tables.ts')) continue;
    const owner = serverModule(file.path) ?? file.path;
    for (const block of file.text.matchAll(/export interface \w+Tables\s*\{([^}]*)\}/g)) {
      for (const entry of block[1]!.matchAll(/^\s*([a-z_][a-z0-9_]*)\s*:/gm)) owners.set(entry[1]!, owner);
    }
  }
  return owners;
}

const BUILDER_CALL = /\.(selectFrom|insertInto|updateTable|deleteFrom|with|mergeInto)\s*\(/g;
const TABLE_CALL =
  /\.(selectFrom|insertInto|updateTable|deleteFrom|innerJoin|leftJoin|rightJoin|fullJoin|mergeInto)\s*\(\s*['"`]([a-z_][a-z0-9_]*)/g;
const SQL_TEMPLATE = /\bsql(?:<[^`]*?>)?`((?:[^`\\]|\\.)*)`/g;
const SQL_TABLE = /\b(?:from|join|into|update|table)\s+([a-z_][a-z0-9_]*)/gi;

export function checkBoundaries(files: SourceFile[]): Violation[] {
  const violations: Violation[] = [];
  const owners = tableOwners(files);
  const moduleGraph = new Map<string, Map<string, { file: string; line: number }>>();

  for (const file of files) {
    if (isTest(file.path)) continue;
    const mod = serverModule(file.path);

    for (const imp of importsOf(file)) {
      const targetModule = serverModule(imp.target);
      if (imp.target.endsWith('.tables.ts')) {
        const ownRepository = mod !== null && mod === targetModule && isRepository(file.path);
        const schema = file.path === 'server/src/platform/db/schema.ts' && imp.typeOnly;
        const platformOwn =
          targetModule === null &&
          dirname(imp.target) === dirname(file.path) &&
          !file.path.includes('/modules/');
        if (!ownRepository && !schema && !platformOwn) {
          violations.push({
            rule: 'tables-import',
            file: file.path,
            line: imp.line,
            message: `imports ${imp.target}: only its own module's repository may`,
          });
        }
      }
      if (targetModule && targetModule !== mod && isRepository(imp.target)) {
        violations.push({
          rule: 'foreign-repo',
          file: file.path,
          line: imp.line,
          message: `imports ${imp.target}: ask the ${targetModule} service instead`,
        });
      }
      if (mod && targetModule && targetModule !== mod) {
        const edges = moduleGraph.get(mod) ?? new Map();
        if (!edges.has(targetModule)) edges.set(targetModule, { file: file.path, line: imp.line });
        moduleGraph.set(mod, edges);
      }
      const fromFeature = webFeature(file.path);
      const toFeature = webFeature(imp.target);
      if (fromFeature && toFeature && fromFeature !== toFeature) {
        violations.push({
          rule: 'feature-import',
          file: file.path,
          line: imp.line,
          message: `imports ${imp.target} from the ${toFeature} feature: move what is shared to web/src/components`,
        });
      }
    }

    if (!mod) continue;
    if (file.path.endsWith('.service.ts')) {
      const lines = file.text.split('\n').length - (file.text.endsWith('\n') ? 1 : 0);
      if (lines > SERVICE_MAX_LINES) {
        violations.push({
          rule: 'service-size',
          file: file.path,
          line: SERVICE_MAX_LINES + 1,
          message: `${lines} lines: split the service by concern (at most ${SERVICE_MAX_LINES})`,
        });
      }
    }
    if (!isRepository(file.path)) {
      for (const m of file.text.matchAll(BUILDER_CALL)) {
        violations.push({
          rule: 'sql-outside-repo',
          file: file.path,
          line: lineOf(file.text, m.index),
          message: `.${m[1]}(…) outside a repository`,
        });
      }
      for (const m of file.text.matchAll(/import\s*\{[^}]*\bsql\b[^}]*\}\s*from\s*['"]kysely['"]/g)) {
        violations.push({
          rule: 'sql-outside-repo',
          file: file.path,
          line: lineOf(file.text, m.index),
          message: 'imports `sql` outside a repository',
        });
      }
      continue;
    }
    const foreign = (table: string, index: number) => {
      const owner = owners.get(table);
      if (owner && owner !== mod) {
        violations.push({
          rule: 'foreign-table',
          file: file.path,
          line: lineOf(file.text, index),
          message: `queries ${table}, a table of ${owner}: ask its service`,
        });
      }
    };
    for (const m of file.text.matchAll(TABLE_CALL)) foreign(m[2]!, m.index);
    for (const t of file.text.matchAll(SQL_TEMPLATE)) {
      for (const m of t[1]!.matchAll(SQL_TABLE)) foreign(m[1]!, t.index + m.index);
    }
  }

  for (const cycle of moduleCycles(moduleGraph)) {
    const [first, second] = cycle;
    const edge = moduleGraph.get(first!)!.get(second!)!;
    violations.push({
      rule: 'module-cycle',
      file: edge.file,
      line: edge.line,
      message: `modules import each other in a cycle: ${[...cycle, first].join(' → ')}`,
    });
  }
  return violations;
}

/** Each elementary cycle's smallest rotation, once (Tarjan's components, then one cycle per edge back). */
function moduleCycles(graph: Map<string, Map<string, unknown>>): string[][] {
  const cycles = new Map<string, string[]>();
  const visit = (start: string, node: string, path: string[], seen: Set<string>) => {
    for (const next of graph.get(node)?.keys() ?? []) {
      if (next === start) {
        const min = path.indexOf([...path].sort()[0]!);
        const rotated = [...path.slice(min), ...path.slice(0, min)];
        cycles.set(rotated.join('>'), rotated);
      } else if (!seen.has(next) && next > start) {
        seen.add(next);
        visit(start, next, [...path, next], seen);
        seen.delete(next);
      }
    }
  };
  for (const start of [...graph.keys()].sort()) visit(start, start, [start], new Set([start]));
  return [...cycles.values()];
}

export function formatViolations(violations: Violation[]): string {
  return violations.map((v) => `${v.file}:${v.line}  [${v.rule}] ${v.message}`).join('\n');
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const violations = checkBoundaries(readSources());
  if (violations.length === 0) {
    console.log('module boundaries: no violations');
  } else {
    console.log(formatViolations(violations));
    const counts = new Map<string, number>();
    for (const v of violations) counts.set(v.rule, (counts.get(v.rule) ?? 0) + 1);
    console.log(`\n${violations.length} violations: ${[...counts].map(([r, n]) => `${r} ${n}`).join(', ')}`);
    process.exitCode = 1;
  }
}
