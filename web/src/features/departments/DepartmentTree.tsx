import type { DepartmentNode } from '@liaison/contracts';
import type { TreeDataNode } from 'antd';
import { Empty, Input, Tree, Typography } from 'antd';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';

interface Props {
  tree: DepartmentNode[];
  selectedId: string | null;
  onSelect: (id: string) => void;
}

function allIds(nodes: DepartmentNode[]): string[] {
  return nodes.flatMap((node) => [node.id, ...allIds(node.children)]);
}

function highlight(name: string, needle: string) {
  const at = needle ? name.toLowerCase().indexOf(needle) : -1;
  if (at < 0) return name;
  return (
    <span>
      {name.slice(0, at)}
      <Typography.Text mark>{name.slice(at, at + needle.length)}</Typography.Text>
      {name.slice(at + needle.length)}
    </span>
  );
}

/** Keeps matching departments and the path down to them, so a search still reads as a tree. */
function filterTree(nodes: DepartmentNode[], needle: string): TreeDataNode[] {
  const out: TreeDataNode[] = [];
  for (const node of nodes) {
    const children = filterTree(node.children, needle);
    const matches =
      !needle || node.name.toLowerCase().includes(needle) || node.code?.toLowerCase() === needle;
    if (matches || children.length > 0) {
      out.push({
        key: node.id,
        title: (
          <span data-testid="department-node">
            {highlight(node.name, needle)}
            {node.memberCount > 0 && (
              <Typography.Text type="secondary" style={{ fontSize: 12, marginLeft: 6 }}>
                {node.memberCount}
              </Typography.Text>
            )}
          </span>
        ),
        children,
      });
    }
  }
  return out;
}

export function DepartmentTree({ tree, selectedId, onSelect }: Props) {
  const { t } = useTranslation();
  const [search, setSearch] = useState('');
  const [collapsed, setCollapsed] = useState<Set<string>>(new Set());
  const needle = search.trim().toLowerCase();
  const treeData = useMemo(() => filterTree(tree, needle), [tree, needle]);
  // Everything starts expanded; a search re-expands so every hit is visible.
  const expandedKeys = useMemo(
    () => allIds(tree).filter((id) => needle || !collapsed.has(id)),
    [tree, collapsed, needle],
  );

  return (
    <>
      <Input.Search
        allowClear
        placeholder={t('departments.search')}
        value={search}
        onChange={(event) => setSearch(event.target.value)}
        style={{ marginBottom: 12 }}
        data-testid="department-search"
      />
      {treeData.length === 0 ? (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('departments.empty')} />
      ) : (
        <div data-testid="department-tree">
          <Tree
            blockNode
            showLine
            treeData={treeData}
            expandedKeys={expandedKeys}
            onExpand={(keys) => {
              const open = new Set(keys.map(String));
              setCollapsed(new Set(allIds(tree).filter((id) => !open.has(id))));
            }}
            selectedKeys={selectedId ? [selectedId] : []}
            onSelect={(keys) => keys[0] !== undefined && onSelect(String(keys[0]))}
          />
        </div>
      )}
    </>
  );
}
