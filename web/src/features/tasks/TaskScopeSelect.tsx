import { Select } from 'antd';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import type { TaskFilters } from '../../api/tasks.ts';
import { useCan } from '../../app/session.ts';
import { useAllTeams, useMyTeams } from '../../shared/queries/tasks.ts';

/** 'mine', or the id of a team whose tasks are shown. */
export type TaskScope = string;
export const MY_TASKS: TaskScope = 'mine';

export function scopeFilters(scope: TaskScope): Pick<TaskFilters, 'view' | 'teamId'> {
  return scope === MY_TASKS ? { view: 'mine' } : { view: 'team', teamId: scope };
}

/** 我的任务, or one of my teams (with task.read, any team in sight). */
export function TaskScopeSelect({
  value,
  onChange,
}: {
  value: TaskScope;
  onChange: (scope: TaskScope) => void;
}) {
  const { t } = useTranslation();
  const allowed = useCan();
  const mine = useMyTeams();
  const all = useAllTeams(allowed('task.read'));
  const options = useMemo(() => {
    const teams = new Map((mine.data ?? []).map((team) => [team.id, team]));
    for (const team of all.data ?? []) teams.set(team.id, team);
    return [
      { value: MY_TASKS, label: t('tasks.board.mine') },
      {
        label: t('tasks.views.team'),
        options: [...teams.values()].map((team) => ({ value: team.id, label: team.name })),
      },
    ];
  }, [mine.data, all.data, t]);
  return (
    <Select
      style={{ width: 240 }}
      value={value}
      onChange={onChange}
      loading={mine.isLoading}
      showSearch={{ optionFilterProp: 'label' }}
      placeholder={t('tasks.board.teamPlaceholder')}
      options={options}
      data-testid="task-scope"
    />
  );
}
