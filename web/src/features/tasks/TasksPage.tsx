import { CalendarOutlined, PlusOutlined, ProjectOutlined } from '@ant-design/icons';
import type { Task, TaskView } from '@liaison/contracts';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import type { TablePaginationConfig } from 'antd';
import { Button, Card, Table, Tabs } from 'antd';
import type { SorterResult } from 'antd/es/table/interface';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate, useSearchParams } from 'react-router';
import { queryKeys } from '../../api/keys.ts';
import { listTasks, type TaskFilters } from '../../api/tasks.ts';
import { useCan } from '../../app/session.ts';
import { PageHeader } from '../../components/PageHeader.tsx';
import { serverPaging } from '../../components/pagination.ts';
import { TaskDrawer, type TaskDrawerState } from '../../components/tasks/TaskDrawer.tsx';
import { useDebounced } from '../../components/useDebounced.ts';
import { TaskFilterBar } from './TaskFilterBar.tsx';
import { taskColumns } from './taskColumns.tsx';
import './tasks.css';

type ListView = Extract<TaskView, 'mine' | 'created' | 'department'>;
type Sort = NonNullable<TaskFilters['sort']>;

/** Open tasks first: what is still to do is what people come here for. */
const DEFAULT_FILTERS: TaskFilters = { status: ['todo', 'in_progress', 'blocked'] };
const COLUMN_SORTS: Record<string, Sort> = { due: 'due', priority: 'priority', updated: 'updated' };

function isListView(value: string | null): value is ListView {
  return value === 'mine' || value === 'created' || value === 'department';
}

/** 我的任务: what I am responsible for, what I assigned, and (task.read) my department's. */
export default function TasksPage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const allowed = useCan();
  const [params, setParams] = useSearchParams();
  const requested = params.get('view');
  const view: ListView =
    isListView(requested) && (requested !== 'department' || allowed('task.read')) ? requested : 'mine';
  const [filters, setFilters] = useState<TaskFilters>(DEFAULT_FILTERS);
  const [search, setSearch] = useState('');
  const q = useDebounced(search.trim(), 300) || undefined;
  const [sort, setSort] = useState<{ sort: Sort; order: 'asc' | 'desc' }>({ sort: 'due', order: 'asc' });
  const [paging, setPaging] = useState({ page: 1, pageSize: 20 });
  const [drawer, setDrawer] = useState<TaskDrawerState>(null);

  const query = useQuery({
    queryKey: queryKeys.tasks.list({ ...filters, ...sort, q, view }, paging.page, paging.pageSize),
    queryFn: () => listTasks({ ...filters, ...sort, q, view }, paging.page, paging.pageSize),
    placeholderData: keepPreviousData,
  });

  const apply = (next: TaskFilters) => {
    setFilters(next);
    setPaging((current) => ({ ...current, page: 1 }));
  };
  const paged = serverPaging(paging, setPaging, query.data?.total ?? 0, t);
  const onTableChange = (
    pagination: TablePaginationConfig,
    _filters: unknown,
    sorter: SorterResult<Task> | SorterResult<Task>[],
  ) => {
    const one = Array.isArray(sorter) ? sorter[0] : sorter;
    const key = one?.columnKey ? COLUMN_SORTS[String(one.columnKey)] : undefined;
    if (key && one?.order) {
      const next = { sort: key, order: one.order === 'descend' ? ('desc' as const) : ('asc' as const) };
      if (next.sort !== sort.sort || next.order !== sort.order) {
        setSort(next);
        setPaging((current) => ({ ...current, page: 1 }));
        return;
      }
    } else if (!one?.order && sort.sort !== 'due') {
      setSort({ sort: 'due', order: 'asc' });
      return;
    }
    paged.onChange(pagination);
  };

  const tabs = [
    { key: 'mine', label: t('tasks.views.mine') },
    { key: 'created', label: t('tasks.views.created') },
    ...(allowed('task.read') ? [{ key: 'department', label: t('tasks.views.department') }] : []),
  ];

  return (
    <div data-testid="tasks-page">
      <PageHeader
        title={t('tasks.list.title')}
        subtitle={t('tasks.list.subtitle')}
        extra={
          <>
            <Button icon={<ProjectOutlined />} onClick={() => navigate('/tasks/board')}>
              {t('tasks.list.openBoard')}
            </Button>
            <Button icon={<CalendarOutlined />} onClick={() => navigate('/tasks/calendar')}>
              {t('tasks.list.openCalendar')}
            </Button>
            <Button
              type="primary"
              icon={<PlusOutlined />}
              onClick={() => setDrawer({ mode: 'create' })}
              data-testid="task-create"
            >
              {t('tasks.list.create')}
            </Button>
          </>
        }
      />
      <Card styles={{ body: { paddingTop: 4 } }}>
        <Tabs
          activeKey={view}
          items={tabs}
          onChange={(key) => {
            setParams(key === 'mine' ? {} : { view: key }, { replace: true });
            setPaging((current) => ({ ...current, page: 1 }));
          }}
          data-testid="task-tabs"
        />
        <TaskFilterBar
          value={filters}
          onChange={apply}
          onReset={() => apply(DEFAULT_FILTERS)}
          search={search}
          onSearch={(text) => {
            setSearch(text);
            setPaging((current) => ({ ...current, page: 1 }));
          }}
          showDepartment={view === 'department'}
        />
        <Table<Task>
          data-testid="tasks-table"
          rowKey="id"
          size="middle"
          columns={taskColumns(t, sort.sort, sort.order)}
          dataSource={query.data?.items}
          loading={query.isFetching}
          scroll={{ x: 1100 }}
          rowClassName={(task) => (task.overdue ? 'lia-task-row-overdue' : '')}
          onRow={(task) => ({
            onClick: (event) => {
              // Links inside the row navigate by themselves.
              if ((event.target as HTMLElement).closest('a')) return;
              navigate(`/tasks/${task.id}`);
            },
            style: { cursor: 'pointer' },
          })}
          pagination={paged.pagination}
          onChange={onTableChange}
          locale={{ emptyText: t('tasks.list.empty') }}
        />
      </Card>
      <TaskDrawer state={drawer} onClose={() => setDrawer(null)} />
    </div>
  );
}
