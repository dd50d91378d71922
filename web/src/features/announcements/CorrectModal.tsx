import type { AnnouncementDetail } from '@liaison/contracts';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Form, Input, Modal } from 'antd';
import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { correctAnnouncement } from '../../api/announcements.ts';
import { queryKeys } from '../../api/keys.ts';
import { useApiError } from '../../app/errors.ts';
import { RichTextEditor } from './RichTextEditor.tsx';
import { isBlankHtml } from './richText.ts';

interface CorrectValues {
  title: string;
  bodyHtml: string;
  note: string;
}

/** 更正: a published announcement gets a new revision with a note saying what changed and why. */
export function CorrectModal({
  announcement,
  open,
  onClose,
}: {
  announcement: AnnouncementDetail;
  open: boolean;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const showError = useApiError();
  const queryClient = useQueryClient();
  const [form] = Form.useForm<CorrectValues>();

  useEffect(() => {
    if (open) form.setFieldsValue({ title: announcement.title, bodyHtml: announcement.bodyHtml, note: '' });
  }, [open, announcement, form]);

  const correct = useMutation({
    mutationFn: (values: CorrectValues) =>
      correctAnnouncement(announcement.id, {
        ...(values.title.trim() !== announcement.title ? { title: values.title.trim() } : {}),
        ...(values.bodyHtml !== announcement.bodyHtml ? { bodyHtml: values.bodyHtml } : {}),
        note: values.note.trim(),
      }),
    onSuccess: (saved) => {
      queryClient.setQueryData(queryKeys.announcements.detail(saved.id), saved);
      void queryClient.invalidateQueries({ queryKey: queryKeys.announcements.lists });
      message.success(t('announcements.correct.done', { revision: saved.revision }));
      onClose();
    },
    onError: (error) => showError(error, form),
  });

  return (
    <Modal
      open={open}
      title={t('announcements.correct.title')}
      width={820}
      okText={t('announcements.correct.submit')}
      confirmLoading={correct.isPending}
      onCancel={onClose}
      onOk={() => form.submit()}
      destroyOnHidden
      data-testid="announcement-correct-modal"
    >
      <Alert type="info" showIcon title={t('announcements.correct.notice')} style={{ marginBottom: 16 }} />
      <Form<CorrectValues> form={form} layout="vertical" onFinish={(values) => correct.mutate(values)}>
        <Form.Item
          name="title"
          label={t('announcements.field.title')}
          rules={[{ required: true, whitespace: true, max: 200 }]}
        >
          <Input maxLength={200} />
        </Form.Item>
        <Form.Item
          name="bodyHtml"
          label={t('announcements.field.body')}
          rules={[
            {
              validator: (_, value: string | undefined) =>
                isBlankHtml(value)
                  ? Promise.reject(new Error(t('announcements.editor.bodyRequired')))
                  : Promise.resolve(),
            },
          ]}
        >
          <RichTextEditor />
        </Form.Item>
        <Form.Item
          name="note"
          label={t('announcements.correct.note')}
          rules={[
            { required: true, whitespace: true, max: 500, message: t('announcements.correct.noteRequired') },
          ]}
        >
          <Input.TextArea
            autoSize={{ minRows: 2, maxRows: 4 }}
            maxLength={500}
            placeholder={t('announcements.correct.notePlaceholder')}
            data-testid="announcement-correct-note"
          />
        </Form.Item>
      </Form>
    </Modal>
  );
}
