import { useMemo, useRef } from 'react';
import { useSearchParams } from 'react-router';
import {
  type FieldSpec,
  type ListDefaults,
  type ListQuery,
  readListQuery,
  writeListQuery,
} from './listQuery.ts';

export interface ListState<F> extends ListQuery<F> {
  /** New filters: the page goes back to the first one (the one place a list resets its page). */
  setFilters: (next: F, options?: { replace?: boolean }) => void;
  /** One filter changed; shorthand for setFilters({ ...filters, [key]: value }). */
  setFilter: <K extends keyof F>(key: K, value: F[K], options?: { replace?: boolean }) => void;
  /** Back to the defaults (the page's Reset button). */
  reset: () => void;
  setPaging: (page: number, pageSize: number) => void;
  /** A new sort also goes back to the first page. */
  setSort: (sort: string | undefined, order: 'asc' | 'desc') => void;
}

/**
 * A list's filters, page and sort, kept in the URL query string: a list can be bookmarked and
 * shared, and the back button walks back through filter changes. `fields` says how each filter is
 * written in the URL; `defaults` what an empty URL means.
 */
export function useListState<F extends object>(
  fields: FieldSpec<F>,
  defaults: ListDefaults<F>,
): ListState<F> {
  const [params, setParams] = useSearchParams();
  // The caller's spec is usually a module constant; a ref keeps the callbacks stable if it is not.
  const spec = useRef({ fields, defaults });
  spec.current = { fields, defaults };
  const state = useMemo(() => readListQuery(params, spec.current.fields, spec.current.defaults), [params]);

  return useMemo(() => {
    const write = (next: ListQuery<F>, replace = false) =>
      setParams((current) => writeListQuery(current, next, spec.current.fields, spec.current.defaults), {
        replace,
      });
    return {
      ...state,
      setFilters: (filters, options) => write({ ...state, filters, page: 1 }, options?.replace),
      setFilter: (key, value, options) =>
        write({ ...state, filters: { ...state.filters, [key]: value }, page: 1 }, options?.replace),
      reset: () => {
        const { defaults: initial } = spec.current;
        write({
          filters: initial.filters,
          page: 1,
          pageSize: state.pageSize,
          sort: initial.sort,
          order: initial.order ?? 'asc',
        });
      },
      setPaging: (page, pageSize) =>
        write({ ...state, page: pageSize === state.pageSize ? page : 1, pageSize }),
      setSort: (sort, order) => write({ ...state, sort, order, page: 1 }),
    };
  }, [state, setParams]);
}
