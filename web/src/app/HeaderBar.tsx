import {
  DownOutlined,
  GlobalOutlined,
  LogoutOutlined,
  MenuFoldOutlined,
  MenuUnfoldOutlined,
  UserOutlined,
} from '@ant-design/icons';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { MenuProps } from 'antd';
import { Avatar, Button, Dropdown, Layout, Space, Tooltip, Typography, theme } from 'antd';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { logout } from '../api/auth.ts';
import { setCsrfToken } from '../api/client.ts';
import { NotificationBell } from '../features/notifications/NotificationBell.tsx';
import { isLanguage, LANGUAGES } from './i18n/index.ts';
import { useLanguage } from './language.ts';
import { useMe } from './session.ts';

export function LanguageSwitch({ dark = false }: { dark?: boolean }) {
  const { t } = useTranslation();
  const [language, setLanguage] = useLanguage();
  const items: MenuProps['items'] = LANGUAGES.map((code) => ({ key: code, label: t(`language.${code}`) }));
  return (
    <Dropdown
      menu={{
        items,
        selectable: true,
        selectedKeys: [language],
        onClick: ({ key }) => isLanguage(key) && setLanguage(key),
      }}
    >
      <Button
        type="text"
        icon={<GlobalOutlined />}
        data-testid="language-switch"
        style={dark ? { color: '#fff' } : {}}
      >
        {t(`language.${language}`)}
      </Button>
    </Dropdown>
  );
}

function UserMenu() {
  const { t } = useTranslation();
  const me = useMe();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const signOut = useMutation({
    mutationFn: logout,
    onSettled: () => {
      // Leave even if the server already forgot the session; nothing of it may stay in memory.
      setCsrfToken(null);
      queryClient.clear();
      navigate('/login', { replace: true });
    },
  });
  const items: MenuProps['items'] = [
    {
      key: 'profile',
      icon: <UserOutlined />,
      label: t('header.profile'),
      'data-testid': 'user-menu-profile',
    },
    { type: 'divider' },
    {
      key: 'logout',
      icon: <LogoutOutlined />,
      label: t('header.logout'),
      danger: true,
      'data-testid': 'user-menu-logout',
    },
  ];
  const onClick: MenuProps['onClick'] = ({ key }) => {
    if (key === 'profile') navigate('/profile');
    if (key === 'logout') signOut.mutate();
  };
  return (
    <Dropdown menu={{ items, onClick }} trigger={['click']}>
      <Button type="text" data-testid="user-menu" style={{ height: 48 }}>
        <Space>
          <Avatar size="small" style={{ backgroundColor: '#1677ff' }}>
            {me.user.displayName.slice(0, 1)}
          </Avatar>
          <Typography.Text>{me.user.displayName}</Typography.Text>
          <DownOutlined style={{ fontSize: 10 }} />
        </Space>
      </Button>
    </Dropdown>
  );
}

export function HeaderBar({ collapsed, onToggle }: { collapsed: boolean; onToggle: () => void }) {
  const { t } = useTranslation();
  const { token } = theme.useToken();
  return (
    <Layout.Header
      style={{
        background: token.colorBgContainer,
        padding: '0 16px 0 8px',
        display: 'flex',
        alignItems: 'center',
        justifyContent: 'space-between',
        borderBottom: `1px solid ${token.colorBorderSecondary}`,
        position: 'sticky',
        top: 0,
        zIndex: 10,
        height: 56,
        lineHeight: '56px',
      }}
    >
      <Space>
        <Tooltip title={collapsed ? t('header.expand') : t('header.collapse')}>
          <Button
            type="text"
            icon={collapsed ? <MenuUnfoldOutlined /> : <MenuFoldOutlined />}
            onClick={onToggle}
            aria-label={collapsed ? t('header.expand') : t('header.collapse')}
          />
        </Tooltip>
        <Typography.Text type="secondary">{t('app.tagline')}</Typography.Text>
      </Space>
      <Space size="small">
        <NotificationBell />
        <LanguageSwitch />
        <UserMenu />
      </Space>
    </Layout.Header>
  );
}
