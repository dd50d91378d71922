/**
 * A list's filters, page and sort as a URL query string, so a list can be bookmarked, shared and
 * walked back with the browser's back button. Pure functions: the hook (useListState) and the tests
 * use the same codec.
 */

/** How one filter is written in the URL. */
export type FieldKind = 'string' | 'list' | 'boolean' | 'number';
/** Filters left out of the spec are not kept in the URL. */
export type FieldSpec<F> = { [K in keyof F]?: FieldKind };

export interface ListQuery<F> {
  filters: F;
  page: number;
  pageSize: number;
  /** The server's sort key; undefined when the list has no sort. */
  sort: string | undefined;
  order: 'asc' | 'desc';
}

export interface ListDefaults<F> {
  filters: F;
  pageSize?: number;
  sort?: string;
  order?: 'asc' | 'desc';
}

export const PAGE_SIZES = [10, 20, 50, 100];
const RESERVED = new Set(['page', 'pageSize', 'sort', 'order']);

function decode(kind: FieldKind, raw: string): unknown {
  if (kind === 'list') return raw === '' ? [] : raw.split(',');
  if (kind === 'boolean') return raw === 'true';
  if (kind === 'number') {
    const n = Number(raw);
    return Number.isFinite(n) ? n : undefined;
  }
  return raw;
}

function encode(kind: FieldKind, value: unknown): string | undefined {
  if (value === undefined || value === null) return undefined;
  if (kind === 'list') return (value as unknown[]).join(',');
  return String(value);
}

function same(a: unknown, b: unknown): boolean {
  return JSON.stringify(a ?? null) === JSON.stringify(b ?? null);
}

function positive(raw: string | null, fallback: number): number {
  const n = Number(raw);
  return Number.isInteger(n) && n > 0 ? n : fallback;
}

/** Reads the list state from the URL; what the URL does not say is the default. */
export function readListQuery<F extends object>(
  params: URLSearchParams,
  fields: FieldSpec<F>,
  defaults: ListDefaults<F>,
): ListQuery<F> {
  const filters = { ...defaults.filters } as Record<string, unknown>;
  for (const [key, kind] of Object.entries(fields) as [string, FieldKind][]) {
    const raw = params.get(key);
    if (raw === null) continue;
    const value = decode(kind, raw);
    if (value === undefined || (kind === 'string' && value === '')) delete filters[key];
    else filters[key] = value;
  }
  const defaultSize = defaults.pageSize ?? 20;
  const pageSize = positive(params.get('pageSize'), defaultSize);
  const order = params.get('order');
  return {
    filters: filters as F,
    page: positive(params.get('page'), 1),
    pageSize: PAGE_SIZES.includes(pageSize) ? pageSize : defaultSize,
    sort: params.get('sort') ?? defaults.sort,
    order: order === 'asc' || order === 'desc' ? order : (defaults.order ?? 'asc'),
  };
}

/**
 * Writes the list state as URL parameters, leaving out what equals the default (so the plain list
 * has a plain address). Parameters the list does not own (e.g. `?user=` that opens a drawer) stay.
 */
export function writeListQuery<F extends object>(
  current: URLSearchParams,
  state: ListQuery<F>,
  fields: FieldSpec<F>,
  defaults: ListDefaults<F>,
): URLSearchParams {
  const next = new URLSearchParams();
  for (const [key, value] of current) {
    if (!RESERVED.has(key) && !(key in fields)) next.append(key, value);
  }
  const filters = state.filters as Record<string, unknown>;
  const initial = defaults.filters as Record<string, unknown>;
  for (const [key, kind] of Object.entries(fields) as [string, FieldKind][]) {
    const value = filters[key];
    if (same(value, initial[key])) continue;
    // A default that was cleared is written empty, so the URL tells "none" from "the default".
    next.set(key, encode(kind, value) ?? '');
  }
  if (state.page !== 1) next.set('page', String(state.page));
  if (state.pageSize !== (defaults.pageSize ?? 20)) next.set('pageSize', String(state.pageSize));
  if (
    state.sort !== undefined &&
    (state.sort !== defaults.sort || state.order !== (defaults.order ?? 'asc'))
  ) {
    next.set('sort', state.sort);
    next.set('order', state.order);
  }
  return next;
}
