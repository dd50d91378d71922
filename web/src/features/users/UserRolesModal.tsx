import type { User } from '@liaison/contracts';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Checkbox, Flex, Modal, Spin, Tag, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { queryKeys } from '../../api/keys.ts';
import { setUserRoles } from '../../api/users.ts';
import { useApiError } from '../../app/errors.ts';
import { roleDescription, roleName, scopeName } from '../../components/labels.ts';
import { useRoles } from '../../shared/queries/roles.ts';

export function UserRolesModal({ user, onClose }: { user: User | null; onClose: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const showError = useApiError();
  const queryClient = useQueryClient();
  const roles = useRoles(user !== null);
  const [selected, setSelected] = useState<string[]>([]);

  useEffect(() => setSelected(user?.roles.map((role) => role.id) ?? []), [user]);

  const save = useMutation({
    mutationFn: () => setUserRoles(user!.id, { roleIds: selected }),
    onSuccess: () => {
      void queryClient.invalidateQueries({ queryKey: queryKeys.users.all });
      void queryClient.invalidateQueries({ queryKey: queryKeys.roles });
      message.success(t('users.rolesSaved'));
      onClose();
    },
    onError: (error) => showError(error),
  });

  return (
    <Modal
      open={user !== null}
      title={user ? t('users.rolesTitle', { name: user.displayName }) : ''}
      onCancel={onClose}
      onOk={() => save.mutate()}
      confirmLoading={save.isPending}
      okText={t('common.save')}
      width={560}
      destroyOnHidden
      data-testid="user-roles-modal"
    >
      <Alert type="info" showIcon title={t('users.rolesHint')} style={{ marginBottom: 16 }} />
      {roles.isLoading ? (
        <Spin />
      ) : (
        <Checkbox.Group
          value={selected}
          onChange={(values) => setSelected(values as string[])}
          style={{ width: '100%' }}
        >
          <Flex vertical gap={12} style={{ width: '100%' }}>
            {(roles.data ?? []).map((role) => (
              <Checkbox key={role.id} value={role.id} data-testid={`role-option-${role.key}`}>
                <Typography.Text strong>{roleName(t, role)}</Typography.Text>{' '}
                <Tag>{scopeName(t, role.scope)}</Tag>
                <div>
                  <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                    {roleDescription(t, role)}
                  </Typography.Text>
                </div>
              </Checkbox>
            ))}
          </Flex>
        </Checkbox.Group>
      )}
    </Modal>
  );
}
