import { PaperClipOutlined } from '@ant-design/icons';
import type { UploadFile } from 'antd';
import { App, Button, Upload } from 'antd';
import { useTranslation } from 'react-i18next';
import { type AnnouncementFile, uploadAnnouncementFile } from '../../api/announcements.ts';
import { errorText } from '../../app/errors.ts';
import { formatBytes } from '../../shared/timeline.ts';
import { MAX_ATTACHMENT_BYTES } from '../../shared/useUploads.ts';

export const MAX_FILES = 20;

/** 附件: uploaded as soon as they are picked, so saving only names their ids. */
export function AttachmentsUpload({
  value,
  onChange,
}: {
  value?: UploadFile<AnnouncementFile>[];
  onChange?: (files: UploadFile<AnnouncementFile>[]) => void;
}) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  return (
    <Upload<AnnouncementFile>
      fileList={value}
      onChange={({ fileList }) => onChange?.(fileList)}
      multiple
      maxCount={MAX_FILES}
      beforeUpload={(file) => {
        if (file.size <= MAX_ATTACHMENT_BYTES) return true;
        message.error(
          t('announcements.editor.tooLarge', {
            name: file.name,
            size: formatBytes(MAX_ATTACHMENT_BYTES),
          }),
        );
        return Upload.LIST_IGNORE;
      }}
      customRequest={({ file, onSuccess, onError }) => {
        uploadAnnouncementFile(file as File).then(
          (saved) => onSuccess?.(saved),
          (error: unknown) => {
            message.error(
              `${t('announcements.editor.uploadFailed', { name: (file as File).name })} ${errorText(error)}`,
            );
            onError?.(error instanceof Error ? error : new Error(String(error)));
          },
        );
      }}
    >
      <Button icon={<PaperClipOutlined />} data-testid="announcement-attach">
        {t('announcements.editor.attach')}
      </Button>
    </Upload>
  );
}
