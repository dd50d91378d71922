import { EditOutlined, PlusOutlined } from '@ant-design/icons';
import type { AnnouncementCategory, SaveCategoryRequest } from '@liaison/contracts';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { TableColumnsType } from 'antd';
import { App, Button, Card, Form, Input, InputNumber, Modal, Switch, Table, Tag } from 'antd';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { createCategory, updateCategory } from '../../api/announcements.ts';
import { queryKeys } from '../../api/keys.ts';
import { useApiError } from '../../app/errors.ts';
import { PageHeader } from '../../components/PageHeader.tsx';
import { categoryName } from '../../shared/announcementText.ts';
import { useCategories } from '../../shared/queries/announcements.ts';

type Editing = { mode: 'create' } | { mode: 'edit'; category: AnnouncementCategory } | null;

/** 公告栏目: the categories announcements are filed under, and which of them need approval. */
export default function CategoriesPage() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const showError = useApiError();
  const queryClient = useQueryClient();
  const categories = useCategories();
  const [editing, setEditing] = useState<Editing>(null);
  const [form] = Form.useForm<SaveCategoryRequest>();

  useEffect(() => {
    if (!editing) return;
    form.resetFields();
    if (editing.mode === 'edit') form.setFieldsValue(editing.category);
  }, [editing, form]);

  const save = useMutation({
    mutationFn: (values: SaveCategoryRequest) =>
      editing?.mode === 'edit' ? updateCategory(editing.category.id, values) : createCategory(values),
    onSuccess: () => {
      message.success(t('common.saved'));
      void queryClient.invalidateQueries({ queryKey: queryKeys.announcements.categories });
      setEditing(null);
    },
    onError: (error) => showError(error, form),
  });

  const columns: TableColumnsType<AnnouncementCategory> = [
    { title: t('announcements.categories.name'), key: 'name', render: (_, c) => categoryName(t, c) },
    {
      title: t('announcements.categories.key'),
      dataIndex: 'key',
      width: 160,
      render: (key: string) => <code>{key}</code>,
    },
    {
      title: t('announcements.categories.requiresApproval'),
      key: 'requiresApproval',
      width: 140,
      render: (_, c) =>
        c.requiresApproval ? (
          <Tag color="orange">{t('announcements.categories.approvalYes')}</Tag>
        ) : (
          <Tag>{t('announcements.categories.approvalNo')}</Tag>
        ),
    },
    { title: t('announcements.categories.sortOrder'), dataIndex: 'sortOrder', width: 90, align: 'right' },
    {
      title: t('common.actions'),
      key: 'actions',
      width: 90,
      render: (_, c) => (
        <Button
          type="link"
          size="small"
          icon={<EditOutlined />}
          onClick={() => setEditing({ mode: 'edit', category: c })}
        >
          {t('common.edit')}
        </Button>
      ),
    },
  ];

  return (
    <div data-testid="announcement-categories-page">
      <PageHeader
        title={t('announcements.categories.title')}
        subtitle={t('announcements.categories.subtitle')}
        extra={
          <Button type="primary" icon={<PlusOutlined />} onClick={() => setEditing({ mode: 'create' })}>
            {t('announcements.categories.create')}
          </Button>
        }
      />
      <Card>
        <Table<AnnouncementCategory>
          rowKey="id"
          size="middle"
          columns={columns}
          dataSource={categories.data}
          loading={categories.isFetching}
          pagination={false}
        />
      </Card>
      <Modal
        open={editing !== null}
        title={
          editing?.mode === 'edit'
            ? t('announcements.categories.editTitle')
            : t('announcements.categories.create')
        }
        confirmLoading={save.isPending}
        onCancel={() => setEditing(null)}
        onOk={() => form.submit()}
        forceRender
      >
        <Form<SaveCategoryRequest>
          form={form}
          layout="vertical"
          initialValues={{ requiresApproval: false, sortOrder: 100 }}
          onFinish={(values) => save.mutate({ ...values, name: values.name.trim(), key: values.key.trim() })}
        >
          <Form.Item
            name="name"
            label={t('announcements.categories.name')}
            rules={[{ required: true, whitespace: true, max: 40 }]}
          >
            <Input maxLength={40} />
          </Form.Item>
          <Form.Item
            name="key"
            label={t('announcements.categories.key')}
            extra={t('announcements.categories.keyHint')}
            rules={[
              {
                required: true,
                pattern: /^[a-z][a-z0-9_]{1,39}$/,
                message: t('announcements.categories.keyHint'),
              },
            ]}
          >
            <Input maxLength={40} disabled={editing?.mode === 'edit'} />
          </Form.Item>
          <Form.Item
            name="requiresApproval"
            label={t('announcements.categories.requiresApproval')}
            extra={t('announcements.categories.approvalHint')}
            valuePropName="checked"
          >
            <Switch />
          </Form.Item>
          <Form.Item
            name="sortOrder"
            label={t('announcements.categories.sortOrder')}
            extra={t('departments.sortOrderHint')}
          >
            <InputNumber min={0} max={10_000} style={{ width: 140 }} />
          </Form.Item>
        </Form>
      </Modal>
    </div>
  );
}
