import type { Channel } from '@liaison/contracts';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { App, Button, Descriptions, Modal, Typography } from 'antd';
import { useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { archiveChannel, updateChannel } from '../../api/channels.ts';
import { queryKeys } from '../../api/keys.ts';
import { useApiError } from '../../app/errors.ts';
import { formatDateTime } from '../../app/format.ts';
import { PeoplePicker } from '../../components/PeoplePicker.tsx';
import { memberAsPerson } from '../../shared/people.ts';
import { useChat } from './ChatContext.ts';
import { useReplaceChannel } from './queries.ts';

/** Name, topic and scope of the channel; its owner (or a manager) renames, edits the topic, archives. */
export function AboutTab() {
  const { t } = useTranslation();
  const { message, modal } = App.useApp();
  const showError = useApiError();
  const { channel } = useChat();
  const replace = useReplaceChannel();
  const manage = channel.canManage;
  // Nobody runs a 1:1 conversation (the server says canManage: false there), so it is never renamed.
  const renamable = manage && !channel.oneToOne;
  const [transferring, setTransferring] = useState(false);

  const update = useMutation({
    mutationFn: (patch: { name?: string; topic?: string | null }) => updateChannel(channel.id, patch),
    onSuccess: (next: Channel) => {
      replace(next);
      message.success(t('messaging.info.saved'));
    },
    onError: (error) => showError(error),
  });
  const archive = useMutation({
    mutationFn: (archived: boolean) => archiveChannel(channel.id, archived),
    onSuccess: (next: Channel) => {
      replace(next);
      message.success(next.archivedAt ? t('messaging.info.archived') : t('messaging.info.unarchived'));
    },
    onError: (error) => showError(error),
  });

  const items = [
    {
      key: 'name',
      label: t('messaging.info.name'),
      children: (
        <Typography.Text
          editable={
            renamable
              ? {
                  tooltip: t('messaging.info.rename'),
                  onChange: (name) =>
                    name.trim() && name.trim() !== channel.name && update.mutate({ name: name.trim() }),
                }
              : false
          }
          data-testid="info-name"
        >
          {channel.name}
        </Typography.Text>
      ),
    },
    {
      key: 'topic',
      label: t('messaging.info.topic'),
      children: (
        <Typography.Paragraph
          style={{ margin: 0, whiteSpace: 'pre-wrap' }}
          type={channel.topic ? undefined : 'secondary'}
          editable={
            manage
              ? {
                  tooltip: t('messaging.info.editTopic'),
                  text: channel.topic ?? '',
                  onChange: (topic) =>
                    topic !== (channel.topic ?? '') && update.mutate({ topic: topic.trim() || null }),
                }
              : false
          }
          data-testid="info-topic"
        >
          {channel.topic ?? t('messaging.info.noTopic')}
        </Typography.Paragraph>
      ),
    },
    { key: 'kind', label: t('messaging.info.kind'), children: t(`messaging.kinds.${channel.kind}`) },
    // Nobody owns a 1:1 conversation.
    !channel.oneToOne && (channel.owner || manage)
      ? {
          key: 'owner',
          label: t('messaging.info.owner'),
          children: (
            <span data-testid="info-owner">
              {channel.owner?.displayName ?? '—'}
              {manage && !channel.oneToOne && !channel.archivedAt && (
                <Button
                  type="link"
                  size="small"
                  onClick={() => setTransferring(true)}
                  data-testid="info-transfer-owner"
                >
                  {t('messaging.info.transferOwner')}
                </Button>
              )}
            </span>
          ),
        }
      : null,
    channel.department
      ? { key: 'department', label: t('messaging.info.department'), children: channel.department.name }
      : null,
    channel.team ? { key: 'team', label: t('messaging.info.team'), children: channel.team.name } : null,
    channel.counterparty
      ? { key: 'counterparty', label: t('messaging.info.counterparty'), children: channel.counterparty.name }
      : null,
    { key: 'created', label: t('messaging.info.createdAt'), children: formatDateTime(channel.createdAt) },
  ].filter((item) => item !== null);

  return (
    <div style={{ padding: '0 16px 16px' }}>
      <Descriptions column={1} size="small" items={items} />
      {manage && !channel.oneToOne && (
        <Button
          block
          danger={!channel.archivedAt}
          style={{ marginTop: 16 }}
          loading={archive.isPending}
          data-testid="info-archive"
          onClick={() =>
            channel.archivedAt
              ? archive.mutate(false)
              : modal.confirm({
                  title: t('messaging.info.archiveConfirm', { name: channel.name }),
                  okButtonProps: { danger: true },
                  onOk: () => archive.mutateAsync(true),
                })
          }
        >
          {channel.archivedAt ? t('messaging.info.unarchive') : t('messaging.info.archive')}
        </Button>
      )}
      <TransferOwnerModal open={transferring} onClose={() => setTransferring(false)} />
    </div>
  );
}

/**
 * 转让群主. In a group conversation or an external channel the new owner must already be in it
 * (an employee); a department, team or all-hands group may be handed to any employee.
 */
function TransferOwnerModal({ open, onClose }: { open: boolean; onClose: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const showError = useApiError();
  const queryClient = useQueryClient();
  const replace = useReplaceChannel();
  const { channel, members } = useChat();
  const [ownerId, setOwnerId] = useState<string | null>(null);
  const explicit = channel.kind === 'direct' || channel.kind === 'external';
  const within = useMemo(
    () => (explicit ? members.filter((m) => m.kind === 'employee').map(memberAsPerson) : undefined),
    [explicit, members],
  );

  useEffect(() => {
    if (open) setOwnerId(null);
  }, [open]);

  const transfer = useMutation({
    mutationFn: (id: string) => updateChannel(channel.id, { ownerId: id }),
    onSuccess: (next: Channel) => {
      replace(next);
      void queryClient.invalidateQueries({ queryKey: queryKeys.channels.members(channel.id) });
      message.success(t('messaging.info.ownerChanged', { name: next.owner?.displayName ?? '' }));
      onClose();
    },
    onError: (error) => showError(error),
  });

  return (
    <Modal
      open={open}
      title={t('messaging.info.transferOwner')}
      onCancel={onClose}
      onOk={() => ownerId && transfer.mutate(ownerId)}
      okButtonProps={{ disabled: !ownerId }}
      confirmLoading={transfer.isPending}
      destroyOnHidden
      data-testid="transfer-owner-modal"
    >
      <Typography.Paragraph type="secondary">
        {explicit ? t('messaging.info.transferHintMembers') : t('messaging.info.transferHintAnyone')}
      </Typography.Paragraph>
      <PeoplePicker
        value={ownerId}
        onChange={setOwnerId}
        within={within}
        includeMe
        excludeIds={channel.owner ? [channel.owner.id] : []}
        placeholder={t('messaging.info.newOwner')}
        data-testid="transfer-owner-picker"
      />
    </Modal>
  );
}
