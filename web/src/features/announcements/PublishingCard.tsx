import { ANNOUNCEMENT_IMPORTANCE, type AnnouncementDetail } from '@liaison/contracts';
import type { FormInstance } from 'antd';
import { Alert, Card, DatePicker, Flex, Form, Radio, Switch } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useTranslation } from 'react-i18next';
import { useMe } from '../../app/session.ts';
import { DepartmentSelect } from '../../components/DepartmentSelect.tsx';
import { PeoplePicker } from '../../components/PeoplePicker.tsx';
import type { AnnouncementFormValues } from './announcementForm.ts';

const DATE_FORMAT = 'YYYY-MM-DD HH:mm';

/**
 * 发布设置: who publishes it and answers for it, when it applies and until when, how important it
 * is, whether it is pinned, and whether (and by when) readers must acknowledge it.
 */
export function PublishingCard({
  form,
  announcement,
  needsApproval,
}: {
  form: FormInstance<AnnouncementFormValues>;
  announcement: AnnouncementDetail | undefined;
  needsApproval: boolean;
}) {
  const { t } = useTranslation();
  const me = useMe();
  const requiresAck = Form.useWatch('requiresAck', form) ?? false;
  const importance = Form.useWatch('importance', form) ?? 'normal';
  const effectiveAt = Form.useWatch('effectiveAt', form) as Dayjs | null | undefined;
  const after = (field: 'effectiveAt') => ({
    validator: (_: unknown, value: Dayjs | null | undefined) => {
      const start = form.getFieldValue(field) as Dayjs | null | undefined;
      return !value || !start || value.isAfter(start)
        ? Promise.resolve()
        : Promise.reject(new Error(t('announcements.editor.afterEffective')));
    },
  });

  return (
    <Card title={t('announcements.editor.publishing')}>
      <Form.Item
        name="publishingDepartmentId"
        label={t('announcements.field.publishingDepartment')}
        rules={[{ required: true, message: t('announcements.editor.departmentRequired') }]}
      >
        <DepartmentSelect data-testid="announcement-department" />
      </Form.Item>
      <Form.Item
        name="ownerId"
        label={t('announcements.field.owner')}
        tooltip={t('announcements.editor.ownerHint')}
        rules={[{ required: true, message: t('announcements.editor.ownerRequired') }]}
      >
        <PeoplePicker
          includeMe
          initialPeople={[announcement?.owner ?? me.user]}
          data-testid="announcement-owner"
        />
      </Form.Item>
      <Form.Item
        name="effectiveAt"
        label={t('announcements.field.effectiveAt')}
        extra={t('announcements.editor.effectiveHint')}
        rules={[{ required: true }]}
      >
        <DatePicker
          showTime={{ format: 'HH:mm', minuteStep: 5 }}
          format={DATE_FORMAT}
          style={{ width: '100%' }}
          data-testid="announcement-effective"
        />
      </Form.Item>
      <Form.Item
        name="expiresAt"
        label={t('announcements.field.expiresAt')}
        dependencies={['effectiveAt']}
        rules={[after('effectiveAt')]}
      >
        <DatePicker
          showTime={{ format: 'HH:mm', minuteStep: 5 }}
          format={DATE_FORMAT}
          placeholder={t('announcements.editor.noExpiry')}
          style={{ width: '100%' }}
        />
      </Form.Item>
      <Form.Item
        name="importance"
        label={t('announcements.field.importance')}
        extra={importance === 'major' ? t('announcements.editor.majorHint') : undefined}
      >
        <Radio.Group
          optionType="button"
          options={ANNOUNCEMENT_IMPORTANCE.map((value) => ({
            value,
            label: t(`announcements.importance.${value}`),
          }))}
          data-testid="announcement-importance-input"
        />
      </Form.Item>
      <Flex gap={24} wrap>
        <Form.Item name="pinned" label={t('announcements.field.pinned')} valuePropName="checked">
          <Switch data-testid="announcement-pinned-input" />
        </Form.Item>
        <Form.Item name="requiresAck" label={t('announcements.field.requiresAck')} valuePropName="checked">
          <Switch
            data-testid="announcement-requires-ack"
            onChange={(checked) => {
              if (checked && !form.getFieldValue('ackDeadline'))
                form.setFieldValue(
                  'ackDeadline',
                  (effectiveAt ?? dayjs()).add(3, 'day').hour(18).minute(0).second(0).millisecond(0),
                );
            }}
          />
        </Form.Item>
      </Flex>
      {requiresAck && (
        <Form.Item
          name="ackDeadline"
          label={t('announcements.field.ackDeadline')}
          extra={t('announcements.editor.ackHint')}
          dependencies={['effectiveAt']}
          rules={[
            { required: true, message: t('announcements.editor.ackDeadlineRequired') },
            after('effectiveAt'),
          ]}
        >
          <DatePicker
            showTime={{ format: 'HH:mm', minuteStep: 5 }}
            format={DATE_FORMAT}
            style={{ width: '100%' }}
            data-testid="announcement-ack-deadline"
          />
        </Form.Item>
      )}
      {needsApproval && (
        <Alert
          type="info"
          showIcon
          title={t('announcements.editor.approvalNotice')}
          data-testid="approval-notice"
        />
      )}
    </Card>
  );
}
