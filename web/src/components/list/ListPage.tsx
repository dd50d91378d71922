import { DownloadOutlined } from '@ant-design/icons';
import { useMutation } from '@tanstack/react-query';
import { Button, Card, Empty, Flex, Grid, Pagination, Spin, Table, type TableProps } from 'antd';
import type { ColumnType, SorterResult } from 'antd/es/table/interface';
import type { Key, ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { useApiError } from '../../app/errors.ts';
import { PageHeader } from '../PageHeader.tsx';
import { PAGE_SIZES } from './listQuery.ts';
import type { ListState } from './useListState.ts';
import './list.css';

/** One column of a list: antd's column, plus how it sorts on the server and shows on a phone. */
export type ListColumn<T> = ColumnType<T> & {
  /** The server's sort key behind this column's header (the list's `sort` parameter). */
  sortKey?: string;
  /**
   * On a phone, where each row is a card: 'title' heads the card, 'actions' goes to its foot,
   * 'hidden' is left out; any other column is a labelled line.
   */
  card?: 'title' | 'actions' | 'hidden';
};

type PlainIndex = string | number | readonly (string | number)[] | undefined;

/** The value at a column's dataIndex ('name' or ['user', 'name']). */
function valueAt(row: unknown, path: PlainIndex): unknown {
  if (path === undefined) return undefined;
  const steps: readonly (string | number)[] = typeof path === 'object' ? path : [path];
  return steps.reduce<unknown>((value, step) => (value as Record<string, unknown> | undefined)?.[step], row);
}

function cellOf<T>(column: ListColumn<T>, row: T, index: number): ReactNode {
  // antd's DataIndex<T> spells every key path of T; relating it for a generic T does not finish.
  const value = valueAt(row, column.dataIndex as unknown as PlainIndex);
  if (!column.render) return value as ReactNode;
  const rendered: unknown = column.render(value, row, index);
  // antd lets a render return { children, props }; a card only needs the children.
  if (rendered && typeof rendered === 'object' && 'children' in rendered && !('$$typeof' in rendered)) {
    return (rendered as { children: ReactNode }).children;
  }
  return rendered as ReactNode;
}

function keyOf<T>(row: T, rowKey: keyof T | ((row: T) => Key)): Key {
  return typeof rowKey === 'function' ? rowKey(row) : (row[rowKey] as Key);
}

/** The rows of a list on a phone: one card each, the title column on top, the others labelled. */
function ListCards<T>({
  columns,
  rows,
  rowKey,
  onOpen,
  rowClassName,
  testId,
}: {
  columns: ListColumn<T>[];
  rows: T[];
  rowKey: keyof T | ((row: T) => Key);
  onOpen?: (row: T) => void;
  rowClassName?: (row: T) => string;
  testId?: string;
}) {
  const title = columns.find((c) => c.card === 'title') ?? columns[0];
  const actions = columns.filter((c) => c.card === 'actions');
  const lines = columns.filter((c) => c !== title && c.card !== 'hidden' && c.card !== 'actions');
  return (
    <Flex vertical gap={8} data-testid={testId} className="lia-list-cards">
      {rows.map((row, index) => (
        <Card
          key={keyOf(row, rowKey)}
          size="small"
          hoverable={!!onOpen}
          className={`lia-list-card ${rowClassName?.(row) ?? ''}`}
          data-testid="list-card"
          onClick={(event) => {
            // Links and buttons inside the card act by themselves.
            if ((event.target as HTMLElement).closest('a, button, .ant-dropdown-trigger')) return;
            onOpen?.(row);
          }}
        >
          {title && <div className="lia-list-card-title">{cellOf(title, row, index)}</div>}
          {lines.map((column, i) => (
            <div className="lia-list-card-line" key={String(column.key ?? column.dataIndex ?? i)}>
              {column.title !== undefined && (
                <span className="lia-list-card-label">{column.title as ReactNode}</span>
              )}
              <span className="lia-list-card-value">{cellOf(column, row, index)}</span>
            </div>
          ))}
          {actions.length > 0 && (
            <Flex className="lia-list-card-actions" justify="flex-end" gap={8}>
              {actions.map((column, i) => (
                <span key={String(column.key ?? i)}>{cellOf(column, row, index)}</span>
              ))}
            </Flex>
          )}
        </Card>
      ))}
    </Flex>
  );
}

export interface ListViewProps<T, F> {
  state: ListState<F>;
  columns: ListColumn<T>[];
  rows: T[] | undefined;
  /** The server's total; undefined for a list that is not paged (all rows at once, or "load more"). */
  total?: number;
  loading?: boolean;
  rowKey: keyof T | ((row: T) => Key);
  /** Opens a row (a click on the row or its card). */
  onOpen?: (row: T) => void;
  rowClassName?: (row: T) => string;
  /** Table width past which the table scrolls inside its card (never the page). */
  scrollX?: number;
  empty?: ReactNode;
  testId?: string;
  expandable?: TableProps<T>['expandable'];
  /** Replaces the pager (e.g. a "load more" row). */
  footer?: ReactNode;
}

/** A list's rows and pager: a table on a desktop, cards on a phone (< 576 px). */
export function ListView<T extends object, F>({
  state,
  columns,
  rows,
  total,
  loading,
  rowKey,
  onOpen,
  rowClassName,
  scrollX,
  empty,
  testId,
  expandable,
  footer,
}: ListViewProps<T, F>) {
  const { t } = useTranslation();
  const screens = Grid.useBreakpoint();
  // Before the first measure useBreakpoint is empty: a desktop until proven a phone.
  const phone = screens.sm === false;
  const paged = total !== undefined;

  if (phone) {
    return (
      <>
        <Spin spinning={!!loading}>
          {rows && rows.length > 0 ? (
            <ListCards
              columns={columns}
              rows={rows}
              rowKey={rowKey}
              onOpen={onOpen}
              rowClassName={rowClassName}
              testId={testId}
            />
          ) : (
            <Empty data-testid={testId} image={Empty.PRESENTED_IMAGE_SIMPLE} description={empty} />
          )}
        </Spin>
        {paged && total > state.pageSize && (
          <Flex justify="center" style={{ marginTop: 12 }}>
            <Pagination
              simple
              current={state.page}
              pageSize={state.pageSize}
              total={total}
              onChange={(page, pageSize) => state.setPaging(page, pageSize)}
            />
          </Flex>
        )}
        {footer}
      </>
    );
  }

  const tableColumns: ColumnType<T>[] = columns.map((listColumn) => {
    const column: ColumnType<T> & { sortKey?: string; card?: string } = { ...listColumn };
    const sortKey = column.sortKey;
    delete column.sortKey;
    delete column.card;
    if (!sortKey) return column;
    column.key = column.key ?? sortKey;
    column.sorter = true;
    column.sortOrder = state.sort === sortKey ? (state.order === 'desc' ? 'descend' : 'ascend') : null;
    return column;
  });
  const onChange: TableProps<T>['onChange'] = (pagination, _filters, sorter, extra) => {
    if (extra.action === 'sort') {
      const one = (Array.isArray(sorter) ? sorter[0] : sorter) as SorterResult<T> | undefined;
      const column = columns.find((c) => (c.key ?? c.sortKey) === one?.columnKey);
      if (one?.order && column?.sortKey)
        state.setSort(column.sortKey, one.order === 'descend' ? 'desc' : 'asc');
      else state.setSort(undefined, 'asc');
      return;
    }
    if (extra.action === 'paginate')
      state.setPaging(pagination.current ?? 1, pagination.pageSize ?? state.pageSize);
  };
  return (
    <>
      <Table<T>
        data-testid={testId}
        rowKey={rowKey as TableProps<T>['rowKey']}
        size="middle"
        columns={tableColumns}
        dataSource={rows}
        loading={loading}
        scroll={scrollX ? { x: scrollX } : undefined}
        rowClassName={rowClassName}
        expandable={expandable}
        onRow={
          onOpen
            ? (row) => ({
                onClick: (event) => {
                  if ((event.target as HTMLElement).closest('a, button, .ant-dropdown-trigger')) return;
                  onOpen(row);
                },
                style: { cursor: 'pointer' },
              })
            : undefined
        }
        pagination={
          paged
            ? {
                current: state.page,
                pageSize: state.pageSize,
                total,
                showSizeChanger: true,
                pageSizeOptions: PAGE_SIZES,
                showTotal: (count) => t('common.total', { count }),
              }
            : false
        }
        onChange={onChange}
        locale={empty ? { emptyText: empty } : undefined}
      />
      {footer}
    </>
  );
}

export interface ListPageProps<T, F> extends ListViewProps<T, F> {
  title: ReactNode;
  subtitle?: ReactNode;
  /** The header's buttons (create, open another view); the export button comes after them. */
  actions?: ReactNode;
  /** Downloads the list as an .xlsx with the same filters; no export button without it. */
  onExport?: () => Promise<unknown>;
  exportTestId?: string;
  /** Above the filters, inside the card (e.g. the list's tabs). */
  above?: ReactNode;
  /** The filter bar. */
  filters?: ReactNode;
  /** Between the header and the card (e.g. a notice). */
  banner?: ReactNode;
  /** Drawers and modals the page opens. */
  children?: ReactNode;
  pageTestId?: string;
}

/**
 * The one list page: a header (title, actions, the Excel export with the list's own filters), the
 * filter bar, and the rows, with filters, page and sort in the URL (useListState).
 */
export function ListPage<T extends object, F>({
  title,
  subtitle,
  actions,
  onExport,
  exportTestId,
  above,
  filters,
  banner,
  children,
  pageTestId,
  ...view
}: ListPageProps<T, F>) {
  const { t } = useTranslation();
  const showError = useApiError();
  const download = useMutation({ mutationFn: () => onExport!(), onError: (error) => showError(error) });
  return (
    <div data-testid={pageTestId}>
      <PageHeader
        title={title}
        subtitle={subtitle}
        extra={
          actions || onExport ? (
            <>
              {actions}
              {onExport && (
                <Button
                  icon={<DownloadOutlined />}
                  loading={download.isPending}
                  onClick={() => download.mutate()}
                  data-testid={exportTestId ?? 'list-export'}
                >
                  {t('common.export')}
                </Button>
              )}
            </>
          ) : undefined
        }
      />
      {banner}
      <Card styles={{ body: { paddingTop: above ? 4 : undefined } }}>
        {above}
        {filters && (
          <Flex wrap gap={12} className="lia-list-filters">
            {filters}
          </Flex>
        )}
        <ListView<T, F> {...(view as ListViewProps<T, F>)} />
      </Card>
      {children}
    </div>
  );
}
