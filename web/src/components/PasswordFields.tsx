import { Form, Input } from 'antd';
import type { Rule } from 'antd/es/form';
import { useTranslation } from 'react-i18next';

/** Mirrors the server's NewPassword rule so most mistakes are caught before sending. */
export function usePasswordRules(): Rule[] {
  const { t } = useTranslation();
  return [
    { required: true },
    { min: 10, message: t('auth.passwordTooShort') },
    {
      validator: (_rule, value: string | undefined) =>
        !value || (/\p{L}/u.test(value) && /[^\p{L}]/u.test(value))
          ? Promise.resolve()
          : Promise.reject(new Error(t('auth.passwordNeedsMix'))),
    },
    ({ getFieldValue }) => ({
      validator: (_rule, value: string | undefined) =>
        !value || value !== getFieldValue('currentPassword')
          ? Promise.resolve()
          : Promise.reject(new Error(t('auth.passwordSameAsOld'))),
    }),
  ];
}

/** Current password, new password and its confirmation, as used by both password screens. */
export function PasswordFields({ currentHint }: { currentHint?: string }) {
  const { t } = useTranslation();
  const rules = usePasswordRules();
  return (
    <>
      <Form.Item
        name="currentPassword"
        label={t('auth.currentPassword')}
        extra={currentHint}
        rules={[{ required: true }]}
      >
        <Input.Password autoComplete="current-password" data-testid="password-current" />
      </Form.Item>
      <Form.Item
        name="newPassword"
        label={t('auth.newPassword')}
        extra={t('auth.passwordRule')}
        rules={rules}
        validateFirst
        dependencies={['currentPassword']}
      >
        <Input.Password autoComplete="new-password" data-testid="password-new" />
      </Form.Item>
      <Form.Item
        name="confirmPassword"
        label={t('auth.confirmPassword')}
        dependencies={['newPassword']}
        rules={[
          { required: true },
          ({ getFieldValue }) => ({
            validator: (_rule, value: string | undefined) =>
              !value || value === getFieldValue('newPassword')
                ? Promise.resolve()
                : Promise.reject(new Error(t('auth.passwordMismatch'))),
          }),
        ]}
      >
        <Input.Password autoComplete="new-password" data-testid="password-confirm" />
      </Form.Item>
    </>
  );
}

export interface PasswordFormValues {
  currentPassword: string;
  newPassword: string;
  confirmPassword: string;
}
