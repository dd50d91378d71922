import type { TablePaginationConfig } from 'antd';
import type { TFunction } from 'i18next';

export interface Paging {
  page: number;
  pageSize: number;
}

/**
 * The table props of a server-paged list: antd's pager showing the total, and the change handler
 * that moves the page (or the page size) the list is queried with.
 */
export function serverPaging(
  paging: Paging,
  setPaging: (paging: Paging) => void,
  total: number,
  t: TFunction,
): { pagination: TablePaginationConfig; onChange: (pagination: TablePaginationConfig) => void } {
  return {
    pagination: {
      current: paging.page,
      pageSize: paging.pageSize,
      total,
      showSizeChanger: true,
      pageSizeOptions: [10, 20, 50, 100],
      showTotal: (count) => t('common.total', { count }),
    },
    onChange: (pagination) =>
      setPaging({ page: pagination.current ?? 1, pageSize: pagination.pageSize ?? paging.pageSize }),
  };
}
