import { AUDIT_ACTIONS } from '@liaison/contracts';
import { AutoComplete, DatePicker, Flex } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import type { AuditFilters } from '../../api/audit.ts';
import { useCan } from '../../app/session.ts';
import { actionName, auditGroupName } from '../../components/labels.ts';
import { UserPicker } from '../../components/UserPicker.tsx';

/** Every prefix the catalogue uses, so actions added by later modules appear without a code change here. */
const GROUPS = [...new Set(AUDIT_ACTIONS.map((action) => action.split('.')[0] ?? action))];

interface Props {
  value: AuditFilters;
  onChange: (next: AuditFilters) => void;
}

export function AuditFilterBar({ value, onChange }: Props) {
  const { t } = useTranslation();
  const allowed = useCan();

  const actionOptions = useMemo(
    () =>
      GROUPS.map((group) => {
        const label = auditGroupName(t, group);
        return {
          label,
          options: [
            { value: `${group}.`, label: `${group}.  ${t('audit.prefixAll', { group: label })}` },
            ...AUDIT_ACTIONS.filter((action) => action.startsWith(`${group}.`)).map((action) => ({
              value: action,
              label: `${action}  ${actionName(t, action)}`,
            })),
          ],
        };
      }),
    [t],
  );

  const range: [Dayjs, Dayjs] | null = value.from && value.to ? [dayjs(value.from), dayjs(value.to)] : null;

  return (
    <Flex wrap gap={12}>
      <AutoComplete
        data-testid="audit-action-filter"
        style={{ width: 280 }}
        allowClear
        value={value.action}
        options={actionOptions}
        placeholder={t('audit.actionPlaceholder')}
        showSearch={{
          filterOption: (input, option) =>
            !input ||
            String(option?.label ?? '')
              .toLowerCase()
              .includes(input.toLowerCase()),
        }}
        onChange={(action: string | undefined) => onChange({ ...value, action: action?.trim() || undefined })}
      />
      {allowed('user.read') && (
        <div style={{ width: 220 }}>
          <UserPicker
            value={value.actorId ?? null}
            onChange={(actorId) => onChange({ ...value, actorId: actorId ?? undefined })}
            placeholder={t('audit.actorPlaceholder')}
          />
        </div>
      )}
      <DatePicker.RangePicker
        value={range}
        presets={[
          { label: t('audit.presetToday'), value: [dayjs().startOf('day'), dayjs().endOf('day')] },
          {
            label: t('audit.presetWeek'),
            value: [dayjs().subtract(6, 'day').startOf('day'), dayjs().endOf('day')],
          },
          {
            label: t('audit.presetMonth'),
            value: [dayjs().subtract(29, 'day').startOf('day'), dayjs().endOf('day')],
          },
        ]}
        onChange={(dates) =>
          onChange({
            ...value,
            from: dates?.[0]?.startOf('day').toISOString(),
            to: dates?.[1]?.endOf('day').toISOString(),
          })
        }
      />
    </Flex>
  );
}
