import {
  GlobalOutlined,
  NotificationOutlined,
  ProjectOutlined,
  TeamOutlined,
  UserOutlined,
} from '@ant-design/icons';
import type { Channel, ChannelKind, UserRef } from '@liaison/contracts';
import { Avatar } from 'antd';
import type { ReactNode } from 'react';

const PALETTE = ['#1677ff', '#13a8a8', '#52c41a', '#fa8c16', '#eb2f96', '#722ed1', '#2f54eb', '#fa541c'];

/** A stable colour per person, so one face keeps its colour across the app. */
export function colourFor(id: string): string {
  let hash = 0;
  for (let i = 0; i < id.length; i++) hash = (hash * 31 + id.charCodeAt(i)) | 0;
  return PALETTE[Math.abs(hash) % PALETTE.length]!;
}

/** The first character of a name, like DingTalk and WeCom do for people without a photo. */
export function UserAvatar({ user, size = 36 }: { user: UserRef | null; size?: number }) {
  if (!user) return <Avatar size={size} icon={<UserOutlined />} />;
  return (
    <Avatar size={size} style={{ backgroundColor: colourFor(user.id), flex: 'none' }}>
      {user.displayName.slice(0, 1)}
    </Avatar>
  );
}

const KIND_STYLE: Record<ChannelKind, { icon: ReactNode; colour: string }> = {
  all_hands: { icon: <NotificationOutlined />, colour: '#fa541c' },
  department: { icon: <TeamOutlined />, colour: '#1677ff' },
  team: { icon: <ProjectOutlined />, colour: '#13a8a8' },
  external: { icon: <GlobalOutlined />, colour: '#fa8c16' },
  direct: { icon: <UserOutlined />, colour: '#722ed1' },
};

const GROUP_DIRECT = { icon: <TeamOutlined />, colour: '#722ed1' };

export function ChannelAvatar({ channel, size = 36 }: { channel: Channel; size?: number }) {
  // A 1:1 conversation looks like the other person; a group conversation like a group.
  if (channel.kind === 'direct' && channel.oneToOne) {
    return (
      <Avatar
        size={size}
        shape="square"
        style={{ backgroundColor: colourFor(channel.id), flex: 'none', borderRadius: 8 }}
      >
        {channel.name.slice(0, 1) || <UserOutlined />}
      </Avatar>
    );
  }
  const style = channel.kind === 'direct' ? GROUP_DIRECT : KIND_STYLE[channel.kind];
  return (
    <Avatar
      size={size}
      shape="square"
      icon={style.icon}
      style={{ backgroundColor: style.colour, flex: 'none', borderRadius: 8 }}
    />
  );
}
