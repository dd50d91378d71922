import type { MenuProps } from 'antd';
import { Layout, Menu, theme } from 'antd';
import { Suspense, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Outlet, useLocation, useNavigate } from 'react-router';
import { FullPageSpin } from './guards.tsx';
import { HeaderBar } from './HeaderBar.tsx';
import { DASHBOARD_ITEM, ORGANISATION_ITEMS, UPCOMING_MODULES } from './navigation.tsx';
import { useCan } from './session.ts';

const COLLAPSED_KEY = 'liaison.siderCollapsed';
const ORGANISATION_GROUP = 'organisation';

function selectedKey(pathname: string): string {
  const all = [...ORGANISATION_ITEMS, ...UPCOMING_MODULES, { key: 'profile', path: '/profile' }];
  return (
    all.find((item) => pathname === item.path || pathname.startsWith(`${item.path}/`))?.key ?? 'dashboard'
  );
}

export function AppLayout() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const location = useLocation();
  const allowed = useCan();
  const { token } = theme.useToken();
  const [collapsed, setCollapsed] = useState(() => localStorage.getItem(COLLAPSED_KEY) === '1');

  const toggle = () => {
    setCollapsed((value) => {
      localStorage.setItem(COLLAPSED_KEY, value ? '0' : '1');
      return !value;
    });
  };

  const items = useMemo<MenuProps['items']>(() => {
    const organisation = ORGANISATION_ITEMS.filter((item) => allowed(item.permission)).map((item) => ({
      key: item.key,
      icon: item.icon,
      label: t(`menu.${item.key}`),
      'data-testid': `menu-${item.key}`,
    }));
    return [
      { key: DASHBOARD_ITEM.key, icon: DASHBOARD_ITEM.icon, label: t('menu.dashboard') },
      ...UPCOMING_MODULES.map((item) => ({
        key: item.key,
        icon: item.icon,
        label: t(`menu.${item.key}`),
        'data-testid': `menu-${item.key}`,
      })),
      ...(organisation.length > 0
        ? [
            {
              key: ORGANISATION_GROUP,
              label: t('menu.organisation'),
              type: 'group' as const,
              children: organisation,
            },
          ]
        : []),
    ];
  }, [allowed, t]);

  const onClick: MenuProps['onClick'] = ({ key }) => {
    const target = [DASHBOARD_ITEM, ...UPCOMING_MODULES, ...ORGANISATION_ITEMS].find(
      (item) => item.key === key,
    );
    if (target) navigate(target.path);
  };

  return (
    <Layout style={{ minHeight: '100vh' }}>
      <Layout.Sider
        collapsible
        collapsed={collapsed}
        trigger={null}
        width={216}
        breakpoint="lg"
        onBreakpoint={(broken) => setCollapsed(broken)}
        style={{ position: 'sticky', top: 0, height: '100vh', overflow: 'auto' }}
      >
        <div
          style={{
            height: 56,
            display: 'flex',
            alignItems: 'center',
            gap: 10,
            padding: collapsed ? '0 24px' : '0 20px',
            color: '#fff',
            fontSize: 18,
            fontWeight: 600,
            whiteSpace: 'nowrap',
            overflow: 'hidden',
          }}
        >
          <img src="/favicon.svg" alt="" width={28} height={28} />
          {!collapsed && <span>{t('app.fullName')}</span>}
        </div>
        <Menu
          data-testid="app-menu"
          theme="dark"
          mode="inline"
          items={items}
          selectedKeys={[selectedKey(location.pathname)]}
          onClick={onClick}
        />
      </Layout.Sider>
      <Layout>
        <HeaderBar collapsed={collapsed} onToggle={toggle} />
        <Layout.Content style={{ margin: 24, minWidth: 0 }}>
          <div style={{ maxWidth: 1600, margin: '0 auto', color: token.colorText }}>
            <Suspense fallback={<FullPageSpin />}>
              <Outlet />
            </Suspense>
          </div>
        </Layout.Content>
      </Layout>
    </Layout>
  );
}
