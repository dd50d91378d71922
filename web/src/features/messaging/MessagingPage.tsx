import { MessageOutlined } from '@ant-design/icons';
import type { ChannelKind } from '@liaison/contracts';
import { can } from '@liaison/contracts';
import { useQuery } from '@tanstack/react-query';
import { Button, Empty, Grid, Result, Spin } from 'antd';
import { type ReactNode, useCallback, useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Navigate, useNavigate, useParams, useSearchParams } from 'react-router';
import { queryKeys } from '../../api/keys.ts';
import { listTeams } from '../../api/teams.ts';
import { useMe } from '../../app/session.ts';
import { useChannels } from '../../shared/queries/channels.ts';
import { ChannelSidebar } from './ChannelSidebar.tsx';
import { ChannelView } from './ChannelView.tsx';
import { NewChannelModal } from './NewChannelModal.tsx';
import { NewDirectModal } from './NewDirectModal.tsx';
import { useChannel } from './queries.ts';
import './messaging.css';
import './message.css';
import './composer.css';
import './panels.css';

const LAST_CHANNEL_KEY = 'liaison.lastChannel';

function rememberChannel(id: string): void {
  try {
    localStorage.setItem(LAST_CHANNEL_KEY, id);
  } catch {
    // Storage disabled: the chat simply opens without a channel next time.
  }
}

function lastChannel(): string | null {
  try {
    return localStorage.getItem(LAST_CHANNEL_KEY);
  } catch {
    return null;
  }
}

/** What the "+" menu offers this person; the server checks each again. */
function useCreateKinds(): ChannelKind[] {
  const me = useMe();
  const employee = me.user.kind === 'employee';
  const manage = me.grants['channel.manage'];
  // Without channel.manage, a team's owner may still open the team's group.
  const teams = useQuery({
    queryKey: queryKeys.teams.list({}),
    queryFn: () => listTeams(),
    enabled: employee && !manage && can(me.grants, 'directory.read'),
    staleTime: 5 * 60_000,
  });
  const ownsTeam = teams.data?.items.some((team) => team.owner?.id === me.user.id) ?? false;
  return useMemo(() => {
    if (!employee) return [];
    const kinds: ChannelKind[] = ['direct'];
    if (manage) kinds.push('department');
    if (manage || ownsTeam) kinds.push('team');
    if (manage === 'all') kinds.push('all_hands');
    if (can(me.grants, 'channel.external')) kinds.push('external');
    return kinds;
  }, [employee, manage, ownsTeam, me.grants]);
}

/** 消息: the conversation list on the left, the open conversation in the middle, details on the right. */
export default function MessagingPage() {
  const { t } = useTranslation();
  const me = useMe();
  const navigate = useNavigate();
  const { channelId } = useParams();
  const [params, setParams] = useSearchParams();
  const channels = useChannels();
  const { channel, isLoading } = useChannel(channelId);
  const createKinds = useCreateKinds();
  const [creating, setCreating] = useState<ChannelKind | null>(null);
  const screens = Grid.useBreakpoint();
  // A phone shows one pane: the channel list at /messages, the conversation (with a back button) at
  // /messages/:id.
  const phone = screens.md === false;

  const seqParam = Number(params.get('seq'));
  const seq = Number.isInteger(seqParam) && seqParam > 0 ? seqParam : null;
  const threadId = params.get('thread');

  useEffect(() => {
    if (channel?.isMember) rememberChannel(channel.id);
  }, [channel]);

  const onThread = useCallback(
    (rootId: string | null) =>
      setParams(
        (current) => {
          const next = new URLSearchParams(current);
          if (rootId) next.set('thread', rootId);
          else {
            // A deep link into a thread ends with the thread.
            if (next.has('thread')) next.delete('seq');
            next.delete('thread');
          }
          return next;
        },
        { replace: true },
      ),
    [setParams],
  );
  const onJumpTo = useCallback(
    (target: number | null) =>
      navigate(target === null ? `/messages/${channelId}` : `/messages/${channelId}?seq=${target}`),
    [navigate, channelId],
  );

  if (!channelId && channels.isSuccess && !phone) {
    // Reopen the last conversation, or else the most recently active one.
    const remembered = lastChannel();
    const open = channels.data.filter((c) => !c.archivedAt);
    const pick =
      open.find((c) => c.id === remembered) ??
      [...open].sort((a, b) => (b.lastMessageAt ?? '').localeCompare(a.lastMessageAt ?? ''))[0] ??
      null;
    if (pick) return <Navigate to={`/messages/${pick.id}`} replace />;
  }

  let main: ReactNode;
  if (!channelId) {
    main = (
      <div className="lia-channel lia-channel-empty">
        <Empty
          image={<MessageOutlined style={{ fontSize: 64, color: '#bfbfbf' }} />}
          description={t('messaging.channel.pick')}
        />
      </div>
    );
  } else if (isLoading) {
    main = (
      <div className="lia-channel lia-channel-empty">
        <Spin />
      </div>
    );
  } else if (!channel) {
    main = (
      <div className="lia-channel lia-channel-empty" data-testid="channel-missing">
        <Result
          status="404"
          title={t('messaging.channel.notFound')}
          extra={<Button onClick={() => navigate('/messages')}>{t('messaging.title')}</Button>}
        />
      </div>
    );
  } else {
    main = (
      <ChannelView
        key={channel.id}
        channel={channel}
        anchor={threadId ? null : seq}
        highlightSeq={seq}
        threadId={threadId}
        onThread={onThread}
        onJumpTo={onJumpTo}
      />
    );
  }

  return (
    <div className="lia-chat" data-testid="messaging-page" data-user={me.user.username}>
      {(!phone || !channelId) && (
        <ChannelSidebar activeId={channelId} createItems={createKinds} onCreate={setCreating} />
      )}
      {(!phone || channelId) && main}
      <NewDirectModal open={creating === 'direct'} onClose={() => setCreating(null)} />
      <NewChannelModal
        kind={creating && creating !== 'direct' ? creating : null}
        onClose={() => setCreating(null)}
        ownTeamsOnly={me.grants['channel.manage'] ? null : me.user.id}
      />
    </div>
  );
}
