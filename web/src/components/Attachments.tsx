import {
  DownloadOutlined,
  FileExcelOutlined,
  FileOutlined,
  FilePdfOutlined,
  FilePptOutlined,
  FileTextOutlined,
  FileWordOutlined,
  FileZipOutlined,
} from '@ant-design/icons';
import type { Attachment } from '@liaison/contracts';
import { Image, Tooltip } from 'antd';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { attachmentUrl } from '../api/messages.ts';
import { formatBytes } from '../shared/timeline.ts';
import './attachments.css';

function iconFor(attachment: Attachment): ReactNode {
  const name = attachment.fileName.toLowerCase();
  const type = attachment.contentType;
  if (type === 'application/pdf' || name.endsWith('.pdf'))
    return <FilePdfOutlined style={{ color: '#f5222d' }} />;
  if (/\.(docx?|odt|rtf)$/.test(name)) return <FileWordOutlined style={{ color: '#1677ff' }} />;
  if (/\.(xlsx?|ods|csv)$/.test(name)) return <FileExcelOutlined style={{ color: '#52c41a' }} />;
  if (/\.(pptx?|odp)$/.test(name)) return <FilePptOutlined style={{ color: '#fa541c' }} />;
  if (/\.(zip|rar|7z|gz)$/.test(name)) return <FileZipOutlined style={{ color: '#faad14' }} />;
  if (type.startsWith('text/')) return <FileTextOutlined />;
  return <FileOutlined />;
}

export function isImage(attachment: Attachment): boolean {
  return attachment.contentType.startsWith('image/');
}

/** A file as a chip: icon, name, size, and a download link. */
export function FileChip({ attachment, extra }: { attachment: Attachment; extra?: ReactNode }) {
  const { t } = useTranslation();
  return (
    <div className="lia-file-chip" data-testid="attachment-file">
      <span className="lia-file-icon">{iconFor(attachment)}</span>
      <span className="lia-file-text">
        <span className="lia-file-name" title={attachment.fileName}>
          {attachment.fileName}
        </span>
        <span className="lia-file-size">{formatBytes(attachment.size)}</span>
      </span>
      {extra ?? (
        <Tooltip title={t('messaging.attachments.download')}>
          <a
            href={attachmentUrl(attachment.id)}
            download={attachment.fileName}
            aria-label={`${t('messaging.attachments.download')} ${attachment.fileName}`}
            className="lia-file-download"
          >
            <DownloadOutlined />
          </a>
        </Tooltip>
      )}
    </div>
  );
}

/**
 * Images inline as thumbnails (fixed height, so the list does not jump when they load; click to
 * enlarge), other files as chips.
 */
export function Attachments({ attachments }: { attachments: readonly Attachment[] }) {
  if (attachments.length === 0) return null;
  const images = attachments.filter(isImage);
  const files = attachments.filter((a) => !isImage(a));
  return (
    <div className="lia-attachments">
      {images.length > 0 && (
        <Image.PreviewGroup>
          <div className="lia-thumbs">
            {images.map((image) => (
              <Image
                key={image.id}
                src={attachmentUrl(image.id)}
                alt={image.fileName}
                height={160}
                style={{ maxWidth: 280, objectFit: 'cover', borderRadius: 6 }}
                data-testid="attachment-image"
              />
            ))}
          </div>
        </Image.PreviewGroup>
      )}
      {files.map((file) => (
        <FileChip key={file.id} attachment={file} />
      ))}
    </div>
  );
}
