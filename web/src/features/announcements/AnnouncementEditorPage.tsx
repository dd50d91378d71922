import { ArrowLeftOutlined, SaveOutlined, SendOutlined } from '@ant-design/icons';
import type { AnnouncementDetail } from '@liaison/contracts';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import {
  Alert,
  App,
  Button,
  Card,
  Col,
  Flex,
  Form,
  Input,
  Radio,
  Result,
  Row,
  Space,
  Spin,
  Typography,
} from 'antd';
import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate, useParams } from 'react-router';
import { createAnnouncement, submitAnnouncement, updateAnnouncement } from '../../api/announcements.ts';
import { queryKeys } from '../../api/keys.ts';
import { useApiError } from '../../app/errors.ts';
import { formatDateTime } from '../../app/format.ts';
import { useMe } from '../../app/session.ts';
import { categoryName } from '../../shared/announcementText.ts';
import { useAnnouncement, useCategories } from '../../shared/queries/announcements.ts';
import { formatBytes } from '../../shared/timeline.ts';
import { MAX_ATTACHMENT_BYTES } from '../../shared/useUploads.ts';
import { AnnouncementStatusTag } from './AnnouncementTags.tsx';
import { AttachmentsUpload, MAX_FILES } from './AttachmentsUpload.tsx';
import { AudiencePicker } from './AudiencePicker.tsx';
import {
  type AnnouncementFormValues,
  emptyAnnouncementForm,
  isAudienceEmpty,
  toAnnouncementForm,
  toCreateRequest,
  toUpdateRequest,
} from './announcementForm.ts';
import { PublishingCard } from './PublishingCard.tsx';
import { RichTextEditor } from './RichTextEditor.tsx';
import { isBlankHtml } from './richText.ts';
import './announcements.css';

type Intent = 'draft' | 'submit';

/**
 * 发布公告: a new announcement or a draft (or one sent back by an approver) being edited. Saving keeps
 * a draft; submitting sends it for approval when its category or importance asks for one, else it
 * is published when it takes effect.
 */
export default function AnnouncementEditorPage() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const showError = useApiError();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const me = useMe();
  const { announcementId } = useParams();
  const existing = useAnnouncement(announcementId);
  const categories = useCategories();
  const [form] = Form.useForm<AnnouncementFormValues>();
  const loadedId = useRef<string | null>(null);
  const categoryId = Form.useWatch('categoryId', form);
  const importance = Form.useWatch('importance', form) ?? 'normal';
  const category = categories.data?.find((c) => c.id === categoryId);
  const needsApproval = category?.requiresApproval === true || importance === 'major';
  const announcement = existing.data;

  useEffect(() => {
    if (announcement && loadedId.current !== announcement.id) {
      loadedId.current = announcement.id;
      form.setFieldsValue(toAnnouncementForm(announcement));
    }
  }, [announcement, form]);

  // The first category is the usual one (一般信息): preselect it on a new announcement.
  useEffect(() => {
    if (!announcementId && categories.data?.[0] && !form.getFieldValue('categoryId'))
      form.setFieldValue('categoryId', categories.data[0].id);
  }, [announcementId, categories.data, form]);

  const save = useMutation({
    mutationFn: async ({ values, intent }: { values: AnnouncementFormValues; intent: Intent }) => {
      const saved: AnnouncementDetail = announcement
        ? await updateAnnouncement(announcement.id, toUpdateRequest(values))
        : await createAnnouncement(toCreateRequest(values));
      queryClient.setQueryData(queryKeys.announcements.detail(saved.id), saved);
      return intent === 'submit' ? submitAnnouncement(saved.id) : saved;
    },
    onSuccess: (saved, { intent }) => {
      queryClient.setQueryData(queryKeys.announcements.detail(saved.id), saved);
      void queryClient.invalidateQueries({ queryKey: queryKeys.announcements.lists });
      if (intent === 'draft') {
        message.success(t('announcements.editor.savedDraft'));
        loadedId.current = saved.id;
        if (!announcement) navigate(`/announcements/${saved.id}/edit`, { replace: true });
        return;
      }
      message.success(
        saved.status === 'in_approval'
          ? t('announcements.editor.submittedForApproval')
          : saved.status === 'scheduled'
            ? t('announcements.editor.scheduled', { at: formatDateTime(saved.effectiveAt) })
            : t('announcements.editor.published'),
      );
      navigate(`/announcements/${saved.id}`, { replace: true });
    },
    onError: (error) => showError(error, form),
  });

  const finish = async (intent: Intent) => {
    let values: AnnouncementFormValues;
    try {
      values = await form.validateFields();
    } catch {
      return;
    }
    if (intent === 'submit' && isAudienceEmpty(values.audience)) {
      form.setFields([{ name: 'audience', errors: [t('announcements.audience.none')] }]);
      return;
    }
    if (values.files.some((file) => file.status === 'uploading')) {
      message.warning(t('announcements.editor.stillUploading'));
      return;
    }
    save.mutate({ values, intent });
  };

  if (announcementId && existing.isLoading) return <Spin style={{ display: 'block', margin: 64 }} />;
  if (announcementId && !announcement?.can.edit)
    return (
      <Card>
        <Result
          status={announcement ? 'warning' : '404'}
          title={t(announcement ? 'announcements.editor.notEditable' : 'announcements.read.notFound')}
          extra={
            <Button
              onClick={() => navigate(announcement ? `/announcements/${announcement.id}` : '/announcements')}
            >
              {t('announcements.read.back')}
            </Button>
          }
        />
      </Card>
    );

  return (
    <div data-testid="announcement-editor">
      <Flex justify="space-between" align="flex-start" gap={16} wrap style={{ marginBottom: 16 }}>
        <Space align="start">
          <Button
            type="text"
            icon={<ArrowLeftOutlined />}
            aria-label={t('announcements.read.back')}
            onClick={() => (window.history.length > 1 ? navigate(-1) : navigate('/announcements/managed'))}
          />
          <div>
            <Typography.Title level={4} style={{ margin: 0 }}>
              {announcement ? t('announcements.editor.editTitle') : t('announcements.editor.newTitle')}
            </Typography.Title>
            {announcement && (
              <Space size={4} style={{ marginTop: 6 }}>
                <AnnouncementStatusTag status={announcement.status} />
              </Space>
            )}
          </div>
        </Space>
        <Space wrap>
          <Button
            icon={<SaveOutlined />}
            loading={save.isPending && save.variables?.intent === 'draft'}
            disabled={save.isPending}
            onClick={() => void finish('draft')}
            data-testid="announcement-save-draft"
          >
            {t('announcements.editor.saveDraft')}
          </Button>
          <Button
            type="primary"
            icon={<SendOutlined />}
            loading={save.isPending && save.variables?.intent === 'submit'}
            disabled={save.isPending}
            onClick={() => void finish('submit')}
            data-testid="announcement-submit"
          >
            {needsApproval ? t('announcements.editor.submitForApproval') : t('announcements.editor.submit')}
          </Button>
        </Space>
      </Flex>
      {announcement?.status === 'returned' && (
        <Alert
          type="warning"
          showIcon
          style={{ marginBottom: 16 }}
          title={t('announcements.editor.returnedNotice')}
        />
      )}
      <Form<AnnouncementFormValues>
        form={form}
        layout="vertical"
        initialValues={emptyAnnouncementForm({
          id: me.user.id,
          departmentId: me.user.department?.id ?? null,
        })}
        // The audience has no rules of its own (a draft may leave it empty); a change clears the
        // "nobody chosen" error that submitting put there.
        onValuesChange={(changed: Partial<AnnouncementFormValues>) => {
          if (changed.audience) form.setFields([{ name: 'audience', errors: [] }]);
        }}
        scrollToFirstError
      >
        <Row gutter={[16, 16]}>
          <Col xs={24} xl={16}>
            <Card>
              <Form.Item
                name="categoryId"
                label={t('announcements.field.category')}
                rules={[{ required: true, message: t('announcements.editor.categoryRequired') }]}
              >
                <Radio.Group
                  optionType="button"
                  options={(categories.data ?? []).map((c) => ({
                    value: c.id,
                    label: <span data-testid={`announcement-category-${c.key}`}>{categoryName(t, c)}</span>,
                  }))}
                />
              </Form.Item>
              <Form.Item
                name="title"
                label={t('announcements.field.title')}
                rules={[{ required: true, whitespace: true, max: 200 }]}
              >
                <Input
                  maxLength={200}
                  showCount
                  placeholder={t('announcements.editor.titlePlaceholder')}
                  data-testid="announcement-title-input"
                />
              </Form.Item>
              <Form.Item
                name="bodyHtml"
                label={t('announcements.field.body')}
                required
                rules={[
                  {
                    validator: (_, value: string | undefined) =>
                      isBlankHtml(value)
                        ? Promise.reject(new Error(t('announcements.editor.bodyRequired')))
                        : Promise.resolve(),
                  },
                ]}
              >
                <RichTextEditor
                  placeholder={t('announcements.editor.bodyPlaceholder')}
                  data-testid="announcement-body"
                />
              </Form.Item>
              <Form.Item
                name="files"
                label={t('announcements.field.files')}
                extra={t('announcements.editor.filesHint', {
                  size: formatBytes(MAX_ATTACHMENT_BYTES),
                  count: MAX_FILES,
                })}
              >
                <AttachmentsUpload />
              </Form.Item>
            </Card>
          </Col>
          <Col xs={24} xl={8}>
            <Flex vertical gap={16}>
              <PublishingCard form={form} announcement={announcement} needsApproval={needsApproval} />
              <Card title={t('announcements.field.audience')}>
                <Form.Item name="audience" noStyle>
                  <AudiencePicker />
                </Form.Item>
                <Form.Item shouldUpdate noStyle>
                  {() => {
                    const errors = form.getFieldError('audience');
                    return errors.length > 0 ? (
                      <Typography.Text type="danger" style={{ display: 'block', marginTop: 8 }}>
                        {errors[0]}
                      </Typography.Text>
                    ) : null;
                  }}
                </Form.Item>
              </Card>
            </Flex>
          </Col>
        </Row>
      </Form>
    </div>
  );
}
