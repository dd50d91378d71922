import { CloseOutlined } from '@ant-design/icons';
import type { Message } from '@liaison/contracts';
import { Button, Tabs } from 'antd';
import { useTranslation } from 'react-i18next';
import { AboutTab } from './AboutTab.tsx';
import { useChat } from './ChatContext.ts';
import { MembersTab } from './MembersTab.tsx';
import { PinnedTab } from './PinnedTab.tsx';

export type InfoTab = 'about' | 'members' | 'pinned';

/** The right-hand channel details: about (owner actions), members, pinned messages. */
export function ChannelInfoPanel({
  tab,
  onTab,
  onClose,
  onJump,
}: {
  tab: InfoTab;
  onTab: (tab: InfoTab) => void;
  onClose: () => void;
  onJump: (message: Message) => void;
}) {
  const { t } = useTranslation();
  const { channel } = useChat();
  return (
    <aside className="lia-panel" data-testid="channel-info">
      <header className="lia-panel-header">
        <span className="lia-panel-title">{t('messaging.info.title')}</span>
        <span className="lia-panel-sub">{channel.name}</span>
        <Button type="text" icon={<CloseOutlined />} onClick={onClose} aria-label={t('common.close')} />
      </header>
      <div className="lia-panel-body">
        <Tabs
          activeKey={tab}
          onChange={(key) => onTab(key as InfoTab)}
          centered
          items={[
            { key: 'about', label: t('messaging.info.tabs.about'), children: <AboutTab /> },
            {
              key: 'members',
              label: `${t('messaging.info.tabs.members')} ${channel.memberCount}`,
              children: <MembersTab />,
            },
            {
              key: 'pinned',
              label: t('messaging.info.tabs.pinned'),
              children: <PinnedTab onJump={onJump} />,
            },
          ]}
        />
      </div>
    </aside>
  );
}
