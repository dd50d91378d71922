import type { CreateUserRequest, Locale, UpdateUserRequest, User, UserKind } from '@liaison/contracts';
import type { FormInstance } from 'antd';
import { Col, Form, Input, Radio, Row, Select } from 'antd';
import { useTranslation } from 'react-i18next';
import { LANGUAGES } from '../../app/i18n/index.ts';
import { DepartmentSelect } from '../../components/DepartmentSelect.tsx';

export interface UserFormValues {
  username: string;
  displayName: string;
  kind: UserKind;
  departmentId: string | null;
  title?: string;
  employeeNo?: string;
  email?: string;
  officePhone?: string;
  locale: Locale;
  password?: string;
}

const blankToNull = (value: string | undefined | null) => (value?.trim() ? value.trim() : null);

export function toFormValues(user: User): UserFormValues {
  return {
    username: user.username,
    displayName: user.displayName,
    kind: user.kind,
    departmentId: user.department?.id ?? null,
    title: user.title ?? '',
    employeeNo: user.employeeNo ?? '',
    email: user.email ?? '',
    officePhone: user.officePhone ?? '',
    locale: user.locale,
  };
}

export function toCreateRequest(values: UserFormValues): CreateUserRequest {
  return {
    username: values.username.trim(),
    displayName: values.displayName.trim(),
    kind: values.kind,
    departmentId: values.departmentId ?? null,
    title: blankToNull(values.title),
    employeeNo: blankToNull(values.employeeNo),
    email: blankToNull(values.email),
    officePhone: blankToNull(values.officePhone),
    locale: values.locale,
    ...(values.password ? { password: values.password } : {}),
  };
}

export function toUpdateRequest(values: UserFormValues): UpdateUserRequest {
  return {
    displayName: values.displayName.trim(),
    departmentId: values.departmentId ?? null,
    title: blankToNull(values.title),
    employeeNo: blankToNull(values.employeeNo),
    email: blankToNull(values.email),
    officePhone: blankToNull(values.officePhone),
    locale: values.locale,
  };
}

interface Props {
  form: FormInstance<UserFormValues>;
  creating: boolean;
  readOnly: boolean;
  onFinish: (values: UserFormValues) => void;
}

export function UserForm({ form, creating, readOnly, onFinish }: Props) {
  const { t } = useTranslation();
  return (
    <Form<UserFormValues>
      form={form}
      layout="vertical"
      disabled={readOnly}
      onFinish={onFinish}
      initialValues={{ kind: 'employee', locale: 'zh-CN', departmentId: null }}
      data-testid="user-form"
    >
      <Row gutter={16}>
        <Col span={12}>
          <Form.Item
            name="username"
            label={t('users.username')}
            extra={creating ? t('users.usernameHint') : undefined}
            rules={[
              { required: true },
              { pattern: /^[a-zA-Z0-9][a-zA-Z0-9._-]{1,63}$/, message: t('users.usernameHint') },
            ]}
          >
            <Input disabled={!creating} autoComplete="off" data-testid="user-username" />
          </Form.Item>
        </Col>
        <Col span={12}>
          <Form.Item
            name="displayName"
            label={t('users.displayName')}
            rules={[{ required: true, whitespace: true, max: 64 }]}
          >
            <Input data-testid="user-display-name" />
          </Form.Item>
        </Col>
        <Col span={12}>
          <Form.Item name="kind" label={t('users.kind')}>
            <Radio.Group
              disabled={!creating}
              options={[
                { value: 'employee', label: t('users.kindEmployee') },
                { value: 'external', label: t('users.kindExternal') },
              ]}
            />
          </Form.Item>
        </Col>
        <Col span={12}>
          <Form.Item name="departmentId" label={t('users.department')}>
            <DepartmentSelect data-testid="user-department" />
          </Form.Item>
        </Col>
        <Col span={12}>
          <Form.Item name="title" label={t('users.jobTitle')} rules={[{ max: 64 }]}>
            <Input />
          </Form.Item>
        </Col>
        <Col span={12}>
          <Form.Item name="employeeNo" label={t('users.employeeNo')} rules={[{ max: 32 }]}>
            <Input />
          </Form.Item>
        </Col>
        <Col span={12}>
          <Form.Item name="email" label={t('users.email')} rules={[{ type: 'email' }, { max: 254 }]}>
            <Input type="email" />
          </Form.Item>
        </Col>
        <Col span={12}>
          <Form.Item name="officePhone" label={t('users.officePhone')} rules={[{ max: 32 }]}>
            <Input />
          </Form.Item>
        </Col>
        <Col span={12}>
          <Form.Item name="locale" label={t('users.locale')}>
            <Select options={LANGUAGES.map((code) => ({ value: code, label: t(`language.${code}`) }))} />
          </Form.Item>
        </Col>
        {creating && (
          <Col span={12}>
            <Form.Item
              name="password"
              label={t('users.initialPassword')}
              extra={t('users.initialPasswordHint')}
              rules={[{ min: 10, message: t('auth.passwordTooShort') }]}
            >
              <Input.Password autoComplete="new-password" />
            </Form.Item>
          </Col>
        )}
      </Row>
    </Form>
  );
}
