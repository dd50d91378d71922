import { PERMISSION_KEYS, PERMISSIONS, type Permission } from '@liaison/contracts';
import { Card, Checkbox, Flex, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { permissionDescription, permissionGroupName, permissionName } from '../../components/labels.ts';

type Group = (typeof PERMISSIONS)[Permission]['group'];

const GROUPS: Group[] = [...new Set(PERMISSION_KEYS.map((key) => PERMISSIONS[key].group))];

interface Props {
  value?: Permission[];
  onChange?: (value: Permission[]) => void;
  disabled?: boolean;
}

/** The catalogue grouped as PERMISSIONS declares it; a group header toggles the whole group. */
export function PermissionChecklist({ value = [], onChange, disabled }: Props) {
  const { t } = useTranslation();
  const chosen = new Set(value);
  const set = (keys: Permission[], on: boolean) => {
    const next = new Set(chosen);
    for (const key of keys) {
      if (on) next.add(key);
      else next.delete(key);
    }
    onChange?.(PERMISSION_KEYS.filter((key) => next.has(key)));
  };

  return (
    <Flex vertical gap={12} data-testid="permission-checklist">
      {GROUPS.map((group) => {
        const keys = PERMISSION_KEYS.filter((key) => PERMISSIONS[key].group === group);
        const count = keys.filter((key) => chosen.has(key)).length;
        return (
          <Card
            key={group}
            size="small"
            title={
              <Checkbox
                checked={count === keys.length}
                indeterminate={count > 0 && count < keys.length}
                disabled={disabled}
                onChange={(event) => set(keys, event.target.checked)}
              >
                {permissionGroupName(t, group)}
              </Checkbox>
            }
          >
            <Flex vertical gap={10}>
              {keys.map((key) => (
                <Checkbox
                  key={key}
                  checked={chosen.has(key)}
                  disabled={disabled}
                  onChange={(event) => set([key], event.target.checked)}
                  data-testid={`permission-${key}`}
                >
                  <Typography.Text strong>{permissionName(t, key)}</Typography.Text>{' '}
                  <Typography.Text type="secondary" code style={{ fontSize: 12 }}>
                    {key}
                  </Typography.Text>
                  {PERMISSIONS[key].scoped && <Tag style={{ marginLeft: 6 }}>{t('roles.scopedTag')}</Tag>}
                  <div>
                    <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                      {permissionDescription(t, key)}
                    </Typography.Text>
                  </div>
                </Checkbox>
              ))}
            </Flex>
          </Card>
        );
      })}
    </Flex>
  );
}
