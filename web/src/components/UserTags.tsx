import type { User } from '@liaison/contracts';
import { Tag } from 'antd';
import { useTranslation } from 'react-i18next';
import { roleName } from './labels.ts';

export function StatusTag({ status }: { status: User['status'] }) {
  const { t } = useTranslation();
  return status === 'active' ? (
    <Tag color="success">{t('users.statusActive')}</Tag>
  ) : (
    <Tag color="default">{t('users.statusDisabled')}</Tag>
  );
}

export function KindTag({ kind }: { kind: User['kind'] }) {
  const { t } = useTranslation();
  return kind === 'external' ? (
    <Tag color="purple">{t('users.kindExternal')}</Tag>
  ) : (
    <Tag>{t('users.kindEmployee')}</Tag>
  );
}

export function RoleTags({ roles }: { roles: User['roles'] }) {
  const { t } = useTranslation();
  if (roles.length === 0) return <span style={{ color: '#999' }}>{t('users.noRoles')}</span>;
  return (
    <>
      {roles.map((role) => (
        <Tag key={role.id} color="blue" style={{ marginBottom: 2 }}>
          {roleName(t, role)}
        </Tag>
      ))}
    </>
  );
}
