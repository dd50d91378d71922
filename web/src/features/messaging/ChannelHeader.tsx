import {
  ArrowLeftOutlined,
  InfoCircleOutlined,
  PushpinOutlined,
  SearchOutlined,
  TeamOutlined,
} from '@ant-design/icons';
import { Button, Grid, Tag, Tooltip } from 'antd';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { ChannelAvatar } from '../../components/Avatars.tsx';
import type { InfoTab } from './ChannelInfoPanel.tsx';
import { useChat } from './ChatContext.ts';

export function ChannelHeader({ onInfo }: { onInfo: (tab: InfoTab) => void }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const { channel } = useChat();
  // On a phone the conversation fills the screen; the back button returns to the channel list.
  const phone = Grid.useBreakpoint().md === false;
  return (
    <header className="lia-channel-header" data-testid="channel-header">
      {phone && (
        <Button
          type="text"
          icon={<ArrowLeftOutlined />}
          onClick={() => navigate('/messages')}
          aria-label={t('messaging.channel.back')}
          data-testid="channel-back"
        />
      )}
      <ChannelAvatar channel={channel} size={32} />
      <div className="lia-channel-header-text">
        <div className="lia-channel-header-title">
          <span data-testid="channel-title">{channel.name}</span>
          {channel.kind !== 'direct' && (
            <Tag variant="filled" color={channel.kind === 'external' ? 'orange' : undefined}>
              {t(`messaging.kinds.${channel.kind}`)}
            </Tag>
          )}
          {channel.archivedAt && <Tag color="default">{t('messaging.channel.archived')}</Tag>}
        </div>
        {channel.topic && (
          <div className="lia-channel-header-topic" title={channel.topic}>
            {channel.topic}
          </div>
        )}
      </div>
      <div className="lia-channel-header-actions">
        <Tooltip title={t('messaging.info.tabs.members')}>
          <Button
            type="text"
            icon={<TeamOutlined />}
            onClick={() => onInfo('members')}
            data-testid="header-members"
          >
            {channel.memberCount}
          </Button>
        </Tooltip>
        <Tooltip title={t('messaging.channel.pinned')}>
          <Button
            type="text"
            icon={<PushpinOutlined />}
            onClick={() => onInfo('pinned')}
            aria-label={t('messaging.channel.pinned')}
            data-testid="header-pinned"
          />
        </Tooltip>
        <Tooltip title={t('messaging.channel.searchIn')}>
          <Button
            type="text"
            icon={<SearchOutlined />}
            aria-label={t('messaging.channel.searchIn')}
            onClick={() => navigate(`/messages/search?channelId=${channel.id}`)}
          />
        </Tooltip>
        <Tooltip title={t('messaging.channel.info')}>
          <Button
            type="text"
            icon={<InfoCircleOutlined />}
            onClick={() => onInfo('about')}
            aria-label={t('messaging.channel.info')}
            data-testid="header-info"
          />
        </Tooltip>
      </div>
    </header>
  );
}
