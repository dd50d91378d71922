import type { Channel } from '@liaison/contracts';
import { Select, Tag, Typography } from 'antd';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { useCompanyChannels } from '../shared/queries/channels.ts';

interface Option {
  value: string;
  label: string;
  channel: Channel | null;
}

/** A channel by name (or organisation, department, team), for legal holds and archives. */
export function ChannelIdSelect({
  value,
  onChange,
  known = [],
  placeholder,
  id,
  'data-testid': testId,
}: {
  value?: string;
  onChange?: (value: string | undefined) => void;
  /** Channels seen elsewhere on the page (archives, holds) with their names, in case they are not listed. */
  known?: readonly { id: string; name: string }[];
  placeholder?: string;
  id?: string;
  'data-testid'?: string;
}) {
  const { t } = useTranslation();
  const channels = useCompanyChannels();
  const options = useMemo(() => {
    const list: Option[] = (channels.data ?? [])
      .slice()
      .sort((a, b) => a.name.localeCompare(b.name, 'zh-CN'))
      .map((channel) => ({
        value: channel.id,
        // Searched by name and by the organisation the channel belongs to.
        label: [channel.name, channel.counterparty?.name, channel.department?.name, channel.team?.name]
          .filter(Boolean)
          .join(' '),
        channel,
      }));
    const listed = new Set(list.map((o) => o.value));
    for (const c of known) if (!listed.has(c.id)) list.push({ value: c.id, label: c.name, channel: null });
    return list;
  }, [channels.data, known]);
  return (
    <Select<string, Option>
      id={id}
      data-testid={testId}
      allowClear
      value={value}
      onChange={(next) => onChange?.(next)}
      placeholder={placeholder ?? t('compliance.archives.filterChannel')}
      showSearch={{ optionFilterProp: 'label' }}
      loading={channels.isLoading}
      options={options}
      labelRender={({ value: selected }) => {
        const option = options.find((o) => o.value === selected);
        return option?.channel?.name ?? option?.label ?? selected;
      }}
      optionRender={({ data }) =>
        data.channel ? (
          <span data-testid="channel-option">
            <span>{data.channel.name}</span>
            <Tag variant="filled" style={{ marginInlineStart: 8 }}>
              {t(`messaging.kinds.${data.channel.kind}`)}
            </Tag>
            {data.channel.archivedAt && <Tag>{t('messaging.channel.archived')}</Tag>}
            {!data.channel.isMember && (
              <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                {t('compliance.channels.notMember')}
              </Typography.Text>
            )}
          </span>
        ) : (
          data.label
        )
      }
      popupMatchSelectWidth={false}
      style={{ minWidth: 240 }}
    />
  );
}
