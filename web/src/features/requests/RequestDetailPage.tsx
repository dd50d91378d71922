import { ArrowLeftOutlined, CheckOutlined, RollbackOutlined, UserSwitchOutlined } from '@ant-design/icons';
import type { DeptRequestDetail } from '@liaison/contracts';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import {
  App,
  Button,
  Card,
  Col,
  Descriptions,
  Flex,
  Input,
  Modal,
  Result,
  Row,
  Space,
  Spin,
  Typography,
} from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate, useParams } from 'react-router';
import { isApiError } from '../../api/client.ts';
import { searchDirectory } from '../../api/directory.ts';
import { queryKeys } from '../../api/keys.ts';
import {
  assignRequest,
  getRequest,
  replyToRequest,
  resolveRequest,
  withdrawRequest,
} from '../../api/requests.ts';
import { useApiError } from '../../app/errors.ts';
import { formatDateTime } from '../../app/format.ts';
import { PeoplePicker } from '../../components/PeoplePicker.tsx';
import { EscalationTag, RequestPriorityTag, RequestStatusTag, ResponseDue } from './RequestTags.tsx';
import { RequestTimeline } from './RequestTimeline.tsx';
import { requestNumber } from './requestText.ts';
import { useNow } from './useNow.ts';
import './requests.css';

type Dialog = 'assign' | 'resolve' | null;

/** One request: what was asked, its deadline and escalation, the timeline, and the actions allowed. */
export default function RequestDetailPage() {
  const { t } = useTranslation();
  const { message, modal } = App.useApp();
  const showError = useApiError();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const now = useNow();
  const { requestId } = useParams();
  const [reply, setReply] = useState('');
  const [dialog, setDialog] = useState<Dialog>(null);
  const [handlerId, setHandlerId] = useState<string | null>(null);
  const [outcome, setOutcome] = useState('');
  const query = useQuery({
    queryKey: queryKeys.requests.detail(requestId ?? ''),
    queryFn: () => getRequest(requestId!),
    enabled: !!requestId,
    meta: { silent: true },
  });
  const request = query.data;
  const colleagues = useQuery({
    queryKey: queryKeys.directory({ departmentId: request?.toDepartment.id, limit: 100 }),
    queryFn: () => searchDirectory({ departmentId: request!.toDepartment.id, limit: 100 }),
    enabled: dialog === 'assign' && !!request,
    select: (data) => data.items,
  });

  const act = useMutation({
    mutationFn: (action: () => Promise<DeptRequestDetail>) => action(),
    onSuccess: (updated) => {
      queryClient.setQueryData(queryKeys.requests.detail(updated.id), updated);
      void queryClient.invalidateQueries({ queryKey: queryKeys.requests.lists });
    },
    onError: (error) => showError(error),
  });

  if (query.isLoading) return <Spin style={{ display: 'block', margin: 64 }} />;
  if (!request)
    return (
      <Card>
        <Result
          status={isApiError(query.error, 'forbidden') ? '403' : '404'}
          title={t('requests.detail.notFound')}
          extra={<Button onClick={() => navigate('/requests')}>{t('tasks.detail.back')}</Button>}
        />
      </Card>
    );

  const run = (action: () => Promise<DeptRequestDetail>, done: string, after?: () => void) =>
    act.mutate(action, {
      onSuccess: () => {
        message.success(done);
        after?.();
      },
    });
  const sendReply = () =>
    run(
      () => replyToRequest(request.id, reply.trim()),
      t('requests.detail.responded'),
      () => setReply(''),
    );
  const withdraw = () =>
    modal.confirm({
      title: t('requests.detail.withdrawConfirm', { title: request.title }),
      okButtonProps: { danger: true },
      onOk: () =>
        act
          .mutateAsync(() => withdrawRequest(request.id))
          .then(() => message.success(t('requests.detail.withdrawn')))
          .catch(() => undefined),
    });

  const can = request.can;
  return (
    <div data-testid="request-detail">
      <Flex justify="space-between" align="flex-start" gap={16} wrap style={{ marginBottom: 16 }}>
        <Space align="start">
          <Button
            type="text"
            icon={<ArrowLeftOutlined />}
            aria-label={t('tasks.detail.back')}
            onClick={() => (window.history.length > 1 ? navigate(-1) : navigate('/requests'))}
          />
          <div>
            <Typography.Title level={4} style={{ margin: 0 }} data-testid="request-detail-title">
              <Typography.Text type="secondary" style={{ fontSize: 'inherit', fontWeight: 400 }}>
                {requestNumber(request)}
              </Typography.Text>{' '}
              {request.title}
            </Typography.Title>
            <Space size={4} style={{ marginTop: 6 }} wrap>
              <RequestStatusTag status={request.status} />
              <RequestPriorityTag priority={request.priority} />
              <EscalationTag level={request.escalationLevel} />
              <ResponseDue request={request} now={now} />
            </Space>
          </div>
        </Space>
        <Space wrap>
          {can.assign && (
            <Button
              icon={<UserSwitchOutlined />}
              onClick={() => {
                setHandlerId(request.handler?.id ?? null);
                setDialog('assign');
              }}
              data-testid="request-assign"
            >
              {t('requests.detail.assign')}
            </Button>
          )}
          {can.resolve && (
            <Button
              type="primary"
              icon={<CheckOutlined />}
              onClick={() => {
                setOutcome('');
                setDialog('resolve');
              }}
              data-testid="request-resolve"
            >
              {t('requests.detail.resolve')}
            </Button>
          )}
          {can.withdraw && (
            <Button danger icon={<RollbackOutlined />} onClick={withdraw} data-testid="request-withdraw">
              {t('requests.detail.withdraw')}
            </Button>
          )}
        </Space>
      </Flex>
      <Row gutter={[16, 16]}>
        <Col xs={24} xl={16}>
          <Flex vertical gap={16}>
            <Card title={t('requests.field.body')}>
              <div className="lia-request-body" data-testid="request-body-text">
                {request.body}
              </div>
            </Card>
            <Card title={t('requests.detail.timeline')}>
              <RequestTimeline request={request} />
              {can.respond && (
                <Flex vertical gap={8} style={{ marginTop: 8 }} data-testid="request-reply-box">
                  <Input.TextArea
                    value={reply}
                    onChange={(event) => setReply(event.target.value)}
                    autoSize={{ minRows: 3, maxRows: 8 }}
                    maxLength={5000}
                    placeholder={t('requests.detail.respondPlaceholder')}
                    data-testid="request-reply-body"
                  />
                  <Flex justify="flex-end">
                    <Button
                      type="primary"
                      disabled={!reply.trim()}
                      loading={act.isPending}
                      onClick={sendReply}
                      data-testid="request-reply-submit"
                    >
                      {request.firstRespondedAt
                        ? t('requests.detail.respond')
                        : t('requests.detail.respondFirst')}
                    </Button>
                  </Flex>
                </Flex>
              )}
            </Card>
          </Flex>
        </Col>
        <Col xs={24} xl={8}>
          <Card>
            <Descriptions
              column={1}
              size="small"
              items={[
                { key: 'from', label: t('requests.field.from'), children: request.fromDepartment.name },
                { key: 'to', label: t('requests.field.to'), children: request.toDepartment.name },
                {
                  key: 'raisedBy',
                  label: t('requests.field.raisedBy'),
                  children: request.raisedBy.displayName,
                },
                {
                  key: 'handler',
                  label: t('requests.field.handler'),
                  children: request.handler?.displayName ?? t('requests.detail.notHandled'),
                },
                {
                  key: 'created',
                  label: t('requests.field.createdAt'),
                  children: formatDateTime(request.createdAt),
                },
                {
                  key: 'due',
                  label: t('requests.field.responseDue'),
                  children: formatDateTime(request.responseDueAt),
                },
                {
                  key: 'responded',
                  label: t('requests.field.firstRespondedAt'),
                  children: formatDateTime(request.firstRespondedAt),
                },
                {
                  key: 'escalation',
                  label: t('requests.field.escalation'),
                  children: <EscalationTag level={request.escalationLevel} showNone />,
                },
                ...(request.nextStepAt
                  ? [
                      {
                        key: 'next',
                        label: ' ',
                        children: (
                          <Typography.Text type="secondary">
                            {t('requests.detail.nextStep', { at: formatDateTime(request.nextStepAt) })}
                          </Typography.Text>
                        ),
                      },
                    ]
                  : []),
                {
                  key: 'wanted',
                  label: t('requests.field.wantedBy'),
                  children: formatDateTime(request.wantedBy),
                },
                ...(request.resolvedAt
                  ? [
                      {
                        key: 'resolved',
                        label: t('requests.field.resolvedAt'),
                        children: formatDateTime(request.resolvedAt),
                      },
                    ]
                  : []),
              ]}
            />
          </Card>
        </Col>
      </Row>
      <Modal
        open={dialog === 'assign'}
        title={t('requests.detail.assignTitle')}
        okButtonProps={{ disabled: !handlerId }}
        confirmLoading={act.isPending}
        onCancel={() => setDialog(null)}
        onOk={() =>
          handlerId &&
          run(
            () => assignRequest(request.id, handlerId),
            t('requests.detail.assigned', {
              name: colleagues.data?.find((p) => p.id === handlerId)?.displayName ?? '',
            }),
            () => setDialog(null),
          )
        }
      >
        <PeoplePicker
          includeMe
          within={colleagues.data ?? []}
          initialPeople={[request.handler]}
          value={handlerId}
          onChange={setHandlerId}
          placeholder={t('requests.detail.assignPlaceholder')}
          data-testid="request-handler"
        />
      </Modal>
      <Modal
        open={dialog === 'resolve'}
        title={t('requests.detail.resolveTitle')}
        confirmLoading={act.isPending}
        onCancel={() => setDialog(null)}
        onOk={() =>
          run(
            () => resolveRequest(request.id, outcome.trim() || null),
            t('requests.detail.resolved'),
            () => setDialog(null),
          )
        }
      >
        <Input.TextArea
          value={outcome}
          onChange={(event) => setOutcome(event.target.value)}
          autoSize={{ minRows: 3, maxRows: 8 }}
          maxLength={5000}
          placeholder={t('requests.detail.resolvePlaceholder')}
          data-testid="request-resolve-body"
        />
      </Modal>
    </div>
  );
}
