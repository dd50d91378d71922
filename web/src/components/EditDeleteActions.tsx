import { DeleteOutlined, EditOutlined } from '@ant-design/icons';
import { App, Button, Space } from 'antd';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';

interface Props {
  onEdit: () => void;
  /** The question asked before deleting, e.g. "删除策略「…」？" */
  deleteConfirm: string;
  onDelete: () => Promise<unknown>;
  /** More actions shown before 编辑. */
  children?: ReactNode;
}

/** The 编辑 / 删除 links of a table row; deleting asks first. */
export function EditDeleteActions({ onEdit, deleteConfirm, onDelete, children }: Props) {
  const { t } = useTranslation();
  const { modal } = App.useApp();
  return (
    <Space size={0}>
      {children}
      <Button type="link" size="small" icon={<EditOutlined />} onClick={onEdit}>
        {t('common.edit')}
      </Button>
      <Button
        type="link"
        size="small"
        danger
        icon={<DeleteOutlined />}
        onClick={() =>
          modal.confirm({
            title: deleteConfirm,
            okButtonProps: { danger: true },
            onOk: () => onDelete().catch(() => undefined),
          })
        }
      >
        {t('common.delete')}
      </Button>
    </Space>
  );
}
