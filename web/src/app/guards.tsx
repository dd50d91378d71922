import type { Permission } from '@liaison/contracts';
import { can } from '@liaison/contracts';
import { Button, Flex, Spin, Typography } from 'antd';
import { type ReactNode, useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { Navigate, Outlet, useLocation } from 'react-router';
import { isApiError } from '../api/client.ts';
import { errorText } from './errors.ts';
import { storedLanguage } from './i18n/index.ts';
import { applyLanguage } from './language.ts';
import { landingScreen } from './navigation.ts';
import { MeContext, useMe, useMeQuery } from './session.ts';

export function FullPageSpin() {
  return (
    <div style={{ display: 'grid', placeItems: 'center', minHeight: '60vh' }}>
      <Spin size="large" />
    </div>
  );
}

export function loginPathFor(location: { pathname: string; search: string }): string {
  const next = `${location.pathname}${location.search}`;
  return next === '/' || next.startsWith('/login') ? '/login' : `/login?next=${encodeURIComponent(next)}`;
}

/** The signed-in area: sends strangers to the login page and forces a pending password change. */
export function RequireAuth() {
  const { t } = useTranslation();
  const location = useLocation();
  const { data: me, error, isPending, refetch } = useMeQuery();

  useEffect(() => {
    // Follow the account's language until the user picks one on this browser.
    if (me && !storedLanguage()) void applyLanguage(me.user.locale, { persist: false });
  }, [me]);

  if (isPending) return <FullPageSpin />;
  if (error) {
    if (isApiError(error, 'unauthenticated')) return <Navigate to={loginPathFor(location)} replace />;
    return (
      <Flex vertical align="center" gap={12} style={{ padding: '64px 16px' }}>
        <Typography.Text>{errorText(error)}</Typography.Text>
        <Button onClick={() => void refetch()}>{t('common.refresh')}</Button>
      </Flex>
    );
  }
  if (me.mustChangePassword) return <Navigate to="/change-password" replace />;
  return (
    <MeContext.Provider value={me}>
      <Outlet />
    </MeContext.Provider>
  );
}

/** A screen typed into the address bar without its permission lands on the 403 page. */
export function RequirePermission({ permission, children }: { permission: Permission; children: ReactNode }) {
  const me = useMe();
  if (!can(me.grants, permission)) return <Navigate to="/403" replace />;
  return children;
}

export function RequireAnyPermission({
  permissions,
  children,
}: {
  permissions: readonly Permission[];
  children: ReactNode;
}) {
  const me = useMe();
  if (!permissions.some((permission) => can(me.grants, permission))) return <Navigate to="/403" replace />;
  return children;
}

/**
 * Internal screens (the workbench, modules still to come): an external user — a counterparty's
 * contact — is taken to their own first screen instead (the conversations shared with them).
 */
export function RequireEmployee({ children }: { children: ReactNode }) {
  const me = useMe();
  if (me.user.kind !== 'employee') return <Navigate to={landingScreen(me).path} replace />;
  return children;
}
