import { DownOutlined, PlusOutlined, RightOutlined, SearchOutlined } from '@ant-design/icons';
import type { Channel } from '@liaison/contracts';
import type { MenuProps } from 'antd';
import { Badge, Button, Dropdown, Empty, Input, Skeleton, Tooltip } from 'antd';
import dayjs from 'dayjs';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import { useRealtime } from '../../app/RealtimeContext.ts';
import { ChannelAvatar } from '../../components/Avatars.tsx';
import { useChannels } from '../../shared/queries/channels.ts';
import { shortTime } from '../../shared/timeline.ts';
import { type ChannelGroupKey, groupChannels } from './channelGroups.ts';
import type { CreateKind } from './NewChannelModal.tsx';

const CREATE_LABELS = {
  direct: 'messaging.sidebar.newDirect',
  department: 'messaging.sidebar.newDepartment',
  team: 'messaging.sidebar.newTeam',
  all_hands: 'messaging.sidebar.newAllHands',
  external: 'messaging.sidebar.newExternal',
} as const satisfies Record<CreateKind, string>;

function ChannelRow({ channel, active }: { channel: Channel; active: boolean }) {
  const { t } = useTranslation();
  const unread = channel.isMember && !channel.archivedAt ? channel.unreadCount : 0;
  const subtitle = channel.oneToOne
    ? (channel.topic ?? '')
    : (channel.topic ?? t('messaging.sidebar.members', { count: channel.memberCount }));
  return (
    <Link
      to={`/messages/${channel.id}`}
      className={`lia-channel-row${active ? ' lia-channel-row-active' : ''}`}
      data-testid="channel-item"
      data-channel-name={channel.name}
      aria-current={active ? 'page' : undefined}
    >
      <ChannelAvatar channel={channel} size={36} />
      <div className="lia-channel-row-text">
        <div className="lia-channel-row-line">
          <span className={`lia-channel-name${unread > 0 ? ' lia-channel-name-unread' : ''}`}>
            {channel.name}
          </span>
          <span className="lia-channel-time">
            {shortTime(channel.lastMessageAt, dayjs(), t('messaging.day.yesterday'))}
          </span>
        </div>
        <div className="lia-channel-row-line">
          <span className="lia-channel-sub">{subtitle}</span>
          <span className="lia-channel-badges">
            {channel.mentionCount > 0 && unread > 0 && (
              <Tooltip title={t('messaging.sidebar.mentioned')}>
                <span className="lia-mention-badge" data-testid="channel-mention">
                  @
                </span>
              </Tooltip>
            )}
            {unread > 0 && (
              <Badge count={unread} overflowCount={99} size="small" data-testid="channel-unread" />
            )}
          </span>
        </div>
      </div>
    </Link>
  );
}

/** The left column: conversations by kind with unread badges, a filter, and "+" to start one. */
export function ChannelSidebar({
  activeId,
  createItems,
  onCreate,
}: {
  activeId: string | undefined;
  createItems: CreateKind[];
  onCreate: (kind: CreateKind) => void;
}) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const channels = useChannels();
  const { status } = useRealtime();
  const [filter, setFilter] = useState('');
  const [collapsed, setCollapsed] = useState<ReadonlySet<ChannelGroupKey>>(() => new Set(['archived']));
  const groups = useMemo(() => groupChannels(channels.data ?? [], filter), [channels.data, filter]);

  const createMenu: MenuProps['items'] = createItems.map((kind) => ({
    key: kind,
    label: t(CREATE_LABELS[kind]),
    'data-testid': `create-${kind}`,
  }));

  const toggle = (key: ChannelGroupKey) =>
    setCollapsed((current) => {
      const next = new Set(current);
      if (next.has(key)) next.delete(key);
      else next.add(key);
      return next;
    });

  return (
    <aside className="lia-sidebar" data-testid="channel-sidebar">
      <div className="lia-sidebar-top">
        <Input
          allowClear
          prefix={<SearchOutlined />}
          placeholder={t('messaging.sidebar.filter')}
          value={filter}
          onChange={(event) => setFilter(event.target.value)}
          data-testid="channel-filter"
        />
        {createMenu.length > 0 && (
          <Dropdown
            menu={{ items: createMenu, onClick: ({ key }) => onCreate(key as CreateKind) }}
            trigger={['click']}
          >
            <Tooltip title={t('messaging.sidebar.new')}>
              <Button
                icon={<PlusOutlined />}
                aria-label={t('messaging.sidebar.new')}
                data-testid="channel-create"
              />
            </Tooltip>
          </Dropdown>
        )}
      </div>
      {status !== 'live' && (
        <div className={`lia-live-status lia-live-${status}`} data-testid="live-status">
          {t(
            `messaging.live.${status === 'refused' ? 'refused' : status === 'connecting' ? 'connecting' : 'offline'}`,
          )}
        </div>
      )}
      <div className="lia-sidebar-list" data-testid="channel-list">
        {channels.isLoading && <Skeleton active avatar paragraph={{ rows: 6 }} style={{ padding: 12 }} />}
        {channels.isSuccess && groups.length === 0 && (
          <Empty
            image={Empty.PRESENTED_IMAGE_SIMPLE}
            description={filter ? t('messaging.sidebar.noMatch') : t('messaging.sidebar.empty')}
          />
        )}
        {groups.map((group) => {
          const closed = collapsed.has(group.key);
          return (
            <section key={group.key} data-testid={`channel-group-${group.key}`}>
              <button type="button" className="lia-group-header" onClick={() => toggle(group.key)}>
                {closed ? <RightOutlined /> : <DownOutlined />}
                <span>{t(`messaging.groups.${group.key}`)}</span>
                <span className="lia-group-count">{group.channels.length}</span>
                {closed && group.unread > 0 && <Badge count={group.unread} size="small" />}
              </button>
              {!closed &&
                group.channels.map((channel) => (
                  <ChannelRow key={channel.id} channel={channel} active={channel.id === activeId} />
                ))}
            </section>
          );
        })}
      </div>
      <div className="lia-sidebar-bottom">
        <Button type="link" icon={<SearchOutlined />} onClick={() => navigate('/messages/search')} block>
          {t('messaging.sidebar.searchMessages')}
        </Button>
      </div>
    </aside>
  );
}
