import type { Department, DepartmentNode } from '@liaison/contracts';
import { buildDepartmentTree } from '@liaison/contracts';
import { useQuery } from '@tanstack/react-query';
import { useMemo } from 'react';
import { listDepartments } from '../../api/departments.ts';
import { queryKeys } from '../../api/keys.ts';

export function useDepartments(enabled = true) {
  const query = useQuery({
    queryKey: queryKeys.departments,
    queryFn: listDepartments,
    enabled,
    staleTime: 60_000,
    select: (data) => data.items,
  });
  const tree = useMemo(() => buildDepartmentTree(query.data ?? []), [query.data]);
  return { ...query, departments: query.data ?? [], tree };
}

/** The ids of a department and everything below it (a department cannot move under itself). */
export function subtreeIds(departments: readonly Department[], rootId: string): Set<string> {
  const ids = new Set([rootId]);
  let grew = true;
  while (grew) {
    grew = false;
    for (const department of departments) {
      if (department.parentId && ids.has(department.parentId) && !ids.has(department.id)) {
        ids.add(department.id);
        grew = true;
      }
    }
  }
  return ids;
}

/** 总部 / 市场部 / 品牌组: the path from the top, for labels where the tree is not visible. */
export function departmentPath(departments: readonly Department[], id: string): string {
  const byId = new Map(departments.map((department) => [department.id, department]));
  const names: string[] = [];
  for (
    let node = byId.get(id);
    node && names.length < 32;
    node = node.parentId ? byId.get(node.parentId) : undefined
  ) {
    names.unshift(node.name);
  }
  return names.join(' / ');
}

export interface DepartmentOption {
  value: string;
  title: string;
  disabled?: boolean;
  children: DepartmentOption[];
}

export function toTreeOptions(nodes: readonly DepartmentNode[], disabled?: Set<string>): DepartmentOption[] {
  return nodes.map((node) => ({
    value: node.id,
    title: node.name,
    disabled: disabled?.has(node.id),
    children: toTreeOptions(node.children, disabled),
  }));
}
