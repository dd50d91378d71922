import { DeleteOutlined, EditOutlined, PlusOutlined } from '@ant-design/icons';
import type { Department, UserRef } from '@liaison/contracts';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { App, Button, Card, Descriptions, Popconfirm, Space, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { isApiError } from '../../api/client.ts';
import { deleteDepartment } from '../../api/departments.ts';
import { queryKeys } from '../../api/keys.ts';
import { useApiError } from '../../app/errors.ts';
import { formatDateTime } from '../../app/format.ts';
import { useCan } from '../../app/session.ts';
import { departmentPath, useDepartments } from '../../shared/queries/departments.ts';

interface Props {
  department: Department;
  onCreateChild: () => void;
  onEdit: () => void;
  onDeleted: () => void;
}

function Person({ user }: { user: UserRef | null }) {
  const { t } = useTranslation();
  if (!user) return <Typography.Text type="secondary">{t('departments.notSet')}</Typography.Text>;
  return (
    <span>
      {user.displayName} <Typography.Text type="secondary">（{user.username}）</Typography.Text>
    </span>
  );
}

export function DepartmentDetail({ department, onCreateChild, onEdit, onDeleted }: Props) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const showError = useApiError();
  const queryClient = useQueryClient();
  const allowed = useCan();
  const { departments } = useDepartments();
  const canManage = allowed('department.manage');

  const remove = useMutation({
    mutationFn: () => deleteDepartment(department.id),
    onSuccess: () => {
      message.success(t('common.deleted'));
      void queryClient.invalidateQueries({ queryKey: queryKeys.departments });
      onDeleted();
    },
    onError: (error) =>
      isApiError(error, 'conflict') ? message.error(t('departments.deleteConflict')) : showError(error),
  });

  return (
    <Card
      title={department.name}
      data-testid="department-detail"
      extra={
        canManage && (
          <Space wrap>
            <Button icon={<PlusOutlined />} onClick={onCreateChild} data-testid="department-create-child">
              {t('departments.createChild')}
            </Button>
            <Button icon={<EditOutlined />} onClick={onEdit} data-testid="department-edit">
              {t('common.edit')}
            </Button>
            <Popconfirm
              title={t('departments.confirmDelete', { name: department.name })}
              onConfirm={() => remove.mutateAsync().catch(() => undefined)}
              okButtonProps={{ danger: true }}
            >
              <Button
                danger
                icon={<DeleteOutlined />}
                loading={remove.isPending}
                data-testid="department-delete"
              >
                {t('common.delete')}
              </Button>
            </Popconfirm>
          </Space>
        )
      }
    >
      <Descriptions
        column={{ xs: 1, md: 2 }}
        bordered
        size="middle"
        items={[
          { key: 'name', label: t('departments.name'), children: department.name },
          { key: 'code', label: t('departments.code'), children: department.code ?? '—' },
          {
            key: 'parent',
            label: t('departments.parent'),
            span: 'filled',
            children: department.parentId
              ? departmentPath(departments, department.parentId)
              : t('departments.rootParent'),
          },
          { key: 'head', label: t('departments.head'), children: <Person user={department.head} /> },
          { key: 'liaison', label: t('departments.liaison'), children: <Person user={department.liaison} /> },
          {
            key: 'members',
            label: t('departments.memberCount'),
            children: t('departments.memberCountValue', { count: department.memberCount }),
          },
          { key: 'sort', label: t('departments.sortOrder'), children: department.sortOrder },
          {
            key: 'description',
            label: t('departments.description'),
            span: 'filled',
            children: department.description ? (
              <Typography.Paragraph style={{ margin: 0, whiteSpace: 'pre-wrap' }}>
                {department.description}
              </Typography.Paragraph>
            ) : (
              '—'
            ),
          },
          {
            key: 'createdAt',
            label: t('departments.createdAt'),
            children: formatDateTime(department.createdAt),
          },
          {
            key: 'updatedAt',
            label: t('departments.updatedAt'),
            children: formatDateTime(department.updatedAt),
          },
        ]}
      />
    </Card>
  );
}
