import { UploadOutlined } from '@ant-design/icons';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Checkbox, Flex, Input, Modal, Upload } from 'antd';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { importCalendar } from '../../api/calendar.ts';
import { queryKeys } from '../../api/keys.ts';
import { useApiError } from '../../app/errors.ts';

/**
 * iCalendar import: a file's text (picked or pasted) merged into, or replacing, its years — the
 * official arrangement of those years, so their provisional days go.
 */
export function ImportModal({ open, onClose }: { open: boolean; onClose: () => void }) {
  const { t } = useTranslation();
  const { modal } = App.useApp();
  const showError = useApiError();
  const queryClient = useQueryClient();
  const [ics, setIcs] = useState('');
  const [replaceYears, setReplaceYears] = useState(false);

  useEffect(() => {
    if (open) {
      setIcs('');
      setReplaceYears(false);
    }
  }, [open]);

  const run = useMutation({
    mutationFn: () => importCalendar({ ics, replaceYears }),
    onSuccess: (result) => {
      void queryClient.invalidateQueries({ queryKey: queryKeys.calendar.all });
      onClose();
      modal.success({
        title: t('calendar.ical.result', {
          added: result.added,
          updated: result.updated,
          removed: result.removed,
          years: result.years.join('、'),
        }),
        content:
          result.replacedProvisional.length > 0
            ? t('calendar.ical.replaced', { years: result.replacedProvisional.join('、') })
            : undefined,
      });
    },
    onError: (error) => showError(error),
  });

  return (
    <Modal
      open={open}
      title={t('calendar.ical.importTitle')}
      onCancel={onClose}
      onOk={() => run.mutate()}
      okButtonProps={{ disabled: !ics.trim() }}
      confirmLoading={run.isPending}
      width={640}
    >
      <Flex vertical gap={12}>
        <Alert type="info" showIcon title={t('calendar.ical.importHint')} />
        <Upload
          accept=".ics,text/calendar"
          showUploadList={false}
          beforeUpload={(file) => {
            void file.text().then(setIcs);
            return false;
          }}
        >
          <Button icon={<UploadOutlined />}>{t('calendar.ical.upload')}</Button>
        </Upload>
        <Input.TextArea
          value={ics}
          onChange={(event) => setIcs(event.target.value)}
          autoSize={{ minRows: 8, maxRows: 16 }}
          placeholder={`${t('calendar.ical.paste')}\nBEGIN:VCALENDAR\n…`}
          style={{ fontFamily: 'ui-monospace, SFMono-Regular, Menlo, Consolas, monospace', fontSize: 12 }}
          data-testid="calendar-ics"
        />
        <Checkbox checked={replaceYears} onChange={(event) => setReplaceYears(event.target.checked)}>
          {t('calendar.ical.replaceYears')}
        </Checkbox>
      </Flex>
    </Modal>
  );
}
