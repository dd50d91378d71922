import type { DeptRequest, RequestPriority, RequestStatus } from '@liaison/contracts';
import { Tag, Tooltip, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { formatDateTime } from '../../app/format.ts';
import { durationText, remaining, responseState } from './requestText.ts';

const STATUS_COLOUR: Record<RequestStatus, string> = {
  open: 'gold',
  in_progress: 'processing',
  resolved: 'success',
  withdrawn: 'default',
};

export function RequestStatusTag({ status }: { status: RequestStatus }) {
  const { t } = useTranslation();
  return (
    <Tag color={STATUS_COLOUR[status]} data-testid="request-status">
      {t(`requests.statuses.${status}`)}
    </Tag>
  );
}

export function RequestPriorityTag({ priority }: { priority: RequestPriority }) {
  const { t } = useTranslation();
  if (priority === 'normal') return null;
  return (
    <Tag color="red" variant="outlined">
      {t(`requests.priorities.${priority}`)}
    </Tag>
  );
}

/** 已升级：部门负责人 (orange) / 高层领导 (red); nothing while not escalated unless asked. */
export function EscalationTag({ level, showNone = false }: { level: number; showNone?: boolean }) {
  const { t } = useTranslation();
  if (level <= 0)
    return showNone ? (
      <Typography.Text type="secondary">{t('requests.escalation.level0')}</Typography.Text>
    ) : null;
  return (
    <Tag color={level >= 2 ? 'red' : 'orange'} data-testid="request-escalation">
      {t(level >= 2 ? 'requests.escalation.level2' : 'requests.escalation.level1')}
    </Tag>
  );
}

/** The first-response deadline: time left, time late (red), or how the answer came. */
export function ResponseDue({
  request,
  now,
}: {
  request: Pick<DeptRequest, 'firstRespondedAt' | 'respondedInTime' | 'status' | 'responseDueAt'>;
  now: Date;
}) {
  const { t } = useTranslation();
  const state = responseState(request, now);
  const due = formatDateTime(request.responseDueAt);
  const body = (() => {
    switch (state) {
      case 'waiting':
        return (
          <span>
            {t('requests.due.left', { time: durationText(t, remaining(request.responseDueAt, now)) })}
          </span>
        );
      case 'late':
        return (
          <Typography.Text type="danger" strong>
            {t('requests.due.late', { time: durationText(t, remaining(request.responseDueAt, now)) })}
          </Typography.Text>
        );
      case 'inTime':
        return <Typography.Text type="success">{t('requests.due.respondedInTime')}</Typography.Text>;
      case 'answeredLate':
        return <Typography.Text type="warning">{t('requests.due.respondedLate')}</Typography.Text>;
      case 'closed':
        return <Typography.Text type="secondary">{t('requests.due.closed')}</Typography.Text>;
    }
  })();
  return (
    <Tooltip title={`${t('requests.field.responseDue')}：${due}`}>
      <span data-testid="request-due" data-state={state}>
        {body}
      </span>
    </Tooltip>
  );
}
