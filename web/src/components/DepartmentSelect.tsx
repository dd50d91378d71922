import { TreeSelect } from 'antd';
import { type CSSProperties, useMemo } from 'react';
import { toTreeOptions, useDepartments } from '../shared/queries/departments.ts';

interface Props {
  value?: string | null;
  onChange?: (value: string | null) => void;
  placeholder?: string;
  /** Ids that may not be chosen, e.g. a department and its own sub-departments as its parent. */
  disabledIds?: Set<string>;
  disabled?: boolean;
  id?: string;
  style?: CSSProperties;
  'data-testid'?: string;
}

export function DepartmentSelect({
  value,
  onChange,
  placeholder,
  disabledIds,
  disabled,
  id,
  style,
  ...rest
}: Props) {
  const { tree, isLoading } = useDepartments();
  const treeData = useMemo(() => toTreeOptions(tree, disabledIds), [tree, disabledIds]);
  return (
    <TreeSelect
      id={id}
      data-testid={rest['data-testid']}
      value={value ?? undefined}
      onChange={(next: string | undefined) => onChange?.(next ?? null)}
      treeData={treeData}
      loading={isLoading}
      showSearch={{ treeNodeFilterProp: 'title' }}
      allowClear
      treeDefaultExpandAll
      placeholder={placeholder}
      disabled={disabled}
      popupMatchSelectWidth={false}
      style={{ width: '100%', ...style }}
    />
  );
}

/** Several departments (each counts with its sub-departments), e.g. for a policy's scope. */
export function DepartmentsSelect({
  value,
  onChange,
  placeholder,
  id,
  'data-testid': testId,
}: {
  value?: string[];
  onChange?: (value: string[]) => void;
  placeholder?: string;
  id?: string;
  'data-testid'?: string;
}) {
  const { tree, isLoading } = useDepartments();
  const treeData = useMemo(() => toTreeOptions(tree), [tree]);
  return (
    <TreeSelect
      id={id}
      data-testid={testId}
      multiple
      value={value ?? []}
      onChange={(next: string[]) => onChange?.(next ?? [])}
      treeData={treeData}
      loading={isLoading}
      showSearch={{ treeNodeFilterProp: 'title' }}
      allowClear
      treeDefaultExpandAll
      placeholder={placeholder}
      popupMatchSelectWidth={false}
      maxTagCount="responsive"
      style={{ width: '100%' }}
    />
  );
}
