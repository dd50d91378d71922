import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Card, Flex, Form, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { Navigate, useNavigate } from 'react-router';
import { changePassword, logout } from '../../api/auth.ts';
import { isApiError, setCsrfToken } from '../../api/client.ts';
import { queryKeys } from '../../api/keys.ts';
import { useApiError } from '../../app/errors.ts';
import { FullPageSpin } from '../../app/guards.tsx';
import { LanguageSwitch } from '../../app/LanguageSwitch.tsx';
import { loadMe, useMeQuery } from '../../app/session.ts';
import { PasswordFields, type PasswordFormValues } from '../../components/PasswordFields.tsx';

/** Reached after signing in with a temporary password; nothing else is usable until it is changed. */
export default function ForcedPasswordPage() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const showError = useApiError();
  const [form] = Form.useForm<PasswordFormValues>();
  const { data: me, error, isPending } = useMeQuery();

  const change = useMutation({
    mutationFn: ({ currentPassword, newPassword }: PasswordFormValues) =>
      changePassword({ currentPassword, newPassword }),
    onSuccess: async () => {
      message.success(t('auth.passwordChanged'));
      queryClient.setQueryData(queryKeys.me, await loadMe());
      navigate('/', { replace: true });
    },
    onError: (err) => showError(err, form),
  });
  const signOut = useMutation({
    mutationFn: logout,
    onSettled: () => {
      setCsrfToken(null);
      queryClient.clear();
      navigate('/login', { replace: true });
    },
  });

  if (isPending) return <FullPageSpin />;
  if (isApiError(error, 'unauthenticated')) return <Navigate to="/login" replace />;
  if (me && !me.mustChangePassword && !change.isPending) return <Navigate to="/" replace />;

  return (
    <Flex vertical align="center" justify="center" style={{ minHeight: '100vh', padding: 24 }}>
      <Flex justify="flex-end" style={{ position: 'absolute', top: 16, right: 16 }}>
        <LanguageSwitch />
      </Flex>
      <Card style={{ width: '100%', maxWidth: 460 }} data-testid="forced-password">
        <Typography.Title level={3} style={{ marginTop: 0 }}>
          {t('auth.changeTitle')}
        </Typography.Title>
        {me && (
          <Typography.Paragraph type="secondary">
            {t('auth.signedInAs', { name: me.user.displayName, username: me.user.username })}
          </Typography.Paragraph>
        )}
        <Alert type="info" showIcon title={t('auth.changeReason')} style={{ marginBottom: 24 }} />
        <Form<PasswordFormValues> form={form} layout="vertical" onFinish={(values) => change.mutate(values)}>
          <PasswordFields currentHint={t('auth.currentPasswordHint')} />
          <Flex gap={8} justify="space-between">
            <Button onClick={() => signOut.mutate()} loading={signOut.isPending}>
              {t('header.logout')}
            </Button>
            <Button type="primary" htmlType="submit" loading={change.isPending} data-testid="password-submit">
              {t('auth.submitChange')}
            </Button>
          </Flex>
        </Form>
      </Card>
    </Flex>
  );
}
