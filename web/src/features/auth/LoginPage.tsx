import { LockOutlined, UserOutlined } from '@ant-design/icons';
import type { LoginRequest, Me } from '@liaison/contracts';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Alert, Button, Flex, Form, Input, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate, useSearchParams } from 'react-router';
import { login } from '../../api/auth.ts';
import { ApiError, setCsrfToken } from '../../api/client.ts';
import { queryKeys } from '../../api/keys.ts';
import { errorText } from '../../app/errors.ts';
import { storedLanguage } from '../../app/i18n/index.ts';
import { LanguageSwitch } from '../../app/LanguageSwitch.tsx';
import { applyLanguage } from '../../app/language.ts';

/** Only same-site paths, so a crafted ?next= cannot send people elsewhere after signing in. */
function safeNext(next: string | null): string {
  return next?.startsWith('/') && !next.startsWith('//') ? next : '/';
}

function retryAfterSeconds(error: ApiError): number {
  const details = error.details as { retryAfterSeconds?: unknown } | undefined;
  return typeof details?.retryAfterSeconds === 'number'
    ? Math.max(1, Math.ceil(details.retryAfterSeconds))
    : 60;
}

function useCountdown(until: number | null): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    if (until === null) return;
    const timer = setInterval(() => setNow(Date.now()), 1000);
    return () => clearInterval(timer);
  }, [until]);
  return until === null ? 0 : Math.max(0, Math.ceil((until - now) / 1000));
}

export default function LoginPage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const [params] = useSearchParams();
  const queryClient = useQueryClient();
  const [lockedUntil, setLockedUntil] = useState<number | null>(null);
  const remaining = useCountdown(lockedUntil);
  const locked = remaining > 0;

  const mutation = useMutation({
    mutationFn: login,
    onSuccess: (me: Me) => {
      setCsrfToken(me.csrfToken);
      queryClient.clear();
      queryClient.setQueryData(queryKeys.me, me);
      if (!storedLanguage()) void applyLanguage(me.user.locale, { persist: false });
      navigate(me.mustChangePassword ? '/change-password' : safeNext(params.get('next')), { replace: true });
    },
    onError: (error) => {
      if (error instanceof ApiError && error.code === 'too_many_attempts') {
        setLockedUntil(Date.now() + retryAfterSeconds(error) * 1000);
      }
    },
  });

  const error = mutation.error;
  const errorMessage = locked
    ? t('auth.locked', {
        countdown: t('auth.countdown', { minutes: Math.floor(remaining / 60), seconds: remaining % 60 }),
      })
    : error && !(error instanceof ApiError && error.code === 'too_many_attempts')
      ? errorText(error)
      : null;

  return (
    <div className="liaison-login">
      <div className="liaison-login-hero">
        <Flex align="center" gap={16}>
          <img src="/favicon.svg" alt="" width={56} height={56} />
          <Typography.Title level={1} style={{ color: '#fff', margin: 0 }}>
            {t('app.fullName')}
          </Typography.Title>
        </Flex>
        <Typography.Title
          level={3}
          style={{ color: 'rgba(255,255,255,0.85)', fontWeight: 400, marginTop: 24 }}
        >
          {t('app.tagline')}
        </Typography.Title>
      </div>
      <Flex vertical justify="center" style={{ padding: 32 }}>
        <Flex justify="flex-end" style={{ position: 'absolute', top: 16, right: 16 }}>
          <LanguageSwitch />
        </Flex>
        {/* A plain panel rather than antd's Card, which would bring its tabs along to the first page. */}
        <div className="liaison-login-panel">
          <Typography.Title level={3} style={{ marginTop: 0 }}>
            {t('auth.title')}
          </Typography.Title>
          <Form<LoginRequest>
            layout="vertical"
            size="large"
            requiredMark={false}
            onFinish={(values) => mutation.mutate(values)}
            onValuesChange={() => !locked && mutation.reset()}
          >
            <Form.Item
              name="username"
              label={t('auth.username')}
              rules={[{ required: true, whitespace: true }]}
            >
              <Input
                prefix={<UserOutlined />}
                placeholder={t('auth.usernamePlaceholder')}
                autoComplete="username"
                autoFocus
                data-testid="login-username"
              />
            </Form.Item>
            <Form.Item name="password" label={t('auth.password')} rules={[{ required: true }]}>
              <Input.Password
                prefix={<LockOutlined />}
                placeholder={t('auth.passwordPlaceholder')}
                autoComplete="current-password"
                data-testid="login-password"
              />
            </Form.Item>
            {errorMessage && (
              <Alert
                type="error"
                showIcon
                title={errorMessage}
                style={{ marginBottom: 16 }}
                data-testid="login-error"
              />
            )}
            <Button
              type="primary"
              htmlType="submit"
              block
              loading={mutation.isPending}
              disabled={locked}
              data-testid="login-submit"
            >
              {t('auth.submit')}
            </Button>
          </Form>
          <Typography.Paragraph type="secondary" style={{ marginTop: 24, marginBottom: 0, fontSize: 12 }}>
            {t('auth.footer')}
          </Typography.Paragraph>
        </div>
      </Flex>
    </div>
  );
}
