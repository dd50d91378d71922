import { describe, expect, it } from 'vitest';
import { type FieldSpec, type ListDefaults, readListQuery, writeListQuery } from './listQuery.ts';

interface Filters {
  status?: string[];
  q?: string;
  overdue?: boolean;
  view?: string;
}
const fields: FieldSpec<Filters> = { status: 'list', q: 'string', overdue: 'boolean', view: 'string' };
const defaults: ListDefaults<Filters> = { filters: { status: ['todo', 'doing'] }, sort: 'due', order: 'asc' };

describe('a list in the URL', () => {
  it('reads the defaults from an empty query and writes them back as an empty query', () => {
    const state = readListQuery(new URLSearchParams(), fields, defaults);
    expect(state).toEqual({
      filters: { status: ['todo', 'doing'] },
      page: 1,
      pageSize: 20,
      sort: 'due',
      order: 'asc',
    });
    expect(writeListQuery(new URLSearchParams(), state, fields, defaults).toString()).toBe('');
  });

  it('round-trips filters, page, size and sort', () => {
    const state = {
      filters: { status: ['done'], q: 'ship it', overdue: true, view: 'created' },
      page: 3,
      pageSize: 50,
      sort: 'priority',
      order: 'desc' as const,
    };
    const written = writeListQuery(new URLSearchParams(), state, fields, defaults);
    expect(written.get('status')).toBe('done');
    expect(readListQuery(written, fields, defaults)).toEqual(state);
  });

  it('tells a cleared default ("none") from the default', () => {
    const state = readListQuery(new URLSearchParams(), fields, defaults);
    const written = writeListQuery(
      new URLSearchParams(),
      { ...state, filters: { status: [] } },
      fields,
      defaults,
    );
    expect(written.toString()).toBe('status=');
    expect(readListQuery(written, fields, defaults).filters.status).toEqual([]);
  });

  it('keeps parameters it does not own and ignores nonsense paging', () => {
    const current = new URLSearchParams('user=u1&page=2');
    const state = readListQuery(new URLSearchParams('page=-4&pageSize=7&order=up'), fields, defaults);
    expect(state).toMatchObject({ page: 1, pageSize: 20, order: 'asc' });
    expect(writeListQuery(current, state, fields, defaults).toString()).toBe('user=u1');
  });
});
