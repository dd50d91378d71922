import type { CreateDepartmentRequest, Department } from '@liaison/contracts';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { App, Col, Form, Input, InputNumber, Modal, Row } from 'antd';
import { useEffect, useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { createDepartment, updateDepartment } from '../../api/departments.ts';
import { queryKeys } from '../../api/keys.ts';
import { useApiError } from '../../app/errors.ts';
import { DepartmentSelect } from '../../components/DepartmentSelect.tsx';
import { UserPicker } from '../../components/UserPicker.tsx';
import { subtreeIds, useDepartments } from '../../shared/queries/departments.ts';

export type DepartmentFormState =
  | { mode: 'create'; parentId: string | null }
  | { mode: 'edit'; department: Department }
  | null;

interface Values {
  name: string;
  code?: string;
  parentId: string | null;
  sortOrder?: number;
  description?: string;
  headId: string | null;
  liaisonId: string | null;
}

function toRequest(values: Values): CreateDepartmentRequest {
  return {
    name: values.name.trim(),
    code: values.code?.trim() || null,
    parentId: values.parentId ?? null,
    sortOrder: values.sortOrder ?? 0,
    description: values.description?.trim() || null,
    headId: values.headId ?? null,
    liaisonId: values.liaisonId ?? null,
  };
}

export function DepartmentFormModal({
  state,
  onClose,
  onSaved,
}: {
  state: DepartmentFormState;
  onClose: () => void;
  onSaved: (department: Department) => void;
}) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const showError = useApiError();
  const queryClient = useQueryClient();
  const { departments } = useDepartments();
  const [form] = Form.useForm<Values>();
  const editing = state?.mode === 'edit' ? state.department : null;

  const disabledIds = useMemo(
    () => (editing ? subtreeIds(departments, editing.id) : undefined),
    [editing, departments],
  );

  useEffect(() => {
    if (!state) return;
    form.resetFields();
    if (state.mode === 'create')
      form.setFieldsValue({ parentId: state.parentId, sortOrder: 0, headId: null, liaisonId: null });
    else {
      const d = state.department;
      form.setFieldsValue({
        name: d.name,
        code: d.code ?? '',
        parentId: d.parentId,
        sortOrder: d.sortOrder,
        description: d.description ?? '',
        headId: d.head?.id ?? null,
        liaisonId: d.liaison?.id ?? null,
      });
    }
  }, [state, form]);

  const save = useMutation({
    mutationFn: (values: Values) =>
      editing ? updateDepartment(editing.id, toRequest(values)) : createDepartment(toRequest(values)),
    onSuccess: (department) => {
      message.success(editing ? t('common.saved') : t('departments.created'));
      void queryClient.invalidateQueries({ queryKey: queryKeys.departments });
      void queryClient.invalidateQueries({ queryKey: queryKeys.users.all });
      onSaved(department);
      onClose();
    },
    onError: (error) => showError(error, form),
  });

  return (
    <Modal
      open={state !== null}
      title={editing ? `${t('departments.editTitle')} · ${editing.name}` : t('departments.createTitle')}
      onCancel={onClose}
      onOk={() => form.submit()}
      okText={editing ? t('common.save') : t('common.create')}
      confirmLoading={save.isPending}
      width={640}
      forceRender
      data-testid="department-form-modal"
    >
      <Form<Values> form={form} layout="vertical" onFinish={(values) => save.mutate(values)}>
        <Row gutter={16}>
          <Col span={12}>
            <Form.Item
              name="name"
              label={t('departments.name')}
              rules={[{ required: true, whitespace: true, max: 64 }]}
            >
              <Input data-testid="department-name" />
            </Form.Item>
          </Col>
          <Col span={12}>
            <Form.Item
              name="code"
              label={t('departments.code')}
              rules={[{ pattern: /^[A-Za-z0-9_-]{1,32}$/, message: t('departments.codeHint') }]}
            >
              <Input placeholder={t('departments.codeHint')} />
            </Form.Item>
          </Col>
          <Col span={16}>
            <Form.Item name="parentId" label={t('departments.parent')}>
              <DepartmentSelect disabledIds={disabledIds} placeholder={t('departments.rootParent')} />
            </Form.Item>
          </Col>
          <Col span={8}>
            <Form.Item
              name="sortOrder"
              label={t('departments.sortOrder')}
              tooltip={t('departments.sortOrderHint')}
            >
              <InputNumber min={0} max={1_000_000} precision={0} style={{ width: '100%' }} />
            </Form.Item>
          </Col>
          <Col span={12}>
            <Form.Item name="headId" label={t('departments.head')}>
              <UserPicker initialUsers={[editing?.head]} data-testid="department-head" />
            </Form.Item>
          </Col>
          <Col span={12}>
            <Form.Item
              name="liaisonId"
              label={t('departments.liaison')}
              tooltip={t('departments.liaisonHint')}
            >
              <UserPicker initialUsers={[editing?.liaison]} data-testid="department-liaison" />
            </Form.Item>
          </Col>
          <Col span={24}>
            <Form.Item name="description" label={t('departments.description')} rules={[{ max: 500 }]}>
              <Input.TextArea autoSize={{ minRows: 2, maxRows: 5 }} showCount maxLength={500} />
            </Form.Item>
          </Col>
        </Row>
      </Form>
    </Modal>
  );
}
