import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { BUILT_IN_ROLES } from '@liaison/contracts';
import { useQuery } from '@tanstack/react-query';
import type { FormInstance } from 'antd';
import { Button, Checkbox, Flex, Form, Select } from 'antd';
import { useTranslation } from 'react-i18next';
import { queryKeys } from '../../api/keys.ts';
import { listRoles } from '../../api/roles.ts';
import { useCan } from '../../app/session.ts';
import { DepartmentSelect } from '../../components/DepartmentSelect.tsx';
import { roleName } from '../../components/labels.ts';
import { UserPicker } from '../../components/UserPicker.tsx';
import { APPROVER_RULE_TYPES, type RuleFormValue, type TemplateFormValues } from './templateForm.ts';

/** The roles a rule may name: every role when the reader may list them, else the built-in ones. */
function useRoleOptions() {
  const { t } = useTranslation();
  const allowed = useCan();
  const roles = useQuery({
    queryKey: queryKeys.roles,
    queryFn: listRoles,
    enabled: allowed('role.read'),
    staleTime: 5 * 60_000,
    select: (data) => data.items,
  });
  const list = roles.data ?? BUILT_IN_ROLES.map((role) => ({ key: role.key, name: role.name }));
  return list.map((role) => ({ value: role.key, label: roleName(t, role) }));
}

/** One approver rule: its type, then the type's own fields (a department, a role, people). */
function Rule({
  form,
  path,
  onRemove,
  canRemove,
}: {
  form: FormInstance<TemplateFormValues>;
  path: (string | number)[];
  onRemove: () => void;
  canRemove: boolean;
}) {
  const { t } = useTranslation();
  const roleOptions = useRoleOptions();
  const type = Form.useWatch([...path, 'type'], form) as RuleFormValue['type'] | undefined;
  const relative = path.slice(-1);
  return (
    <Flex gap={8} align="flex-start" wrap className="lia-template-rule" data-testid="template-rule">
      <Form.Item name={[...relative, 'type']} noStyle>
        <Select
          style={{ width: 260 }}
          options={APPROVER_RULE_TYPES.map((value) => ({ value, label: t(`approvals.rules.${value}`) }))}
          data-testid="template-rule-type"
        />
      </Form.Item>
      {type === 'department_head' && (
        <Form.Item
          name={[...relative, 'departmentId']}
          rules={[{ required: true, message: t('approvals.templates.departmentRequired') }]}
          style={{ flex: '1 1 200px', margin: 0 }}
        >
          <DepartmentSelect placeholder={t('approvals.templates.departmentPlaceholder')} />
        </Form.Item>
      )}
      {type === 'role' && (
        <>
          <Form.Item
            name={[...relative, 'roleKey']}
            rules={[{ required: true, message: t('approvals.templates.roleRequired') }]}
            style={{ flex: '1 1 160px', margin: 0 }}
          >
            <Select
              showSearch={{ optionFilterProp: 'label' }}
              options={roleOptions}
              placeholder={t('approvals.templates.rolePlaceholder')}
            />
          </Form.Item>
          <Form.Item name={[...relative, 'sameDepartment']} valuePropName="checked" noStyle>
            <Checkbox style={{ alignSelf: 'center' }}>{t('approvals.templates.sameDepartment')}</Checkbox>
          </Form.Item>
        </>
      )}
      {type === 'users' && (
        <Form.Item
          name={[...relative, 'userIds']}
          rules={[{ required: true, type: 'array', min: 1, message: t('approvals.templates.usersRequired') }]}
          style={{ flex: '1 1 240px', margin: 0 }}
        >
          <UserPicker mode="multiple" placeholder={t('approvals.templates.usersPlaceholder')} />
        </Form.Item>
      )}
      <Button
        type="text"
        icon={<DeleteOutlined />}
        aria-label={t('common.delete')}
        disabled={!canRemove}
        onClick={onRemove}
        style={{ marginLeft: 'auto' }}
      />
    </Flex>
  );
}

/**
 * A list of approver rules (a step's approvers, or the template's cc) inside the template form.
 * `minimum` rules must stay (a step needs at least one approver).
 */
export function RuleList({
  form,
  name,
  minimum,
  addLabel,
}: {
  form: FormInstance<TemplateFormValues>;
  /** The list's full path in the form, e.g. ['steps', 0, 'approvers'] or ['cc']. */
  name: (string | number)[];
  minimum: number;
  addLabel: string;
}) {
  return (
    // Inside the steps list a nested list is named relative to its step: [index, 'approvers'].
    <Form.List name={name.length === 1 ? name[0]! : name.slice(1)}>
      {(fields, { add, remove }) => (
        <Flex vertical gap={8}>
          {fields.map((field) => (
            <Rule
              key={field.key}
              form={form}
              path={[...name, field.name]}
              canRemove={fields.length > minimum}
              onRemove={() => remove(field.name)}
            />
          ))}
          {fields.length < 10 && (
            <Button
              type="dashed"
              size="small"
              icon={<PlusOutlined />}
              onClick={() => add({ type: 'requester_head' } satisfies RuleFormValue)}
              style={{ alignSelf: 'flex-start' }}
            >
              {addLabel}
            </Button>
          )}
        </Flex>
      )}
    </Form.List>
  );
}
