import {
  DownOutlined,
  LogoutOutlined,
  MenuFoldOutlined,
  MenuOutlined,
  MenuUnfoldOutlined,
  UserOutlined,
} from '@ant-design/icons';
import type { MenuProps } from 'antd';
import { Avatar, Button, Dropdown, Layout, Space, Tooltip, Typography, theme } from 'antd';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { NotificationBell } from '../features/notifications/NotificationBell.tsx';
import { LanguageSwitch } from './LanguageSwitch.tsx';
import { useMe, useSignOut } from './session.ts';

function UserMenu({ compact }: { compact: boolean }) {
  const { t } = useTranslation();
  const me = useMe();
  const navigate = useNavigate();
  const signOut = useSignOut();
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
      <Button
        type="text"
        data-testid="user-menu"
        style={{ height: 48, paddingInline: compact ? 4 : undefined }}
      >
        <Space>
          <Avatar size="small" style={{ backgroundColor: '#1677ff' }}>
            {me.user.displayName.slice(0, 1)}
          </Avatar>
          {/* On a phone the avatar stands for the name, which would push the bell off the header. */}
          {!compact && (
            <Typography.Text ellipsis style={{ maxWidth: 160 }}>
              {me.user.displayName}
            </Typography.Text>
          )}
          {!compact && <DownOutlined style={{ fontSize: 10 }} />}
        </Space>
      </Button>
    </Dropdown>
  );
}

export function HeaderBar({
  collapsed,
  onToggle,
  phone = false,
}: {
  collapsed: boolean;
  onToggle: () => void;
  /** A phone: the toggle opens the menu drawer, and the header keeps only icons. */
  phone?: boolean;
}) {
  const { t } = useTranslation();
  const { token } = theme.useToken();
  return (
    <Layout.Header
      style={{
        background: token.colorBgContainer,
        padding: phone ? '0 4px' : '0 16px 0 8px',
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
      <Space style={{ minWidth: 0 }}>
        {phone ? (
          <Button
            type="text"
            icon={<MenuOutlined />}
            onClick={onToggle}
            aria-label={t('header.openMenu')}
            data-testid="menu-open"
          />
        ) : (
          <Tooltip title={collapsed ? t('header.expand') : t('header.collapse')}>
            <Button
              type="text"
              icon={collapsed ? <MenuUnfoldOutlined /> : <MenuFoldOutlined />}
              onClick={onToggle}
              aria-label={collapsed ? t('header.expand') : t('header.collapse')}
            />
          </Tooltip>
        )}
        {phone ? (
          <Typography.Text strong ellipsis style={{ lineHeight: 'normal', display: 'block' }}>
            {t('app.fullName')}
          </Typography.Text>
        ) : (
          <Typography.Text type="secondary" className="liaison-header-tagline">
            {t('app.tagline')}
          </Typography.Text>
        )}
      </Space>
      <Space size={phone ? 0 : 'small'} style={{ flex: 'none' }}>
        <NotificationBell />
        <LanguageSwitch compact={phone} />
        <UserMenu compact={phone} />
      </Space>
    </Layout.Header>
  );
}
