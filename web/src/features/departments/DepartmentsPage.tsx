import { PlusOutlined } from '@ant-design/icons';
import type { Department, Me } from '@liaison/contracts';
import { Button, Card, Col, Empty, Flex, Row, Spin } from 'antd';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useCan, useMe } from '../../app/session.ts';
import { PageHeader } from '../../components/PageHeader.tsx';
import { useDepartments } from '../../shared/queries/departments.ts';
import { DepartmentDetail } from './DepartmentDetail.tsx';
import { DepartmentFormModal, type DepartmentFormState } from './DepartmentFormModal.tsx';
import { DepartmentMembers } from './DepartmentMembers.tsx';
import { DepartmentTree } from './DepartmentTree.tsx';

/** Whether the reader's `user.read` scope reaches this department (its members would be listed). */
function inUserReadScope(me: Me, departmentId: string, departments: readonly Department[]): boolean {
  const scope = me.grants['user.read'];
  if (scope === 'all') return true;
  const home = me.user.department?.id;
  if (scope !== 'department' || !home) return false;
  for (
    let id: string | null = departmentId;
    id;
    id = departments.find((d) => d.id === id)?.parentId ?? null
  ) {
    if (id === home) return true;
  }
  return false;
}

export default function DepartmentsPage() {
  const { t } = useTranslation();
  const allowed = useCan();
  const me = useMe();
  const { departments, tree, isLoading } = useDepartments();
  const [selectedId, setSelectedId] = useState<string | null>(null);
  const [form, setForm] = useState<DepartmentFormState>(null);
  const selected = departments.find((department) => department.id === selectedId) ?? null;

  // Open on the reader's own department: that is what a department head or liaison comes for.
  const home = me.user.department?.id;
  useEffect(() => {
    if (selected || departments.length === 0) return;
    setSelectedId(departments.some((d) => d.id === home) ? (home ?? null) : (tree[0]?.id ?? null));
  }, [selected, departments, tree, home]);

  return (
    <>
      <PageHeader
        title={t('departments.title')}
        subtitle={t('departments.subtitle')}
        extra={
          allowed('department.manage') && (
            <Button
              type="primary"
              icon={<PlusOutlined />}
              onClick={() => setForm({ mode: 'create', parentId: null })}
              data-testid="department-create-root"
            >
              {t('departments.createRoot')}
            </Button>
          )
        }
      />
      <Row gutter={16}>
        <Col xs={24} md={9} lg={7}>
          <Card styles={{ body: { padding: 16 } }} style={{ position: 'sticky', top: 72 }}>
            {isLoading ? (
              <Spin />
            ) : (
              <DepartmentTree tree={tree} selectedId={selectedId} onSelect={setSelectedId} />
            )}
          </Card>
        </Col>
        <Col xs={24} md={15} lg={17}>
          {selected ? (
            <Flex vertical gap={16}>
              <DepartmentDetail
                department={selected}
                onCreateChild={() => setForm({ mode: 'create', parentId: selected.id })}
                onEdit={() => setForm({ mode: 'edit', department: selected })}
                onDeleted={() => setSelectedId(selected.parentId)}
              />
              {allowed('user.read') && (
                <DepartmentMembers
                  key={selected.id}
                  departmentId={selected.id}
                  outsideScope={!inUserReadScope(me, selected.id, departments)}
                />
              )}
            </Flex>
          ) : (
            <Card>
              <Empty description={isLoading ? t('common.loading') : t('departments.selectHint')} />
            </Card>
          )}
        </Col>
      </Row>
      {allowed('department.manage') && (
        <DepartmentFormModal
          state={form}
          onClose={() => setForm(null)}
          onSaved={(department) => setSelectedId(department.id)}
        />
      )}
    </>
  );
}
