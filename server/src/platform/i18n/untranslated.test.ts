import { readdirSync, readFileSync } from 'node:fs';
import { join, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

/**
 * Every text the server writes for a reader comes from the catalogue. This scan finds what does
 * not: an `errors.<factory>(…)` or `new AppError(code, …)` whose message is a string or template
 * literal, and a `notify(…)` whose `title` or `body` is one. (`errors.invalidField`'s message is the
 * technical text of one field and may stay English; it accepts a catalogue text too.)
 */

export interface Finding {
  file: string;
  line: number;
  call: string;
}

/** Which argument of each factory is the message (the rest take it first, or none). */
const MESSAGE_ARG: Record<string, number | null> = {
  validation: 1,
  tooManyAttempts: 1,
  invalidField: null,
  unauthenticated: null,
  invalidCredentials: null,
  csrf: null,
  passwordChangeRequired: null,
};

const isLiteral = (arg: string | undefined) => arg !== undefined && /^['"`]/.test(arg.trim());

/**
 * The arguments of the call whose `(` is at `open`, as source text, split at top-level commas
 * (strings, templates and comments skipped; `${…}` inside templates followed).
 */
export function callArguments(source: string, open: number): string[] {
  const args: string[] = [];
  let depth = 0;
  let start = open + 1;
  let i = open;
  const templates: number[] = [];
  while (i < source.length) {
    const c = source[i]!;
    if (c === "'" || c === '"') {
      i++;
      while (i < source.length && source[i] !== c) i += source[i] === '\\' ? 2 : 1;
    } else if (c === '`' || (c === '}' && templates.length > 0 && templates.at(-1) === depth)) {
      if (c === '}') {
        templates.pop();
        depth--;
      }
      i++;
      while (i < source.length && source[i] !== '`') {
        if (source[i] === '\\') i += 2;
        else if (source[i] === '$' && source[i + 1] === '{') {
          depth++;
          templates.push(depth);
          i++;
          break;
        } else i++;
      }
    } else if (c === '/' && source[i + 1] === '/') {
      while (i < source.length && source[i] !== '\n') i++;
    } else if (c === '/' && source[i + 1] === '*') {
      i = source.indexOf('*/', i + 2) + 1;
    } else if (c === '(' || c === '[' || c === '{') depth++;
    else if (c === ')' || c === ']' || c === '}') {
      depth--;
      if (depth === 0) {
        const last = source.slice(start, i);
        if (last.trim() !== '' || args.length > 0) args.push(last);
        return args;
      }
    } else if (c === ',' && depth === 1) {
      args.push(source.slice(start, i));
      start = i + 1;
    }
    i++;
  }
  return args;
}

/** The top-level `name: value` properties of an object literal's source text. */
function properties(objectSource: string): Map<string, string> {
  const out = new Map<string, string>();
  const trimmed = objectSource.trim();
  if (!trimmed.startsWith('{')) return out;
  // An object literal's properties are its "arguments" when read like a call.
  for (const part of callArguments(trimmed, 0)) {
    const m = /^\s*(\w+)\s*:\s*([\s\S]*)$/.exec(part);
    if (m) out.set(m[1]!, m[2]!);
  }
  return out;
}

const lineAt = (source: string, index: number) => source.slice(0, index).split('\n').length;

export function findUntranslated(file: string, source: string): Finding[] {
  const found: Finding[] = [];
  for (const m of source.matchAll(/\berrors\.(\w+)\(/g)) {
    const factory = m[1]!;
    const index = factory in MESSAGE_ARG ? MESSAGE_ARG[factory] : 0;
    if (index === null || index === undefined) continue;
    const args = callArguments(source, m.index + m[0].length - 1);
    if (isLiteral(args[index]))
      found.push({ file, line: lineAt(source, m.index), call: `errors.${factory}` });
  }
  for (const m of source.matchAll(/\bnew AppError\(/g)) {
    const args = callArguments(source, m.index + m[0].length - 1);
    if (isLiteral(args[1])) found.push({ file, line: lineAt(source, m.index), call: 'new AppError' });
  }
  for (const m of source.matchAll(/\.notify\(/g)) {
    const args = callArguments(source, m.index + m[0].length - 1);
    const props = properties(args[1] ?? '');
    for (const name of ['title', 'body']) {
      if (isLiteral(props.get(name))) {
        found.push({ file, line: lineAt(source, m.index), call: `notify ${name}` });
      }
    }
  }
  return found;
}

const ROOT = fileURLToPath(new URL('../../../', import.meta.url));

function serverSources(): { file: string; source: string }[] {
  const out: { file: string; source: string }[] = [];
  for (const entry of readdirSync(join(ROOT, 'src'), { recursive: true, encoding: 'utf8' })) {
    if (!entry.endsWith('.ts') || entry.endsWith('.test.ts')) continue;
    const file = `server/src/${entry.split(sep).join('/')}`;
    out.push({ file, source: readFileSync(join(ROOT, 'src', entry), 'utf8') });
  }
  return out;
}

describe('untranslated server text', () => {
  it('finds literal messages in errors, AppErrors and notices, and nothing else', () => {
    const source = [
      "throw errors.notFound('Webhook');",
      // biome-ignore lint/suspicious/noTemplateCurlyInString: source text of a template literal
      'throw errors.conflict(`Name ${name} is taken.`);',
      "throw errors.conflict(text('x.y'), { a: 'b' });",
      'throw errors.forbidden();',
      "throw errors.invalidField('body.x', 'technical');",
      "throw errors.validation([{ path: 'a', message: 'b' }], 'Literal top message');",
      "throw new AppError('conflict', 'Literal.');",
      "throw new AppError('conflict', text('a.b', { n: f('x') }));",
      'await this.#deps.notifications.notify(trx, {',
      "  kind: 'task.assigned',",
      // biome-ignore lint/suspicious/noTemplateCurlyInString: source text of a template literal
      '  title: `新任务：${task.title}`,',
      "  body: text('tasks.notices.assigned.body', { who: { at: '2026', zone: 'Z' } }),",
      '  recipientIds: [a, b],',
      '});',
      "await notifications.notify(trx, { kind: 'k', title: text('a.b'), body: '正文', recipientIds: [] });",
    ].join('\n');
    expect(findUntranslated('f.ts', source)).toEqual([
      { file: 'f.ts', line: 1, call: 'errors.notFound' },
      { file: 'f.ts', line: 2, call: 'errors.conflict' },
      { file: 'f.ts', line: 6, call: 'errors.validation' },
      { file: 'f.ts', line: 7, call: 'new AppError' },
      { file: 'f.ts', line: 9, call: 'notify title' },
      { file: 'f.ts', line: 15, call: 'notify body' },
    ]);
  });

  it('leaves no literal message in server code', () => {
    const findings = serverSources().flatMap(({ file, source }) => findUntranslated(file, source));
    expect(findings.map((f) => `${f.file}:${f.line}  ${f.call}`)).toEqual([]);
  });
});
