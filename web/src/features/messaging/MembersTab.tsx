import type { ChannelMember } from '@liaison/contracts';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { App, Button, Space, Spin, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { addChannelMembers, removeChannelMember } from '../../api/channels.ts';
import { queryKeys } from '../../api/keys.ts';
import { useApiError } from '../../app/errors.ts';
import { UserAvatar } from '../../components/Avatars.tsx';
import { PeoplePicker } from '../../components/PeoplePicker.tsx';
import { memberDetail } from '../../shared/people.ts';
import { useChat } from './ChatContext.ts';

/** Members with how they are in the channel; adding and removing where membership is by hand. */
export function MembersTab() {
  const { t } = useTranslation();
  const { modal } = App.useApp();
  const showError = useApiError();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const { channel, members, meId } = useChat();
  const [adding, setAdding] = useState<string[]>([]);
  const explicit = channel.kind === 'direct' || channel.kind === 'external';
  // A 1:1 conversation neither grows nor can be left (it would strand the other person).
  const fixed = channel.oneToOne || !!channel.archivedAt;
  // Anyone in a group conversation may invite; an external channel's owner or a manager adds.
  const canAdd = explicit && !fixed && (channel.kind === 'direct' ? channel.isMember : channel.canManage);

  const refresh = () => {
    void queryClient.invalidateQueries({ queryKey: queryKeys.channels.members(channel.id) });
    void queryClient.invalidateQueries({ queryKey: queryKeys.channels.list });
  };
  const add = useMutation({
    mutationFn: () => addChannelMembers(channel.id, adding),
    onSuccess: () => {
      setAdding([]);
      refresh();
    },
    onError: (error) => showError(error),
  });
  const remove = useMutation({
    mutationFn: (member: ChannelMember) => removeChannelMember(channel.id, member.user.id),
    onSuccess: (_data, member) => {
      refresh();
      if (member.user.id === meId) navigate('/messages');
    },
    onError: (error) => showError(error),
  });

  const confirmRemove = (member: ChannelMember) =>
    modal.confirm({
      title:
        member.user.id === meId
          ? t('messaging.info.leaveConfirm')
          : t('messaging.info.removeConfirm', { name: member.user.displayName }),
      okButtonProps: { danger: true },
      onOk: () => remove.mutateAsync(member),
    });

  const memberIds = members.map((m) => m.user.id);

  return (
    <div style={{ padding: '0 12px 16px' }}>
      {!explicit && (
        <Typography.Paragraph type="secondary" style={{ padding: '0 4px' }}>
          {t('messaging.info.followsOrg')}
        </Typography.Paragraph>
      )}
      {channel.oneToOne && (
        <Typography.Paragraph type="secondary" style={{ padding: '0 4px' }} data-testid="one-to-one-hint">
          {t('messaging.info.oneToOneHint')}
        </Typography.Paragraph>
      )}
      {canAdd && (
        <div style={{ marginBottom: 12 }}>
          <Space.Compact style={{ width: '100%' }}>
            <PeoplePicker
              mode="multiple"
              value={adding}
              onChange={setAdding}
              excludeIds={memberIds}
              counterpartyId={channel.kind === 'external' ? channel.counterparty?.id : null}
              placeholder={t('messaging.info.addMembers')}
              data-testid="members-add-picker"
            />
            <Button
              type="primary"
              disabled={adding.length === 0}
              loading={add.isPending}
              onClick={() => add.mutate()}
            >
              {t('messaging.info.addMembers')}
            </Button>
          </Space.Compact>
          {channel.kind === 'external' && channel.counterparty && (
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {t('messaging.info.addMembersHint', { name: channel.counterparty.name })}
            </Typography.Text>
          )}
        </div>
      )}
      {members.length === 0 && <Spin style={{ display: 'block', margin: 24 }} />}
      <div data-testid="member-list">
        {members.map((member) => {
          const isOwner = member.role === 'owner';
          const self = member.user.id === meId;
          // An owner hands an external channel over first; leaving a group conversation passes it on.
          const mayRemove =
            explicit &&
            !fixed &&
            (self
              ? channel.isMember && (!isOwner || channel.kind === 'direct')
              : !isOwner && channel.canManage);
          return (
            <div key={member.user.id} className="lia-member" data-testid="member-row">
              <UserAvatar user={member.user} size={28} />
              <span className="lia-member-name">
                {member.user.displayName}
                <Typography.Text type="secondary" style={{ fontSize: 12, marginInlineStart: 6 }}>
                  {memberDetail(member) ?? member.user.username}
                </Typography.Text>
              </span>
              <span className="lia-member-tags">
                {member.user.id === meId && <Tag>{t('messaging.info.youTag')}</Tag>}
                {isOwner && !channel.oneToOne && <Tag color="gold">{t('messaging.info.ownerTag')}</Tag>}
                {member.kind === 'external' && <Tag color="orange">{t('messaging.info.externalTag')}</Tag>}
                {!channel.oneToOne && <Tag variant="filled">{t(`messaging.info.via.${member.via}`)}</Tag>}
              </span>
              {mayRemove && (
                <Button
                  size="small"
                  type="link"
                  danger
                  onClick={() => confirmRemove(member)}
                  data-testid={self ? 'member-leave' : 'member-remove'}
                >
                  {self ? t('messaging.info.leave') : t('messaging.info.remove')}
                </Button>
              )}
            </div>
          );
        })}
      </div>
    </div>
  );
}
