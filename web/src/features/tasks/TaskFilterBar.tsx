import { TASK_PRIORITIES, TASK_STATUSES } from '@liaison/contracts';
import { Button, Checkbox, Select } from 'antd';
import { useTranslation } from 'react-i18next';
import type { TaskFilters } from '../../api/tasks.ts';
import { DepartmentSelect } from '../../components/DepartmentSelect.tsx';
import { ListSearch } from '../../components/list/ListSearch.tsx';

/** Status, priority, overdue and text filters of a task list (the view and sort live elsewhere). */
export function TaskFilterBar({
  value,
  onChange,
  onReset,
  showDepartment = false,
}: {
  value: TaskFilters;
  onChange: (next: TaskFilters, options?: { replace?: boolean }) => void;
  onReset: () => void;
  showDepartment?: boolean;
}) {
  const { t } = useTranslation();
  return (
    <>
      <ListSearch
        placeholder={t('tasks.list.searchPlaceholder')}
        value={value.q}
        onSearch={(q) => onChange({ ...value, q }, { replace: true })}
        testId="task-search"
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
      <Button onClick={onReset}>{t('common.reset')}</Button>
    </>
  );
}
