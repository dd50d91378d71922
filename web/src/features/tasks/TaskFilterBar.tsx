import { TASK_PRIORITIES, TASK_STATUSES } from '@liaison/contracts';
import { Button, Checkbox, Flex, Input, Select } from 'antd';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { TaskFilters } from '../../api/tasks.ts';
import { DepartmentSelect } from '../../components/DepartmentSelect.tsx';
import { useDebounced } from '../../components/useDebounced.ts';

/** Status, priority, overdue and text filters of a task list (the view and sort live elsewhere). */
export function TaskFilterBar({
  value,
  onChange,
  onReset,
  showDepartment = false,
}: {
  value: TaskFilters;
  onChange: (next: TaskFilters) => void;
  onReset: () => void;
  showDepartment?: boolean;
}) {
  const { t } = useTranslation();
  const [text, setText] = useState(value.q ?? '');
  const q = useDebounced(text.trim(), 300);

  useEffect(() => {
    if ((value.q ?? '') !== q) onChange({ ...value, q: q || undefined });
    // Only the debounced text drives this; the rest of the filters are passed through.
    // biome-ignore lint/correctness/useExhaustiveDependencies: see above
  }, [q]);

  return (
    <Flex wrap gap={12} style={{ marginBottom: 16 }}>
      <Input.Search
        allowClear
        style={{ width: 240 }}
        placeholder={t('tasks.list.searchPlaceholder')}
        value={text}
        onChange={(event) => setText(event.target.value)}
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
          onChange({ ...value, priority: priority.length ? (priority as TaskFilters['priority']) : undefined })
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
          setText('');
          onReset();
        }}
      >
        {t('common.reset')}
      </Button>
    </Flex>
  );
}
