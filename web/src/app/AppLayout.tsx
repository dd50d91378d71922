import { can } from '@liaison/contracts';
import type { MenuProps } from 'antd';
import { Badge, Drawer, Grid, Layout, Menu, theme } from 'antd';
import { type ReactNode, Suspense, useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Outlet, useLocation, useNavigate } from 'react-router';
import { usePendingReviewCount } from '../features/control/queries.ts';
import { titleWithUnread, totalUnread } from '../features/messaging/channelGroups.ts';
import { useUnreadAnnouncementCount } from '../shared/queries/announcements.ts';
import { useTodoApprovalCount } from '../shared/queries/approvals.ts';
import { useChannels } from '../shared/queries/channels.ts';
import { FullPageSpin } from './guards.tsx';
import { HeaderBar } from './HeaderBar.tsx';
import { MENU_ICONS } from './menuIcons.tsx';
import {
  COMPLIANCE_ITEMS,
  DASHBOARD_ITEM,
  MESSAGING_ITEMS,
  type MenuKey,
  menuScreens,
  ORGANISATION_ITEMS,
  PUBLISHING_ITEMS,
  SYSTEM_ITEMS,
  UPCOMING_MODULES,
  WORK_ITEMS,
} from './navigation.ts';
import { RealtimeProvider } from './RealtimeProvider.tsx';
import { useCan, useMe } from './session.ts';

const COLLAPSED_KEY = 'liaison.siderCollapsed';
const ORGANISATION_GROUP = 'organisation';
const COMPLIANCE_GROUP = 'compliance';
const WORK_GROUP = 'work';
const SYSTEM_GROUP = 'system';

const ALL_ITEMS: readonly { key: string; path: string }[] = [
  DASHBOARD_ITEM,
  ...MESSAGING_ITEMS,
  ...PUBLISHING_ITEMS,
  ...UPCOMING_MODULES,
  ...WORK_ITEMS,
  ...ORGANISATION_ITEMS,
  ...COMPLIANCE_ITEMS,
  ...SYSTEM_ITEMS,
  { key: 'profile', path: '/profile' },
];

/** The menu entry of a path: the longest matching one (/messages/search is not /messages). */
export function selectedKey(pathname: string): string {
  let best: { key: string; path: string } | null = null;
  for (const item of ALL_ITEMS) {
    if (item.path === '/') continue;
    if (pathname === item.path || pathname.startsWith(`${item.path}/`)) {
      if (!best || item.path.length > best.path.length) best = item;
    }
  }
  return best?.key ?? 'dashboard';
}

/** Unread messages on the menu entry and in the tab title, kept live by the realtime connection. */
function useUnread(): number {
  const { t } = useTranslation();
  const channels = useChannels();
  const unread = totalUnread(channels.data);
  useEffect(() => {
    document.title = titleWithUnread(t('app.fullName'), unread);
  }, [unread, t]);
  return unread;
}

function SideMenu({ collapsed, onNavigate }: { collapsed: boolean; onNavigate?: () => void }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const location = useLocation();
  const allowed = useCan();
  const me = useMe();
  const unread = useUnread();
  const pendingReview = usePendingReviewCount(allowed('control.review'));
  const unreadAnnouncements = useUnreadAnnouncementCount(allowed('announcement.read'));
  const todoApprovals = useTodoApprovalCount(allowed('approval.use'));
  const screens = useMemo(() => menuScreens(me), [me]);

  const items = useMemo<MenuProps['items']>(() => {
    const counted = (key: MenuKey, count: number, testId: string) => (
      <span style={{ display: 'inline-flex', alignItems: 'center', gap: 8 }}>
        {t(`menu.${key}`)}
        {count > 0 && !collapsed && (
          <Badge count={count} overflowCount={99} size="small" data-testid={testId} />
        )}
      </span>
    );
    // The entries that carry a live count; every other entry is its translated name.
    const labels: Partial<Record<MenuKey, ReactNode>> = {
      messaging: counted('messaging', unread, 'menu-unread'),
      announcements: counted('announcements', unreadAnnouncements, 'menu-announcements-count'),
      approvals: counted('approvals', todoApprovals, 'menu-approvals-count'),
      controlReview: counted('controlReview', pendingReview, 'menu-review-pending'),
    };
    const entry = (item: { key: MenuKey }) => ({
      key: item.key,
      icon: MENU_ICONS[item.key],
      label: labels[item.key] ?? t(`menu.${item.key}`),
      'data-testid': `menu-${item.key}`,
    });
    const group = (key: string, label: string, children: { key: MenuKey }[]) =>
      children.length > 0 ? [{ key, label, type: 'group' as const, children: children.map(entry) }] : [];
    return [
      ...screens.top.map(entry),
      ...group(WORK_GROUP, t('menu.work'), screens.work),
      ...group(ORGANISATION_GROUP, t('menu.organisation'), screens.organisation),
      ...group(COMPLIANCE_GROUP, t('menu.compliance'), screens.compliance),
      ...group(SYSTEM_GROUP, t('menu.system'), screens.system),
    ];
  }, [screens, t, unread, pendingReview, unreadAnnouncements, todoApprovals, collapsed]);

  const onClick: MenuProps['onClick'] = ({ key }) => {
    const target = ALL_ITEMS.find((item) => item.key === key);
    if (target) navigate(target.path);
    onNavigate?.();
  };

  return (
    <Menu
      data-testid="app-menu"
      theme="dark"
      mode="inline"
      items={items}
      selectedKeys={[selectedKey(location.pathname)]}
      onClick={onClick}
    />
  );
}

/** The product's name and mark, on top of the side menu (or of the phone's menu drawer). */
function Brand({ collapsed }: { collapsed: boolean }) {
  const { t } = useTranslation();
  return (
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
  );
}

export function AppLayout() {
  const me = useMe();
  const { token } = theme.useToken();
  const screens = Grid.useBreakpoint();
  // Under 768 px (a phone, a narrow tablet) the menu is a drawer: a strip of icons would take a
  // fifth of a 390 px screen. Before the first measure, a desktop.
  const phone = screens.md === false;
  const [collapsed, setCollapsed] = useState(() => localStorage.getItem(COLLAPSED_KEY) === '1');
  const [menuOpen, setMenuOpen] = useState(false);

  const toggle = () => {
    if (phone) {
      setMenuOpen((open) => !open);
      return;
    }
    setCollapsed((value) => {
      localStorage.setItem(COLLAPSED_KEY, value ? '0' : '1');
      return !value;
    });
  };

  return (
    <RealtimeProvider enabled={can(me.grants, 'message.use')}>
      <Layout style={{ minHeight: '100vh' }}>
        {phone ? (
          <Drawer
            placement="left"
            open={menuOpen}
            onClose={() => setMenuOpen(false)}
            size={256}
            closable={false}
            styles={{ body: { padding: 0, background: '#001529' }, header: { display: 'none' } }}
            data-testid="menu-drawer"
          >
            <Brand collapsed={false} />
            <SideMenu collapsed={false} onNavigate={() => setMenuOpen(false)} />
          </Drawer>
        ) : (
          <Layout.Sider
            collapsible
            collapsed={collapsed}
            trigger={null}
            width={216}
            breakpoint="lg"
            onBreakpoint={(broken) => setCollapsed(broken)}
            style={{ position: 'sticky', top: 0, height: '100vh', overflow: 'auto' }}
          >
            <Brand collapsed={collapsed} />
            <SideMenu collapsed={collapsed} />
          </Layout.Sider>
        )}
        <Layout style={{ minWidth: 0 }}>
          <HeaderBar collapsed={phone ? !menuOpen : collapsed} onToggle={toggle} phone={phone} />
          <Layout.Content style={{ margin: phone ? 12 : 24, minWidth: 0 }} className="lia-content">
            <div style={{ maxWidth: 1600, margin: '0 auto', color: token.colorText }}>
              <Suspense fallback={<FullPageSpin />}>
                <Outlet />
              </Suspense>
            </div>
          </Layout.Content>
        </Layout>
      </Layout>
    </RealtimeProvider>
  );
}
