import type { TaskDetail, UpdateTaskRequest } from '@liaison/contracts';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { queryKeys } from '../../api/keys.ts';
import { getTask, updateTask } from '../../api/tasks.ts';
import { listTeams } from '../../api/teams.ts';
import { useMe } from '../../app/session.ts';

export function useTask(id: string | undefined) {
  return useQuery({
    queryKey: queryKeys.tasks.detail(id ?? ''),
    queryFn: () => getTask(id!),
    enabled: !!id,
    meta: { silent: true },
  });
}

/** The teams and project groups the reader belongs to (the board and the assign form offer these). */
export function useMyTeams() {
  const me = useMe();
  return useQuery({
    queryKey: queryKeys.teams.list({ memberId: me.user.id }),
    queryFn: () => listTeams({ memberId: me.user.id }),
    select: (data) => data.items,
    staleTime: 5 * 60_000,
  });
}

/** Every team in the reader's sight (to give a task to a team one is not in). */
export function useAllTeams(enabled = true) {
  return useQuery({
    queryKey: queryKeys.teams.list({}),
    queryFn: () => listTeams(),
    select: (data) => data.items,
    enabled,
    staleTime: 5 * 60_000,
  });
}

/** PATCH one task; the answer replaces the cached detail and lists reload. */
export function useUpdateTask() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ id, change }: { id: string; change: UpdateTaskRequest }) => updateTask(id, change),
    onSuccess: (task: TaskDetail) => {
      queryClient.setQueryData(queryKeys.tasks.detail(task.id), task);
      void queryClient.invalidateQueries({ queryKey: queryKeys.tasks.lists });
    },
  });
}
