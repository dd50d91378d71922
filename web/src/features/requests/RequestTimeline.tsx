import type { DeptRequestDetail, RequestEvent } from '@liaison/contracts';
import { Flex, Timeline, Tooltip, Typography } from 'antd';
import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import { formatDateTime, fromNow } from '../../app/format.ts';

const EVENT_COLOUR: Record<RequestEvent['type'], string> = {
  raised: 'blue',
  responded: 'green',
  replied: 'blue',
  assigned: 'purple',
  reminded: 'orange',
  escalated: 'red',
  resolved: 'green',
  withdrawn: 'gray',
  reopened: 'blue',
};

/** "升级至部门负责人", "指派给 陈静", or the event's own name. */
function eventLabel(t: TFunction, event: RequestEvent): string {
  if (event.type === 'escalated' && event.level)
    return t('requests.detail.escalatedTo', {
      level: t(event.level >= 2 ? 'requests.detail.levelNames.level2' : 'requests.detail.levelNames.level1'),
    });
  if (event.type === 'assigned' && event.target)
    return t('requests.detail.assignedTo', { name: event.target.displayName });
  return t(`requests.events.${event.type}`);
}

/** 处理记录: every step of the request, oldest first. */
export function RequestTimeline({ request }: { request: DeptRequestDetail }) {
  const { t } = useTranslation();
  return (
    <Timeline
      data-testid="request-timeline"
      items={request.events.map((event) => ({
        key: event.id,
        color: EVENT_COLOUR[event.type],
        content: (
          <div data-testid="request-event" data-type={event.type}>
            <Flex justify="space-between" gap={12}>
              <span>
                <Typography.Text strong>
                  {event.actor?.displayName ?? t('requests.detail.system')}
                </Typography.Text>{' '}
                {eventLabel(t, event)}
              </span>
              <Tooltip title={formatDateTime(event.at)}>
                <Typography.Text type="secondary" style={{ whiteSpace: 'nowrap', fontSize: 12 }}>
                  {fromNow(event.at)}
                </Typography.Text>
              </Tooltip>
            </Flex>
            {event.body && <div className="lia-request-event-body">{event.body}</div>}
          </div>
        ),
      }))}
    />
  );
}
