import { CommentOutlined, SearchOutlined } from '@ant-design/icons';
import type { MessageSearchHit } from '@liaison/contracts';
import { useInfiniteQuery } from '@tanstack/react-query';
import { Button, Card, DatePicker, Empty, Flex, Input, Select, Spin, Tag, Typography } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import { queryKeys } from '../../api/keys.ts';
import { type SearchParams, searchMessages } from '../../api/messages.ts';
import { formatDateTime } from '../../app/format.ts';
import { useMe } from '../../app/session.ts';
import { UserAvatar } from '../../components/Avatars.tsx';
import { PageHeader } from '../../components/PageHeader.tsx';
import { useCompanyChannels } from '../../shared/queries/channels.ts';
import { Highlighted } from './Highlighted.tsx';
import { isAuditor } from './queries.ts';
import './search.css';

const PAGE = 20;

/** Where a hit opens: the channel around the message, or its thread with the reply highlighted. */
export function hitLink(hit: MessageSearchHit): string {
  const params = new URLSearchParams({ seq: String(hit.seq) });
  if (hit.threadId) params.set('thread', hit.threadId);
  return `/messages/${hit.channel.id}?${params.toString()}`;
}

function SearchHit({ hit }: { hit: MessageSearchHit }) {
  const { t } = useTranslation();
  return (
    <Link to={hitLink(hit)} className="lia-search-hit" data-testid="search-hit">
      <div className="lia-search-meta">
        <UserAvatar user={hit.author} size={20} />
        <Typography.Text strong>{hit.author?.displayName ?? '—'}</Typography.Text>
        <span>{formatDateTime(hit.createdAt)}</span>
        <Tag variant="filled" data-testid="search-hit-channel">
          {hit.channel.name}
        </Tag>
        {hit.threadId && (
          <Tag icon={<CommentOutlined />} color="blue">
            {t('messaging.search.inThread')}
          </Tag>
        )}
      </div>
      <div className="lia-search-snippet" data-testid="search-hit-snippet">
        <Highlighted text={hit.snippet} ranges={hit.highlights} />
      </div>
    </Link>
  );
}

/** 消息搜索: full-text search over what the reader may read, with channel and date filters in the URL. */
export default function SearchPage() {
  const { t } = useTranslation();
  const me = useMe();
  // Compliance officers search every channel, so they may narrow to any of them.
  const channels = useCompanyChannels();
  const [params, setParams] = useSearchParams();
  const q = params.get('q')?.trim() ?? '';
  const channelId = params.get('channelId') ?? undefined;
  const from = params.get('from') ?? undefined;
  const to = params.get('to') ?? undefined;
  const [text, setText] = useState(q);
  useEffect(() => setText(q), [q]);

  const filters: SearchParams = { q, channelId, from, to };
  const results = useInfiniteQuery({
    queryKey: queryKeys.search(filters),
    queryFn: ({ pageParam }) => searchMessages({ ...filters, limit: PAGE, offset: pageParam }),
    initialPageParam: 0,
    getNextPageParam: (last, pages) => (last.hasMore ? pages.length * PAGE : undefined),
    enabled: q.length > 0,
  });
  const hits = results.data?.pages.flatMap((page) => page.items) ?? [];
  const terms = results.data?.pages[0]?.terms ?? [];

  const update = (patch: Record<string, string | undefined>) =>
    setParams((current) => {
      const next = new URLSearchParams(current);
      for (const [key, value] of Object.entries(patch)) {
        if (value) next.set(key, value);
        else next.delete(key);
      }
      return next;
    });

  const range: [Dayjs, Dayjs] | null = from && to ? [dayjs(from), dayjs(to)] : null;

  return (
    <div data-testid="search-page">
      <PageHeader
        title={t('messaging.searchTitle')}
        subtitle={isAuditor(me) ? t('messaging.search.auditScope') : t('messaging.search.prompt')}
      />
      <Card>
        <Flex gap={12} wrap>
          <Input.Search
            style={{ flex: '1 1 320px' }}
            size="large"
            allowClear
            enterButton={
              <span>
                <SearchOutlined /> {t('messaging.search.submit')}
              </span>
            }
            placeholder={t('messaging.search.placeholder')}
            value={text}
            onChange={(event) => setText(event.target.value)}
            onSearch={(value) => update({ q: value.trim() || undefined })}
            data-testid="search-input"
          />
          <Select
            size="large"
            style={{ width: 240 }}
            allowClear
            showSearch={{ optionFilterProp: 'label' }}
            placeholder={t('messaging.search.allChannels')}
            value={channelId}
            onChange={(value?: string) => update({ channelId: value })}
            options={(channels.data ?? []).map((c) => ({ value: c.id, label: c.name }))}
            data-testid="search-channel"
          />
          <DatePicker.RangePicker
            size="large"
            value={range}
            onChange={(dates) =>
              update({
                from: dates?.[0]?.startOf('day').format() ?? undefined,
                to: dates?.[1]?.endOf('day').format() ?? undefined,
              })
            }
            data-testid="search-dates"
          />
        </Flex>
      </Card>
      <Card style={{ marginTop: 16 }} styles={{ body: { padding: 0 } }}>
        {!q && <Empty style={{ padding: 48 }} description={t('messaging.search.prompt')} />}
        {q && results.isLoading && <Spin style={{ display: 'block', padding: 48 }} />}
        {q && results.isSuccess && (
          <>
            <Flex justify="space-between" style={{ padding: '12px 16px', borderBottom: '1px solid #f0f0f0' }}>
              <Typography.Text data-testid="search-count">
                {results.hasNextPage
                  ? t('messaging.search.resultsMore', { count: hits.length })
                  : t('messaging.search.results', { count: hits.length })}
              </Typography.Text>
              {terms.length > 0 && (
                <Typography.Text type="secondary">
                  {t('messaging.search.terms', { terms: terms.join(' / ') })}
                </Typography.Text>
              )}
            </Flex>
            {hits.length === 0 && <Empty style={{ padding: 48 }} description={t('messaging.search.none')} />}
            <div data-testid="search-results">
              {hits.map((hit) => (
                <SearchHit key={hit.messageId} hit={hit} />
              ))}
            </div>
            {results.hasNextPage && (
              <Button
                type="link"
                block
                loading={results.isFetchingNextPage}
                onClick={() => void results.fetchNextPage()}
              >
                {t('messaging.search.loadMore')}
              </Button>
            )}
          </>
        )}
      </Card>
    </div>
  );
}
