import { InfoCircleOutlined } from '@ant-design/icons';
import { BUILT_IN_ROLES, USER_KINDS, USER_STATUSES } from '@liaison/contracts';
import { Button, Checkbox, Flex, Input, Select, Tooltip } from 'antd';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { UserFilters } from '../../api/users.ts';
import { useCan } from '../../app/session.ts';
import { DepartmentSelect } from '../../components/DepartmentSelect.tsx';
import { roleName } from '../../components/labels.ts';
import { useRoles } from '../../shared/queries/roles.ts';

interface Props {
  value: UserFilters;
  onChange: (next: UserFilters) => void;
  onReset: () => void;
}

export function UserFilterBar({ value, onChange, onReset }: Props) {
  const { t } = useTranslation();
  const allowed = useCan();
  const roles = useRoles(allowed('role.read'));
  const [text, setText] = useState(value.q ?? '');
  useEffect(() => setText(value.q ?? ''), [value.q]);

  const roleOptions = (roles.data ?? BUILT_IN_ROLES).map((role) => ({
    value: role.key,
    label: roleName(t, role),
  }));

  return (
    <Flex wrap gap={12} align="center">
      <Input.Search
        data-testid="users-search"
        style={{ width: 280 }}
        allowClear
        value={text}
        placeholder={t('users.searchPlaceholder')}
        onChange={(event) => setText(event.target.value)}
        onSearch={(q) => onChange({ ...value, q: q.trim() || undefined })}
        suffix={
          <Tooltip title={t('users.pinyinHint')}>
            <InfoCircleOutlined style={{ color: 'rgba(0,0,0,0.45)' }} />
          </Tooltip>
        }
      />
      <Flex gap={8} align="center">
        <DepartmentSelect
          data-testid="users-department-filter"
          style={{ width: 180 }}
          value={value.departmentId ?? null}
          onChange={(departmentId) => onChange({ ...value, departmentId: departmentId ?? undefined })}
          placeholder={t('users.departmentPlaceholder')}
        />
        <Checkbox
          checked={value.includeSubDepartments !== false}
          disabled={!value.departmentId}
          onChange={(event) => onChange({ ...value, includeSubDepartments: event.target.checked })}
        >
          {t('users.includeSub')}
        </Checkbox>
      </Flex>
      <Select
        style={{ width: 110 }}
        allowClear
        placeholder={t('users.status')}
        value={value.status}
        onChange={(status) => onChange({ ...value, status })}
        options={USER_STATUSES.map((status) => ({
          value: status,
          label: status === 'active' ? t('users.statusActive') : t('users.statusDisabled'),
        }))}
      />
      <Select
        style={{ width: 110 }}
        allowClear
        placeholder={t('users.kind')}
        value={value.kind}
        onChange={(kind) => onChange({ ...value, kind })}
        options={USER_KINDS.map((kind) => ({
          value: kind,
          label: kind === 'employee' ? t('users.kindEmployee') : t('users.kindExternal'),
        }))}
      />
      <Select
        style={{ width: 150 }}
        allowClear
        showSearch={{ optionFilterProp: 'label' }}
        placeholder={t('users.role')}
        value={value.roleKey}
        onChange={(roleKey) => onChange({ ...value, roleKey })}
        options={roleOptions}
      />
      <Button type="link" onClick={onReset}>
        {t('common.reset')}
      </Button>
    </Flex>
  );
}
