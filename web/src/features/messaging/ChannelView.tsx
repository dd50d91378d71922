import type { Channel, Message, TaskDetail } from '@liaison/contracts';
import { Alert, App } from 'antd';
import { useCallback, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { formatDateTime } from '../../app/format.ts';
import { useCan, useMe } from '../../app/session.ts';
import { TaskDrawer, type TaskDrawerState } from '../../components/tasks/TaskDrawer.tsx';
import { taskNumber } from '../../shared/taskText.ts';
import { ChannelHeader } from './ChannelHeader.tsx';
import { ChannelInfoPanel, type InfoTab } from './ChannelInfoPanel.tsx';
import { ChatContext, type ChatContextValue } from './ChatContext.ts';
import { Composer } from './Composer.tsx';
import { HistoryModal } from './HistoryModal.tsx';
import { MessageList } from './MessageList.tsx';
import { ModerateModal } from './ModerateModal.tsx';
import type { MentionTarget } from './markdown.ts';
import { messageTaskDraft } from './messageTask.ts';
import { PinnedBanner } from './PinnedBanner.tsx';
import { isAuditor, useChannelMembers } from './queries.ts';
import { ThreadPanel } from './ThreadPanel.tsx';
import { useMarkRead } from './useMarkRead.ts';
import { useMessageActions } from './useMessageActions.ts';

function composerNote(
  channel: Channel,
): 'archivedNotice' | 'broadcastOnly' | 'notMember' | 'cannotPost' | null {
  if (channel.canPost) return null;
  if (channel.archivedAt) return 'archivedNotice';
  if (!channel.isMember) return 'notMember';
  if (channel.kind === 'all_hands') return 'broadcastOnly';
  return 'cannotPost';
}

/**
 * One open conversation: header, messages, composer, and the panel on the right (a thread or the
 * channel's details). `anchor` is the seq the main list opens around (a deep link), `highlightSeq`
 * the message or reply to flash, `threadId` an open thread.
 */
export function ChannelView({
  channel,
  anchor,
  highlightSeq,
  threadId,
  onThread,
  onJumpTo,
}: {
  channel: Channel;
  anchor: number | null;
  highlightSeq: number | null;
  threadId: string | null;
  onThread: (rootId: string | null) => void;
  onJumpTo: (seq: number | null) => void;
}) {
  const { t } = useTranslation();
  const { message: toast } = App.useApp();
  const me = useMe();
  const canTask = useCan()('task.use');
  const navigate = useNavigate();
  const members = useChannelMembers(channel.id);
  const [info, setInfo] = useState<InfoTab | null>(null);
  const [moderating, setModerating] = useState<Message | null>(null);
  const [history, setHistory] = useState<Message | null>(null);
  const [taskDrawer, setTaskDrawer] = useState<TaskDrawerState>(null);
  // The root as it was when the thread was opened; the panel prefers the live copy in the timeline.
  const [openedRoot, setOpenedRoot] = useState<Message | null>(null);
  const { moderate } = useMessageActions();
  useMarkRead(channel);

  const value = useMemo<ChatContextValue>(() => {
    const list = members.data ?? [];
    const mentionTargets = new Map<string, MentionTarget>(
      list.map((m) => [m.user.username, { displayName: m.user.displayName, me: m.user.id === me.user.id }]),
    );
    return {
      channel,
      meId: me.user.id,
      auditor: isAuditor(me),
      members: list,
      membersById: new Map(list.map((m) => [m.user.id, m])),
      mentionTargets,
      openThread: (root) => {
        setInfo(null);
        setOpenedRoot(root);
        onThread(root.id);
      },
      toTask: canTask
        ? (message) => {
            const author = message.author?.displayName ?? t('messaging.message.unknownAuthor');
            const byline = t('messaging.toTask.byline', { author, time: formatDateTime(message.createdAt) });
            setTaskDrawer({ mode: 'create', draft: messageTaskDraft(message, channel, author, byline) });
          }
        : null,
      highlightSeq,
    };
  }, [channel, me, members.data, onThread, highlightSeq, canTask, t]);

  // The toast lives outside the router, so its link navigates by hand.
  const taskCreated = useCallback(
    (task: TaskDetail) => {
      const key = `task-created-${task.id}`;
      const path = `/tasks/${task.id}`;
      toast.success({
        key,
        duration: 8,
        content: (
          <span data-testid="task-created-toast">
            {t('messaging.toTask.created', { number: taskNumber(task) })}{' '}
            <a
              href={path}
              onClick={(event) => {
                event.preventDefault();
                toast.destroy(key);
                navigate(path);
              }}
              data-testid="task-created-link"
            >
              {t('messaging.toTask.view')}
            </a>
          </span>
        ),
      });
    },
    [toast, t, navigate],
  );

  const note = composerNote(channel);
  const jumpLatest = useCallback(() => onJumpTo(null), [onJumpTo]);

  return (
    <ChatContext.Provider value={value}>
      <section className="lia-channel" data-testid="channel-view" data-channel-id={channel.id}>
        <ChannelHeader
          onInfo={(tab) => {
            onThread(null);
            setInfo((current) => (current === tab ? null : tab));
          }}
        />
        <PinnedBanner
          onOpen={() => {
            onThread(null);
            setInfo('pinned');
          }}
        />
        {channel.kind === 'external' && channel.counterparty && me.user.kind === 'employee' && (
          <Alert
            type="warning"
            banner
            showIcon
            title={t('messaging.channel.externalNotice', { name: channel.counterparty.name })}
          />
        )}
        <MessageList
          key={`${channel.id}-${anchor ?? 'latest'}`}
          anchor={anchor}
          onJumpLatest={jumpLatest}
          onModerate={setModerating}
          onHistory={setHistory}
        />
        {note ? (
          <div className="lia-composer-note" data-testid="composer-note">
            {t(`messaging.channel.${note}`)}
          </div>
        ) : (
          <Composer key={channel.id} threadId={null} onSent={anchor !== null ? jumpLatest : undefined} />
        )}
      </section>
      {threadId && (
        <ThreadPanel
          key={threadId}
          rootId={threadId}
          anchor={anchor}
          openedRoot={openedRoot?.id === threadId ? openedRoot : null}
          onClose={() => onThread(null)}
          onModerate={setModerating}
          onHistory={setHistory}
        />
      )}
      {!threadId && info && (
        <ChannelInfoPanel
          tab={info}
          onTab={setInfo}
          onClose={() => setInfo(null)}
          onJump={(message) => navigate(`/messages/${channel.id}?seq=${message.seq}`)}
        />
      )}
      <ModerateModal
        message={moderating}
        pending={moderate.isPending}
        onClose={() => setModerating(null)}
        onSubmit={(reason) =>
          moderating &&
          moderate.mutate({ message: moderating, reason }, { onSuccess: () => setModerating(null) })
        }
      />
      <HistoryModal message={history} onClose={() => setHistory(null)} />
      {canTask && (
        <TaskDrawer state={taskDrawer} onClose={() => setTaskDrawer(null)} onCreated={taskCreated} />
      )}
    </ChatContext.Provider>
  );
}
