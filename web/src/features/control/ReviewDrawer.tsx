import type { ControlEvent, ReviewRequest } from '@liaison/contracts';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import {
  Alert,
  App,
  Button,
  Descriptions,
  Drawer,
  Empty,
  Flex,
  Input,
  Space,
  Spin,
  Table,
  Tag,
  Typography,
} from 'antd';
import { useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { decideControlEvent, getControlEvent } from '../../api/control.ts';
import { queryKeys } from '../../api/keys.ts';
import { useApiError } from '../../app/errors.ts';
import { formatDateTime, formatDateTimeSeconds } from '../../app/format.ts';
import { FileChip } from '../../components/Attachments.tsx';
import { kindName, percent } from '../../shared/controlText.ts';
import { ActionTag, OutcomeTag, StatusTag } from './ControlTags.tsx';
import { HighlightedContent } from './HighlightedContent.tsx';

type Decision = ReviewRequest['decision'];

/** What can be decided in each state: held messages are approved or rejected, matches reviewed. */
function decisionsFor(event: ControlEvent): Decision[] {
  if (event.status === 'pending') return ['approve', 'reject', 'false_positive'];
  if (event.status === 'open') return ['reviewed', 'false_positive'];
  return [];
}

/**
 * One item of the review queue: the content with what matched marked, the files, the sender's
 * reason, each rule match with its kinds and confidence, and the decision.
 */
export function ReviewDrawer({ eventId, onClose }: { eventId: string | null; onClose: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const showError = useApiError();
  const queryClient = useQueryClient();
  const [comment, setComment] = useState('');
  const [commentError, setCommentError] = useState(false);
  const query = useQuery({
    queryKey: queryKeys.control.event(eventId ?? ''),
    queryFn: () => getControlEvent(eventId!),
    enabled: eventId !== null,
  });
  const event = query.data;

  useEffect(() => {
    if (eventId) {
      setComment('');
      setCommentError(false);
    }
  }, [eventId]);

  const decide = useMutation({
    mutationFn: (decision: Decision) =>
      decideControlEvent(eventId!, { decision, comment: comment.trim() || null }),
    onSuccess: (updated, decision) => {
      queryClient.setQueryData(queryKeys.control.event(updated.id), updated);
      void queryClient.invalidateQueries({ queryKey: queryKeys.control.events });
      message.success(t(`control.review.decided.${decision}`));
      setComment('');
    },
    onError: (error) => {
      showError(error);
      // Someone else decided first: show what they decided.
      void query.refetch();
    },
  });

  const names = useMemo(() => {
    const byDetector = new Map<string, string>();
    for (const m of event?.matches ?? []) for (const k of m.kinds) byDetector.set(k.detector, kindName(t, k));
    return (detector: string) => byDetector.get(detector) ?? detector;
  }, [event, t]);

  const run = (decision: Decision) => {
    if (decision === 'reject' && !comment.trim()) {
      setCommentError(true);
      return;
    }
    decide.mutate(decision);
  };

  const decisions = event ? decisionsFor(event) : [];
  return (
    <Drawer
      open={eventId !== null}
      onClose={onClose}
      size={720}
      title={t('control.review.detailTitle')}
      data-testid="review-drawer"
      footer={
        decisions.length > 0 && (
          <Flex vertical gap={8}>
            <Input.TextArea
              value={comment}
              onChange={(e) => {
                setComment(e.target.value);
                setCommentError(false);
              }}
              status={commentError ? 'error' : undefined}
              autoSize={{ minRows: 2, maxRows: 4 }}
              maxLength={1000}
              placeholder={
                decisions.includes('reject')
                  ? t('control.review.commentPlaceholderHeld')
                  : t('control.review.commentPlaceholder')
              }
              data-testid="review-comment"
            />
            {commentError && (
              <Typography.Text type="danger">{t('control.review.rejectNeedsComment')}</Typography.Text>
            )}
            <Flex justify="flex-end" gap={8}>
              {decisions.includes('false_positive') && (
                <Button
                  onClick={() => run('false_positive')}
                  loading={decide.isPending && decide.variables === 'false_positive'}
                  data-testid="review-false-positive"
                >
                  {t('control.review.falsePositive')}
                </Button>
              )}
              {decisions.includes('reject') && (
                <Button
                  danger
                  onClick={() => run('reject')}
                  loading={decide.isPending && decide.variables === 'reject'}
                  data-testid="review-reject"
                >
                  {t('control.review.reject')}
                </Button>
              )}
              {decisions.includes('reviewed') && (
                <Button
                  type="primary"
                  onClick={() => run('reviewed')}
                  loading={decide.isPending && decide.variables === 'reviewed'}
                  data-testid="review-reviewed"
                >
                  {t('control.review.markReviewed')}
                </Button>
              )}
              {decisions.includes('approve') && (
                <Button
                  type="primary"
                  onClick={() => run('approve')}
                  loading={decide.isPending && decide.variables === 'approve'}
                  data-testid="review-approve"
                >
                  {t('control.review.approve')}
                </Button>
              )}
            </Flex>
          </Flex>
        )
      }
    >
      {query.isLoading && <Spin style={{ display: 'block', margin: 48 }} />}
      {event && (
        <>
          {event.status === 'pending' && (
            <Alert
              type="warning"
              showIcon
              title={t('control.review.heldNotice')}
              style={{ marginBottom: 16 }}
            />
          )}
          <Descriptions
            size="small"
            column={2}
            bordered
            items={[
              { key: 'at', label: t('control.review.at'), children: formatDateTimeSeconds(event.at) },
              {
                key: 'sender',
                label: t('control.review.sender'),
                children: event.sender?.displayName ?? '—',
              },
              { key: 'channel', label: t('control.review.channel'), children: event.channel?.name ?? '—' },
              {
                key: 'counterparty',
                label: t('control.review.counterparty'),
                children: event.counterparty?.name ?? t(`control.directions.${event.direction}`),
              },
              {
                key: 'action',
                label: t('control.review.action'),
                children: <ActionTag action={event.action} />,
              },
              {
                key: 'outcome',
                label: t('control.review.outcome'),
                children: <OutcomeTag outcome={event.outcome} />,
              },
              {
                key: 'status',
                label: t('control.review.status'),
                span: 2,
                children: (
                  <Space wrap>
                    <StatusTag status={event.status} />
                    {event.reviewedBy && (
                      <Typography.Text type="secondary">
                        {t('control.review.reviewedBy', {
                          name: event.reviewedBy.displayName,
                          time: formatDateTime(event.reviewedAt),
                        })}
                      </Typography.Text>
                    )}
                  </Space>
                ),
              },
              ...(event.reviewComment
                ? [
                    {
                      key: 'comment',
                      label: t('control.review.comment'),
                      span: 2,
                      children: event.reviewComment,
                    },
                  ]
                : []),
            ]}
          />

          <div className="lia-control-section-title">{t('control.review.content')}</div>
          {event.content ? (
            <HighlightedContent content={event.content} highlights={event.highlights} names={names} />
          ) : (
            <Typography.Text type="secondary">{t('control.review.noText')}</Typography.Text>
          )}

          {event.attachments.length > 0 && (
            <>
              <div className="lia-control-section-title">
                {t('control.review.attachments', { count: event.attachments.length })}
              </div>
              <div className="lia-control-files">
                {event.attachments.map((a) => (
                  <FileChip key={a.id} attachment={a} />
                ))}
              </div>
            </>
          )}

          <div className="lia-control-section-title">{t('control.review.justification')}</div>
          {event.justification ? (
            <Typography.Paragraph data-testid="review-justification" style={{ whiteSpace: 'pre-wrap' }}>
              {event.justification}
            </Typography.Paragraph>
          ) : (
            <Typography.Text type="secondary">{t('control.review.noJustification')}</Typography.Text>
          )}

          <div className="lia-control-section-title">{t('control.review.matches')}</div>
          {event.matches.length === 0 ? (
            <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('control.review.noMatches')} />
          ) : (
            <Table
              size="small"
              pagination={false}
              rowKey={(m) => `${m.policyId}:${m.ruleId}`}
              dataSource={event.matches}
              columns={[
                {
                  title: t('control.review.rule'),
                  key: 'rule',
                  render: (_, m) => (
                    <Space orientation="vertical" size={0}>
                      <span>
                        {m.ruleName}
                        {m.test && (
                          <Tag color="blue" style={{ marginInlineStart: 6 }}>
                            {t('control.modes.test')}
                          </Tag>
                        )}
                      </span>
                      <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                        {m.policyName}
                      </Typography.Text>
                    </Space>
                  ),
                },
                {
                  title: t('control.review.action'),
                  key: 'action',
                  width: 100,
                  render: (_, m) => <ActionTag action={m.action} />,
                },
                {
                  title: t('control.review.kinds'),
                  key: 'kinds',
                  render: (_, m) => (
                    <Space orientation="vertical" size={2}>
                      {m.kinds.map((k) => (
                        <span key={k.detector}>
                          {kindName(t, k)}
                          <Typography.Text type="secondary" style={{ marginInlineStart: 8, fontSize: 12 }}>
                            {t('control.review.kindDetail', {
                              count: k.count,
                              confidence: percent(k.confidence),
                            })}
                          </Typography.Text>
                        </span>
                      ))}
                    </Space>
                  ),
                },
              ]}
            />
          )}
        </>
      )}
    </Drawer>
  );
}
