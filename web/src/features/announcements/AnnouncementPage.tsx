import {
  ArrowLeftOutlined,
  BarChartOutlined,
  DiffOutlined,
  EditOutlined,
  PaperClipOutlined,
  SendOutlined,
  StopOutlined,
} from '@ant-design/icons';
import type { AnnouncementDetail } from '@liaison/contracts';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import {
  Alert,
  App,
  Button,
  Card,
  Col,
  Divider,
  Flex,
  Result,
  Row,
  Space,
  Spin,
  Tag,
  Typography,
} from 'antd';
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate, useParams } from 'react-router';
import {
  announcementFileUrl,
  markAnnouncementRead,
  submitAnnouncement,
  withdrawAnnouncement,
} from '../../api/announcements.ts';
import { isApiError } from '../../api/client.ts';
import { queryKeys } from '../../api/keys.ts';
import { useApiError } from '../../app/errors.ts';
import { formatDateTime } from '../../app/format.ts';
import { useMe } from '../../app/session.ts';
import { AnnouncementBody } from '../../components/announcements/AnnouncementBody.tsx';
import { ApprovalCard } from '../../components/approvals/ApprovalCard.tsx';
import { useAnnouncement, useCategories } from '../../shared/queries/announcements.ts';
import { formatBytes } from '../../shared/timeline.ts';
import { AckPanel } from './AckPanel.tsx';
import { AnnouncementFacts, RevisionsCard } from './AnnouncementSide.tsx';
import { AnnouncementStatusTag, CategoryTag, ImportanceTag, PinnedMark } from './AnnouncementTags.tsx';
import { CorrectModal } from './CorrectModal.tsx';
import './announcements.css';

/** Someone other than a plain reader: the approval and the publisher's tools are for them. */
function involved(a: AnnouncementDetail, meId: string): boolean {
  return (
    a.createdBy.id === meId ||
    a.owner.id === meId ||
    a.can.edit ||
    a.can.stats ||
    a.status === 'in_approval' ||
    a.status === 'returned'
  );
}

/** One announcement as its readers see it, with the publisher's tools and the approval beside it. */
export default function AnnouncementPage() {
  const { t } = useTranslation();
  const { message, modal } = App.useApp();
  const showError = useApiError();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const me = useMe();
  const { announcementId } = useParams();
  const query = useAnnouncement(announcementId);
  const [correcting, setCorrecting] = useState(false);
  const readSent = useRef<string | null>(null);
  const a = query.data;
  const categories = useCategories(a?.can.submit === true);

  // Opening it is reading it: once per visit, only for a recipient who has not read it yet.
  useEffect(() => {
    if (a?.status !== 'published' || !a.me.recipient || a.me.readAt !== null) return;
    if (readSent.current === a.id) return;
    readSent.current = a.id;
    markAnnouncementRead(a.id).then(
      ({ readAt }) => {
        queryClient.setQueryData<AnnouncementDetail>(queryKeys.announcements.detail(a.id), (old) =>
          old ? { ...old, me: { ...old.me, readAt } } : old,
        );
        void queryClient.invalidateQueries({ queryKey: queryKeys.announcements.lists });
      },
      () => {
        readSent.current = null;
      },
    );
  }, [a, queryClient]);

  const act = useMutation({
    mutationFn: (action: () => Promise<AnnouncementDetail>) => action(),
    onSuccess: (saved) => {
      queryClient.setQueryData(queryKeys.announcements.detail(saved.id), saved);
      void queryClient.invalidateQueries({ queryKey: queryKeys.announcements.lists });
      if (saved.approvalId)
        void queryClient.invalidateQueries({ queryKey: queryKeys.approvals.detail(saved.approvalId) });
    },
    onError: (error) => showError(error),
  });

  if (query.isLoading) return <Spin style={{ display: 'block', margin: 64 }} />;
  if (!a)
    return (
      <Card>
        <Result
          status={isApiError(query.error, 'forbidden') ? '403' : '404'}
          title={t('announcements.read.notFound')}
          extra={<Button onClick={() => navigate('/announcements')}>{t('announcements.read.back')}</Button>}
        />
      </Card>
    );

  const submit = () =>
    act.mutate(() => submitAnnouncement(a.id), {
      onSuccess: (saved) =>
        message.success(
          saved.status === 'in_approval'
            ? t('announcements.editor.submittedForApproval')
            : saved.status === 'scheduled'
              ? t('announcements.editor.scheduled', { at: formatDateTime(saved.effectiveAt) })
              : t('announcements.editor.published'),
        ),
    });
  const withdraw = () =>
    modal.confirm({
      title: t('announcements.read.withdrawConfirm', { title: a.title }),
      content: t('announcements.read.withdrawHint'),
      okButtonProps: { danger: true },
      onOk: () =>
        act
          .mutateAsync(() => withdrawAnnouncement(a.id))
          .then(() => message.success(t('announcements.read.withdrawn')))
          .catch(() => undefined),
    });

  const showApproval = a.approvalId !== null && involved(a, me.user.id);
  const needsApproval =
    a.importance === 'major' ||
    categories.data?.find((c) => c.id === a.category.id)?.requiresApproval === true;
  const published = a.status === 'published' || a.status === 'expired';

  return (
    <div data-testid="announcement-page">
      <Flex justify="space-between" align="center" gap={16} wrap style={{ marginBottom: 16 }}>
        <Button
          type="text"
          icon={<ArrowLeftOutlined />}
          onClick={() => (window.history.length > 1 ? navigate(-1) : navigate('/announcements'))}
        >
          {t('announcements.read.back')}
        </Button>
        <Space wrap>
          {a.can.edit && (
            <Button
              icon={<EditOutlined />}
              onClick={() => navigate(`/announcements/${a.id}/edit`)}
              data-testid="announcement-edit"
            >
              {t('common.edit')}
            </Button>
          )}
          {a.can.submit && (
            <Button
              type="primary"
              icon={<SendOutlined />}
              loading={act.isPending}
              onClick={submit}
              data-testid="announcement-page-submit"
            >
              {needsApproval ? t('announcements.editor.submitForApproval') : t('announcements.editor.submit')}
            </Button>
          )}
          {a.can.correct && (
            <Button
              icon={<DiffOutlined />}
              onClick={() => setCorrecting(true)}
              data-testid="announcement-correct"
            >
              {t('announcements.correct.action')}
            </Button>
          )}
          {a.can.stats && published && (
            <Button
              icon={<BarChartOutlined />}
              onClick={() => navigate(`/announcements/${a.id}/stats`)}
              data-testid="announcement-stats"
            >
              {t('announcements.stats.action')}
            </Button>
          )}
          {a.can.withdraw && (
            <Button danger icon={<StopOutlined />} onClick={withdraw} data-testid="announcement-withdraw">
              {t('announcements.read.withdraw')}
            </Button>
          )}
        </Space>
      </Flex>
      {a.status === 'withdrawn' && (
        <Alert
          type="error"
          showIcon
          style={{ marginBottom: 16 }}
          title={t('announcements.read.withdrawnNotice')}
        />
      )}
      <Row gutter={[16, 16]}>
        <Col xs={24} xl={showApproval ? 15 : 17}>
          <Card>
            <Flex justify="center" gap={6} wrap>
              <CategoryTag category={a.category} />
              <ImportanceTag importance={a.importance} />
              {a.status !== 'published' && <AnnouncementStatusTag status={a.status} />}
              {a.revision > 1 && <Tag>{t('announcements.read.revised', { revision: a.revision })}</Tag>}
            </Flex>
            <Typography.Title
              level={3}
              style={{ textAlign: 'center', margin: '8px 0 4px' }}
              data-testid="announcement-heading"
            >
              <PinnedMark pinned={a.pinned} /> {a.title}
            </Typography.Title>
            <Flex className="lia-announcement-meta" gap={16} wrap>
              <Typography.Text type="secondary" data-testid="announcement-department">
                {t('announcements.read.publishedBy', { department: a.publishingDepartment.name })}
              </Typography.Text>
              <Typography.Text type="secondary">
                {formatDateTime(a.publishedAt ?? a.effectiveAt)}
              </Typography.Text>
            </Flex>
            <AnnouncementBody html={a.bodyHtml} />
            {a.files.length > 0 && (
              <>
                <Divider titlePlacement="start" plain>
                  {t('announcements.field.files')}
                </Divider>
                <Flex vertical gap={6} data-testid="announcement-files">
                  {a.files.map((file) => (
                    <a key={file.id} href={announcementFileUrl(a.id, file.id)} download={file.fileName}>
                      <PaperClipOutlined /> {file.fileName}{' '}
                      <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                        {formatBytes(file.size)}
                      </Typography.Text>
                    </a>
                  ))}
                </Flex>
              </>
            )}
            <AckPanel announcement={a} />
          </Card>
        </Col>
        <Col xs={24} xl={showApproval ? 9 : 7}>
          <Flex vertical gap={16}>
            {showApproval && <ApprovalCard approvalId={a.approvalId!} />}
            <AnnouncementFacts announcement={a} />
            <RevisionsCard announcement={a} />
          </Flex>
        </Col>
      </Row>
      <CorrectModal announcement={a} open={correcting} onClose={() => setCorrecting(false)} />
    </div>
  );
}
