import { ClockCircleOutlined, StopOutlined } from '@ant-design/icons';
import type { HeldMessage } from '@liaison/contracts';
import { Button, Tag, Tooltip, Typography } from 'antd';
import dayjs from 'dayjs';
import { useTranslation } from 'react-i18next';
import { formatDateTime } from '../../app/format.ts';
import { useMe } from '../../app/session.ts';
import { FileChip } from '../../components/Attachments.tsx';
import { UserAvatar } from '../../components/Avatars.tsx';
import { joinNames } from '../../shared/controlText.ts';
import { dismissHeld } from './held.ts';

/**
 * One of the reader's own messages a policy held (待合规审核), seen by nobody else until a
 * compliance officer approves it; or the rejection, with the reviewer's comment, until dismissed.
 */
export function HeldItem({ held }: { held: HeldMessage }) {
  const { t } = useTranslation();
  const me = useMe();
  const rejected = held.status === 'rejected';
  return (
    <div
      className={`lia-msg lia-msg-held${rejected ? ' lia-msg-rejected' : ''}`}
      data-testid="message-held"
      data-status={held.status}
      data-held-id={held.id}
    >
      <div className="lia-msg-gutter">
        <UserAvatar user={me.user} />
      </div>
      <div className="lia-msg-main">
        <div className="lia-msg-head">
          <span className="lia-msg-author">{me.user.displayName}</span>
          <Tooltip title={formatDateTime(held.createdAt)}>
            <span className="lia-msg-time">{dayjs(held.createdAt).format('HH:mm')}</span>
          </Tooltip>
          {rejected ? (
            <Tag color="red" icon={<StopOutlined />} data-testid="held-tag">
              {t('messaging.control.rejectedTag')}
            </Tag>
          ) : (
            <Tooltip title={t('messaging.control.heldHint')}>
              <Tag color="orange" icon={<ClockCircleOutlined />} data-testid="held-tag">
                {t('messaging.control.heldTag')}
              </Tag>
            </Tooltip>
          )}
          {held.rules.length > 0 && (
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {t('messaging.control.heldRules', { rules: joinNames(t, held.rules) })}
            </Typography.Text>
          )}
        </div>
        {held.body && <div className="lia-msg-content lia-pending-body">{held.body}</div>}
        {held.attachments.map((a) => (
          <FileChip key={a.id} attachment={a} extra={<span />} />
        ))}
        {rejected && (
          <div className="lia-held-decision" data-testid="held-decision">
            <Typography.Text type="danger">
              {held.reviewComment
                ? t('messaging.control.rejectedComment', { comment: held.reviewComment })
                : t('messaging.control.rejectedNoComment')}
            </Typography.Text>
            <Button size="small" onClick={() => dismissHeld(held.id)} data-testid="held-dismiss">
              {t('messaging.control.dismiss')}
            </Button>
          </div>
        )}
      </div>
    </div>
  );
}
