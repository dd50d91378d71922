import { CONTROL_ACTIONS, REVIEW_STATUSES } from '@liaison/contracts';
import { Button, DatePicker, Flex, Select } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useTranslation } from 'react-i18next';
import type { ControlEventFilters } from '../../api/control.ts';
import { useCan } from '../../app/session.ts';
import { ChannelIdSelect } from '../../components/ChannelIdSelect.tsx';
import { UserPicker } from '../../components/UserPicker.tsx';
import { useDatePresets } from '../../shared/datePresets.ts';

export const DEFAULT_REVIEW_FILTERS: ControlEventFilters = { status: 'todo' };

/** 待处理 (everything still to look at) first, then each state; cleared means every state. */
const STATUS_OPTIONS = ['todo', ...REVIEW_STATUSES] as const;

export function ReviewFilterBar({
  value,
  onChange,
}: {
  value: ControlEventFilters;
  onChange: (next: ControlEventFilters) => void;
}) {
  const { t } = useTranslation();
  const allowed = useCan();
  const presets = useDatePresets();
  const range: [Dayjs, Dayjs] | null = value.from && value.to ? [dayjs(value.from), dayjs(value.to)] : null;
  return (
    <Flex wrap gap={12} style={{ marginBottom: 16 }}>
      <Select
        data-testid="review-status-filter"
        style={{ width: 120 }}
        allowClear
        placeholder={t('control.review.allStatuses')}
        value={value.status}
        onChange={(status) => onChange({ ...value, status })}
        options={STATUS_OPTIONS.map((status) => ({ value: status, label: t(`control.statuses.${status}`) }))}
      />
      <Select
        data-testid="review-action-filter"
        style={{ width: 130 }}
        allowClear
        placeholder={t('control.review.allActions')}
        value={value.action}
        onChange={(action) => onChange({ ...value, action })}
        options={CONTROL_ACTIONS.map((action) => ({ value: action, label: t(`control.actions.${action}`) }))}
      />
      {allowed('user.read') && (
        <div style={{ width: 150 }}>
          <UserPicker
            value={value.senderId ?? null}
            onChange={(senderId) => onChange({ ...value, senderId: senderId ?? undefined })}
            placeholder={t('control.review.sender')}
          />
        </div>
      )}
      <ChannelIdSelect
        value={value.channelId}
        onChange={(channelId) => onChange({ ...value, channelId })}
        placeholder={t('control.review.allChannels')}
      />
      <DatePicker.RangePicker
        style={{ width: 260 }}
        value={range}
        presets={presets}
        onChange={(dates) =>
          onChange({
            ...value,
            from: dates?.[0]?.startOf('day').toISOString(),
            to: dates?.[1]?.endOf('day').toISOString(),
          })
        }
      />
      <Button onClick={() => onChange(DEFAULT_REVIEW_FILTERS)}>{t('common.reset')}</Button>
    </Flex>
  );
}
