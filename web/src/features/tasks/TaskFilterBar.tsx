import { TASK_PRIORITIES, TASK_STATUSES } from '@liaison/contracts';
import { Button, Checkbox, Flex, Input, Select } from 'antd';
import { useTranslation } from 'react-i18next';
import type { TaskFilters } from '../../api/tasks.ts';
import { DepartmentSelect } from '../../components/DepartmentSelect.tsx';

/** Status, priority, overdue and text filters of a task list (the view and sort live elsewhere). */
export function TaskFilterBar({
  value,
  onChange,
  onReset,
  search,
  onSearch,
  showDepartment = false,
}: {
  value: TaskFilters;
  /** The search box's text, debounced into the query by the page. */
  search: string;
  onSearch: (text: string) => void;
  onChange: (next: TaskFilters) => void;
  onReset: () => void;
  showDepartment?: boolean;
}) {
  const { t } = useTranslation();
  return (
    <Flex wrap gap={12} style={{ marginBottom: 16 }}>
      <Input.Search
        allowClear
        style={{ width: 240 }}
        placeholder={t('tasks.list.searchPlaceholder')}
        value={search}
        onChange={(event) => onSearch(event.target.value)}
        data-testid="task-search"
      />
      <Select
        mode="multiple"
        allowClear
        maxTagCount="responsive"
        style={{ width: 220 }}
        placeholder={t('tasks.list.allStatuses')}
        value={value.status ?? []}
        onChange={(status: string[]) =>
          onChange({ ...value, status: status.length ? (status as TaskFilters['status']) : undefined })
        }
        options={TASK_STATUSES.map((s) => ({ value: s, label: t(`tasks.statuses.${s}`) }))}
        data-testid="task-status-filter"
      />
      <Select
        mode="multiple"
        allowClear
        maxTagCount="responsive"
        style={{ width: 200 }}
        placeholder={t('tasks.list.allPriorities')}
        value={value.priority ?? []}
        onChange={(priority: string[]) =>
          onChange({
            ...value,
            priority: priority.length ? (priority as TaskFilters['priority']) : undefined,
          })
        }
        options={TASK_PRIORITIES.map((p) => ({ value: p, label: t(`tasks.priorities.${p}`) }))}
      />
      {showDepartment && (
        <DepartmentSelect
          style={{ width: 200 }}
          placeholder={t('tasks.list.departmentPlaceholder')}
          value={value.departmentId ?? null}
          onChange={(departmentId) => onChange({ ...value, departmentId: departmentId ?? undefined })}
        />
      )}
      <Checkbox
        checked={value.overdue === 'true'}
        onChange={(event) => onChange({ ...value, overdue: event.target.checked ? 'true' : undefined })}
        style={{ alignSelf: 'center' }}
        data-testid="task-overdue-filter"
      >
        {t('tasks.list.overdueOnly')}
      </Checkbox>
      <Button
        onClick={() => {
          onSearch('');
          onReset();
        }}
      >
        {t('common.reset')}
      </Button>
    </Flex>
  );
}
