import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { REPO_ROOT } from '../../server/test/server-process.ts';

/**
 * `npx node bench/src/cpu-profile.ts <file.cpuprofile | directory> [top=30] [filter]` — the hot
 * spots of a V8 CPU profile (as written by `node --cpu-prof`, e.g. BENCH_CPU_PROF=dir npm run
 * bench:messaging), without opening DevTools:
 *  - self time per function (where the CPU actually was),
 *  - total time per function (itself and everything it called), which is what points at a
 *    service method or a query;
 *  - self time by area (SQLite execution, Kysely, Fastify, zod, ws, socket writes, GC, our code…),
 *    which says where a request's time goes at a glance;
 * all as a share of the profile's non-idle samples. With a directory, the newest profile in it.
 * With a filter, only functions whose name or file contains it are listed.
 */

interface Node {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  children?: number[];
}
interface Profile {
  nodes: Node[];
  samples: number[];
  timeDeltas: number[];
}

function newest(path: string): string {
  if (!statSync(path).isDirectory()) return path;
  const files = readdirSync(path)
    .filter((f) => f.endsWith('.cpuprofile'))
    .map((f) => join(path, f))
    .sort((a, b) => statSync(b).mtimeMs - statSync(a).mtimeMs);
  if (!files[0]) throw new Error(`no .cpuprofile in ${path}`);
  return files[0];
}

/** Where a frame's own time belongs, by the file it runs in (natives by name). */
const AREAS: [string, (name: string, url: string) => boolean][] = [
  // node:sqlite runs synchronously inside the driver's arrow functions: their self time is SQLite's.
  [
    'SQLite statements (node:sqlite, incl. commit fsync)',
    (_, url) => url.includes('platform/db/sqlite-driver.ts'),
  ],
  ['Kysely (building and compiling queries)', (_, url) => url.includes('node_modules/kysely/')],
  [
    'zod (validation, serialisation)',
    (_, url) => /node_modules\/(zod|fastify-type-provider-zod)\//.test(url),
  ],
  [
    'Fastify and its plugins',
    (_, url) =>
      /node_modules\/(fastify|@fastify|find-my-way|avvio|light-my-request|fast-json-stringify|secure-json-parse|fast-querystring|fastify-plugin)/.test(
        url,
      ),
  ],
  ['ws (WebSocket frames)', (_, url) => url.includes('node_modules/ws/')],
  ['pino (logging)', (_, url) => url.includes('node_modules/pino')],
  ['socket writes and other natives', (name, url) => url === '' && !name.startsWith('(') && name !== ''],
  ['garbage collector', (name) => name === '(garbage collector)'],
  ['server/src (our code)', (_, url) => url.includes('/server/src/')],
  ['contracts/src', (_, url) => url.includes('/contracts/src/')],
  ['node: internals', (_, url) => url.startsWith('node:')],
];

function areaOf(node: Node): string {
  const { functionName, url } = node.callFrame;
  return AREAS.find(([, test]) => test(functionName, url))?.[0] ?? 'other';
}

function label(node: Node): string {
  const { functionName, url, lineNumber } = node.callFrame;
  const file = url.startsWith('file://') ? relative(REPO_ROOT, new URL(url).pathname) : url;
  return `${functionName || '(anonymous)'} ${file ? `${file}:${lineNumber + 1}` : ''}`.trim();
}

export function summarise(file: string, top = 30, filter = ''): string {
  const profile = JSON.parse(readFileSync(file, 'utf8')) as Profile;
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const parent = new Map<number, number>();
  for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);

  // Microseconds per node from the samples (each sample's delta is the time until the next).
  const selfUs = new Map<number, number>();
  profile.samples.forEach((id, i) => {
    selfUs.set(id, (selfUs.get(id) ?? 0) + (profile.timeDeltas[i + 1] ?? 0));
  });
  let total = 0;
  let idle = 0;
  const self = new Map<string, number>();
  const inclusive = new Map<string, number>();
  const areas = new Map<string, number>();
  for (const [id, us] of selfUs) {
    const node = byId.get(id)!;
    total += us;
    if (node.callFrame.functionName === '(idle)') {
      idle += us;
      continue;
    }
    const name = label(node);
    self.set(name, (self.get(name) ?? 0) + us);
    const area = areaOf(node);
    areas.set(area, (areas.get(area) ?? 0) + us);
    // Count the time once per distinct function on the stack (recursion must not double it).
    const seen = new Set<string>();
    for (let at: number | undefined = id; at !== undefined; at = parent.get(at)) {
      const frame = label(byId.get(at)!);
      if (seen.has(frame)) continue;
      seen.add(frame);
      inclusive.set(frame, (inclusive.get(frame) ?? 0) + us);
    }
  }
  const busy = total - idle;
  const lines = [
    `${file}: ${(total / 1e6).toFixed(1)} s sampled, ${(busy / 1e6).toFixed(1)} s busy (${((100 * busy) / total).toFixed(0)} %)`,
  ];
  const list = (title: string, map: Map<string, number>) => {
    lines.push('', `${title} (share of busy time)`);
    const rows = [...map]
      .filter(([name]) => !filter || name.includes(filter))
      .filter(([name]) => !name.startsWith('(root)'))
      .sort((a, b) => b[1] - a[1])
      .slice(0, top);
    for (const [name, us] of rows) lines.push(`  ${((100 * us) / busy).toFixed(1).padStart(5)} %  ${name}`);
  };
  list('self time by area', areas);
  list('self time', self);
  list('total time (self + callees)', inclusive);
  return lines.join('\n');
}

if (import.meta.main) {
  const [path, top, filter] = process.argv.slice(2);
  if (!path) {
    console.error('usage: node bench/src/cpu-profile.ts <file.cpuprofile | directory> [top] [filter]');
    process.exit(2);
  }
  console.log(summarise(newest(path), top ? Number(top) : 30, filter ?? ''));
}
