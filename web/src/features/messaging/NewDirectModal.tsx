import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Form, Input, Modal, Typography } from 'antd';
import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { createChannel } from '../../api/channels.ts';
import { queryKeys } from '../../api/keys.ts';
import { useApiError } from '../../app/errors.ts';
import { PeoplePicker } from '../../components/PeoplePicker.tsx';

interface Values {
  memberIds: string[];
  name?: string;
}

/** 发起私聊 / 群聊: one person opens (or reopens) the 1:1, several start a group conversation. */
export function NewDirectModal({ open, onClose }: { open: boolean; onClose: () => void }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const showError = useApiError();
  const [form] = Form.useForm<Values>();
  const memberIds = Form.useWatch('memberIds', form) ?? [];

  useEffect(() => {
    if (open) form.resetFields();
  }, [open, form]);

  const create = useMutation({
    mutationFn: (values: Values) =>
      createChannel({
        kind: 'direct',
        memberIds: values.memberIds,
        name: values.memberIds.length > 1 && values.name?.trim() ? values.name.trim() : undefined,
      }),
    onSuccess: (channel) => {
      void queryClient.invalidateQueries({ queryKey: queryKeys.channels.list });
      onClose();
      navigate(`/messages/${channel.id}`);
    },
    onError: (error) => showError(error, form),
  });

  return (
    <Modal
      open={open}
      title={t('messaging.create.directTitle')}
      onCancel={onClose}
      onOk={() => form.submit()}
      okText={t('messaging.create.start')}
      confirmLoading={create.isPending}
      forceRender
      data-testid="new-direct-modal"
    >
      <Form<Values> form={form} layout="vertical" onFinish={(values) => create.mutate(values)}>
        <Form.Item
          name="memberIds"
          label={t('messaging.create.directPeople')}
          extra={t('messaging.create.directPeopleHint')}
          rules={[{ required: true, type: 'array', min: 1, max: 20 }]}
        >
          <PeoplePicker mode="multiple" data-testid="direct-people" />
        </Form.Item>
        {memberIds.length > 1 && (
          <Form.Item name="name" label={t('messaging.create.directName')} rules={[{ max: 64 }]}>
            <Input />
          </Form.Item>
        )}
        <Typography.Text type="secondary">{t('messaging.create.directSource')}</Typography.Text>
      </Form>
    </Modal>
  );
}
