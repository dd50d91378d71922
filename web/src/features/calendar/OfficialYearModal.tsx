import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { CALENDAR_DAY_KINDS, type CalendarDay, type CalendarDayKind } from '@liaison/contracts';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, DatePicker, Flex, Form, Input, Modal, Select } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { putCalendarYear } from '../../api/calendar.ts';
import { queryKeys } from '../../api/keys.ts';
import { useApiError } from '../../app/errors.ts';
import { daysFromEntries, entriesFromDays } from './officialYear.ts';

interface EntryForm {
  range: [Dayjs, Dayjs] | null;
  kind: CalendarDayKind;
  name: string;
}

/**
 * 录入正式安排: the State Council's notice for a year, entered line by line (a date range, 放假 or
 * 调休上班, a name). It starts from the year's days — provisional ones included, to be corrected —
 * and saving replaces the whole year.
 */
export function OfficialYearModal({
  year,
  days,
  open,
  onClose,
}: {
  year: number;
  days: CalendarDay[];
  open: boolean;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const showError = useApiError();
  const queryClient = useQueryClient();
  const [form] = Form.useForm<{ entries: EntryForm[] }>();

  useEffect(() => {
    if (!open) return;
    form.setFieldsValue({
      entries: entriesFromDays(days).map((e) => ({
        range: [dayjs(e.from), dayjs(e.to)],
        kind: e.kind,
        name: e.name,
      })),
    });
  }, [open, days, form]);

  const save = useMutation({
    mutationFn: (values: { entries: EntryForm[] }) => {
      const result = daysFromEntries(
        year,
        (values.entries ?? []).map((e) => ({
          from: e.range![0].format('YYYY-MM-DD'),
          to: e.range![1].format('YYYY-MM-DD'),
          kind: e.kind,
          name: e.name,
        })),
      );
      if ('problem' in result) {
        const { reason, row } = result.problem;
        form.setFields([
          { name: ['entries', row - 1, 'range'], errors: [t(`calendar.official.${reason}`, { row, year })] },
        ]);
        return Promise.reject(new Error('invalid'));
      }
      return putCalendarYear(year, { days: result.days });
    },
    onSuccess: () => {
      message.success(t('calendar.official.saved', { year }));
      void queryClient.invalidateQueries({ queryKey: queryKeys.calendar.all });
      onClose();
    },
    onError: (error) => {
      if (error.message !== 'invalid') showError(error);
    },
  });

  const outsideYear = (date: Dayjs) => date.year() !== year;

  return (
    <Modal
      open={open}
      title={t('calendar.official.title', { year })}
      onCancel={onClose}
      onOk={() => form.submit()}
      confirmLoading={save.isPending}
      width={760}
      forceRender
    >
      <Flex vertical gap={12}>
        <Alert type="warning" showIcon title={t('calendar.official.hint', { year })} />
        <Form form={form} onFinish={(values) => save.mutate(values)} data-testid="official-year-form">
          <Form.List name="entries">
            {(fields, { add, remove }) => (
              <Flex vertical gap={0}>
                {fields.map((field) => (
                  <Flex key={field.key} gap={8} align="start" wrap>
                    <Form.Item
                      name={[field.name, 'range']}
                      rules={[{ required: true, message: t('calendar.official.range') }]}
                      style={{ flex: '1 1 260px' }}
                    >
                      <DatePicker.RangePicker
                        style={{ width: '100%' }}
                        disabledDate={outsideYear}
                        defaultPickerValue={[dayjs(`${year}-01-01`), dayjs(`${year}-01-01`)]}
                      />
                    </Form.Item>
                    <Form.Item name={[field.name, 'kind']} style={{ flex: '0 0 130px' }}>
                      <Select
                        options={CALENDAR_DAY_KINDS.map((kind) => ({
                          value: kind,
                          label: t(`calendar.dayKinds.${kind}`),
                        }))}
                      />
                    </Form.Item>
                    <Form.Item
                      name={[field.name, 'name']}
                      rules={[{ required: true, whitespace: true, max: 60 }]}
                      style={{ flex: '1 1 160px' }}
                    >
                      <Input placeholder={t('calendar.days.namePlaceholder')} maxLength={60} />
                    </Form.Item>
                    <Button
                      type="text"
                      danger
                      icon={<DeleteOutlined />}
                      aria-label={t('common.delete')}
                      onClick={() => remove(field.name)}
                    />
                  </Flex>
                ))}
                <Button
                  type="dashed"
                  icon={<PlusOutlined />}
                  onClick={() => add({ range: null, kind: 'holiday', name: '' })}
                >
                  {t('calendar.official.add')}
                </Button>
              </Flex>
            )}
          </Form.List>
        </Form>
      </Flex>
    </Modal>
  );
}
