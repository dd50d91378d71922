import { CalendarOutlined, PlusOutlined, ProjectOutlined } from '@ant-design/icons';
import type { TaskView } from '@liaison/contracts';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { Button, Tabs } from 'antd';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { queryKeys } from '../../api/keys.ts';
import { listTasks, type TaskFilters } from '../../api/tasks.ts';
import { useCan } from '../../app/session.ts';
import { ListPage } from '../../components/list/ListPage.tsx';
import type { FieldSpec } from '../../components/list/listQuery.ts';
import { useListState } from '../../components/list/useListState.ts';
import { TaskDrawer, type TaskDrawerState } from '../../components/tasks/TaskDrawer.tsx';
import { TaskFilterBar } from './TaskFilterBar.tsx';
import { taskColumns } from './taskColumns.tsx';
import './tasks.css';

type ListView = Extract<TaskView, 'mine' | 'created' | 'department'>;
type Filters = Omit<TaskFilters, 'sort' | 'order'>;

const FIELDS: FieldSpec<Filters> = {
  view: 'string',
  q: 'string',
  status: 'list',
  priority: 'list',
  departmentId: 'string',
  overdue: 'string',
};
/** Open tasks first: what is still to do is what people come here for. */
const DEFAULTS = { filters: { status: ['todo', 'in_progress', 'blocked'] } as Filters, sort: 'due' };

function isListView(value: string | undefined): value is ListView {
  return value === 'mine' || value === 'created' || value === 'department';
}

/** 我的任务: what I am responsible for, what I assigned, and (task.read) my department's. */
export default function TasksPage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const allowed = useCan();
  const list = useListState(FIELDS, DEFAULTS);
  const requested = list.filters.view;
  const view: ListView =
    isListView(requested) && (requested !== 'department' || allowed('task.read')) ? requested : 'mine';
  const [drawer, setDrawer] = useState<TaskDrawerState>(null);

  const filters: TaskFilters = {
    ...list.filters,
    view,
    sort: list.sort as TaskFilters['sort'],
    order: list.order,
  };
  const query = useQuery({
    queryKey: queryKeys.tasks.list(filters, list.page, list.pageSize),
    queryFn: () => listTasks(filters, list.page, list.pageSize),
    placeholderData: keepPreviousData,
  });
  const columns = useMemo(() => taskColumns(t), [t]);

  const tabs = [
    { key: 'mine', label: t('tasks.views.mine') },
    { key: 'created', label: t('tasks.views.created') },
    ...(allowed('task.read') ? [{ key: 'department', label: t('tasks.views.department') }] : []),
  ];

  return (
    <ListPage
      pageTestId="tasks-page"
      title={t('tasks.list.title')}
      subtitle={t('tasks.list.subtitle')}
      actions={
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
      above={
        <Tabs
          activeKey={view}
          items={tabs}
          onChange={(key) => list.setFilter('view', key === 'mine' ? undefined : (key as ListView))}
          data-testid="task-tabs"
        />
      }
      filters={
        <TaskFilterBar
          value={list.filters}
          onChange={list.setFilters}
          onReset={list.reset}
          showDepartment={view === 'department'}
        />
      }
      state={list}
      columns={columns}
      rows={query.data?.items}
      total={query.data?.total ?? 0}
      loading={query.isFetching}
      rowKey="id"
      testId="tasks-table"
      scrollX={1100}
      rowClassName={(task) => (task.overdue ? 'lia-task-row-overdue' : '')}
      onOpen={(task) => navigate(`/tasks/${task.id}`)}
      empty={t('tasks.list.empty')}
    >
      <TaskDrawer state={drawer} onClose={() => setDrawer(null)} />
    </ListPage>
  );
}
