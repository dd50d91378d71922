import { PaperClipOutlined } from '@ant-design/icons';
import type { ApprovalSubjectField, ApprovalSubjectPreview } from '@liaison/contracts';
import { Card, Descriptions, Flex, Typography } from 'antd';
import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import { formatDateTime } from '../../app/format.ts';
import { AnnouncementBody } from '../../components/announcements/AnnouncementBody.tsx';
import { translateDynamic } from '../../components/labels.ts';
import { formatBytes } from '../../shared/timeline.ts';

function fieldValue(t: TFunction, field: ApprovalSubjectField): string {
  if ('text' in field) return field.text;
  if ('instant' in field) return formatDateTime(field.instant);
  return translateDynamic(t, `approvals.preview.codes.${field.code}`, field.code);
}

/**
 * What the approvers decide on, as the subject's module presents it (an announcement's category,
 * audience, dates, text and files): read here, without leaving the approval.
 */
export function SubjectPreview({ subject }: { subject: ApprovalSubjectPreview }) {
  const { t } = useTranslation();
  return (
    <Card size="small" title={t('approvals.preview.title')} data-testid="approval-subject">
      <Flex vertical gap={12}>
        <Typography.Title level={5} style={{ margin: 0 }} data-testid="approval-subject-title">
          {subject.title}
        </Typography.Title>
        <Descriptions
          size="small"
          column={1}
          items={subject.fields.map((field) => ({
            key: field.key,
            label: translateDynamic(t, `approvals.preview.fields.${field.key}`, field.key),
            children: <span data-testid={`approval-subject-${field.key}`}>{fieldValue(t, field)}</span>,
          }))}
        />
        {subject.bodyHtml && (
          <div className="lia-approval-subject-body">
            <AnnouncementBody html={subject.bodyHtml} />
          </div>
        )}
        {subject.files.length > 0 && (
          <Flex vertical gap={4} data-testid="approval-subject-files">
            <Typography.Text type="secondary">{t('approvals.preview.files')}</Typography.Text>
            {subject.files.map((file) => (
              <Typography.Text key={file.id}>
                <PaperClipOutlined /> {file.fileName}{' '}
                <Typography.Text type="secondary">({formatBytes(file.size)})</Typography.Text>
              </Typography.Text>
            ))}
          </Flex>
        )}
      </Flex>
    </Card>
  );
}
