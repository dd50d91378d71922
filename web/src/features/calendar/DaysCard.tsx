import {
  DeleteOutlined,
  DownloadOutlined,
  EditOutlined,
  FormOutlined,
  PlusOutlined,
  UploadOutlined,
} from '@ant-design/icons';
import {
  CALENDAR_DAY_KINDS,
  type CalendarDay,
  type CalendarDayKind,
  type CalendarSchedule,
} from '@liaison/contracts';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { TableColumnsType } from 'antd';
import {
  Alert,
  App,
  Button,
  Card,
  DatePicker,
  Flex,
  Form,
  Input,
  Modal,
  Radio,
  Select,
  Space,
  Table,
  Tag,
  Typography,
} from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { deleteCalendarDay, exportCalendar, putCalendarDay } from '../../api/calendar.ts';
import { queryKeys } from '../../api/keys.ts';
import { useApiError } from '../../app/errors.ts';
import { dayRuns } from './calendarDays.ts';
import { ImportModal } from './ImportModal.tsx';
import { OfficialYearModal } from './OfficialYearModal.tsx';

type Weekday = 1 | 2 | 3 | 4 | 5 | 6 | 7;
type Editing = { mode: 'create' } | { mode: 'edit'; day: CalendarDay } | null;

/** A run of days (with its days as children), or one day. */
interface DayRow {
  key: string;
  kind: CalendarDayKind;
  name: string;
  from: string;
  to: string;
  count: number;
  provisional: boolean;
  day?: CalendarDay;
  children?: DayRow[];
}

interface DayForm {
  date: Dayjs | null;
  kind: CalendarDayKind;
  name: string;
}

const KIND_COLOUR: Record<CalendarDayKind, string> = { holiday: 'green', workday: 'orange' };
const SCHEDULE_COLOUR: Record<CalendarSchedule, string> = {
  official: 'blue',
  provisional: 'gold',
  none: 'default',
};

/**
 * 节假日与调休: one year's exceptions to the week, with add, edit, delete, import and export, and
 * where they come from — the official arrangement, or the provisional one the statutory rules gave
 * until an administrator imports or enters the official one.
 */
export function DaysCard({
  year,
  onYear,
  days,
  schedule,
  loading,
}: {
  year: number;
  onYear: (year: number) => void;
  days: CalendarDay[];
  schedule: CalendarSchedule;
  loading: boolean;
}) {
  const { t } = useTranslation();
  const { message, modal } = App.useApp();
  const showError = useApiError();
  const queryClient = useQueryClient();
  const [editing, setEditing] = useState<Editing>(null);
  const [importing, setImporting] = useState(false);
  const [enteringOfficial, setEnteringOfficial] = useState(false);
  const [form] = Form.useForm<DayForm>();

  useEffect(() => {
    if (!editing) return;
    form.resetFields();
    form.setFieldsValue(
      editing.mode === 'edit'
        ? { date: dayjs(editing.day.date), kind: editing.day.kind, name: editing.day.name }
        : { date: null, kind: 'holiday', name: '' },
    );
  }, [editing, form]);

  const reload = () => queryClient.invalidateQueries({ queryKey: queryKeys.calendar.all });
  const save = useMutation({
    mutationFn: async (values: DayForm) => {
      const date = values.date!.format('YYYY-MM-DD');
      // Moving an exception to another date: the old one goes.
      if (editing?.mode === 'edit' && editing.day.date !== date) await deleteCalendarDay(editing.day.date);
      return putCalendarDay(date, { kind: values.kind, name: values.name.trim() });
    },
    onSuccess: () => {
      message.success(t('calendar.days.saved'));
      setEditing(null);
      void reload();
    },
    onError: (error) => showError(error, form),
  });
  const remove = useMutation({
    mutationFn: (day: CalendarDay) => deleteCalendarDay(day.date),
    onSuccess: () => {
      message.success(t('common.deleted'));
      void reload();
    },
    onError: (error) => showError(error),
  });
  const download = useMutation({
    mutationFn: () => exportCalendar(year),
    onError: (error) => showError(error),
  });

  const holidays = days.filter((day) => day.kind === 'holiday').length;
  const years = [...new Set([...Array.from({ length: 5 }, (_, i) => dayjs().year() - 1 + i), year])].sort();

  const weekday = (date: string) => t(`calendar.weekdays.d${(dayjs(date).day() || 7) as Weekday}`);
  const actions = (day: CalendarDay) => (
    <Space size={0}>
      <Button
        type="link"
        size="small"
        icon={<EditOutlined />}
        onClick={() => setEditing({ mode: 'edit', day })}
      >
        {t('common.edit')}
      </Button>
      <Button
        type="link"
        size="small"
        danger
        icon={<DeleteOutlined />}
        onClick={() =>
          modal.confirm({
            title: t('calendar.days.deleteConfirm', { date: day.date, name: day.name }),
            okButtonProps: { danger: true },
            onOk: () => remove.mutateAsync(day).catch(() => undefined),
          })
        }
      >
        {t('common.delete')}
      </Button>
    </Space>
  );

  // A holiday of several days is one row, opened to edit its days one by one.
  const rows: DayRow[] = dayRuns(days).map((run) =>
    run.days.length === 1
      ? {
          key: run.key,
          kind: run.kind,
          name: run.name,
          from: run.from,
          to: run.to,
          count: 1,
          provisional: run.provisional,
          day: run.days[0],
        }
      : {
          key: run.key,
          kind: run.kind,
          name: run.name,
          from: run.from,
          to: run.to,
          count: run.days.length,
          provisional: run.provisional,
          children: run.days.map((day) => ({
            key: day.date,
            kind: day.kind,
            name: day.name,
            from: day.date,
            to: day.date,
            count: 1,
            provisional: day.provisional,
            day,
          })),
        },
  );

  const columns: TableColumnsType<DayRow> = [
    {
      title: t('calendar.days.date'),
      key: 'date',
      width: 260,
      render: (_, row) =>
        row.from === row.to ? (
          <Space>
            <span>{row.from}</span>
            <Typography.Text type="secondary">{weekday(row.from)}</Typography.Text>
          </Space>
        ) : (
          <Space>
            <span>
              {row.from} – {row.to.slice(5)}
            </span>
            <Typography.Text type="secondary">
              {weekday(row.from)} – {weekday(row.to)}
            </Typography.Text>
          </Space>
        ),
    },
    {
      title: t('calendar.days.kind'),
      dataIndex: 'kind',
      width: 120,
      render: (kind: CalendarDayKind) => (
        <Tag color={KIND_COLOUR[kind]}>{t(`calendar.dayKinds.${kind}`)}</Tag>
      ),
    },
    {
      title: t('calendar.days.name'),
      dataIndex: 'name',
      render: (name: string, row) => (
        <Space size={4}>
          <span>{name}</span>
          {row.provisional && (
            <Tag color="gold" data-testid="provisional-tag">
              {t('calendar.schedule.provisionalTag')}
            </Tag>
          )}
        </Space>
      ),
    },
    {
      title: t('calendar.days.days'),
      dataIndex: 'count',
      width: 80,
      render: (count: number, row) => (row.children ? t('calendar.days.count', { count }) : null),
    },
    {
      title: t('common.actions'),
      key: 'actions',
      width: 150,
      render: (_, row) => row.day && actions(row.day),
    },
  ];

  return (
    <Card
      title={
        <Space>
          {t('calendar.days.title')}
          <Tag color={SCHEDULE_COLOUR[schedule]} data-testid="calendar-schedule">
            {t(`calendar.schedule.${schedule}`)}
          </Tag>
        </Space>
      }
      extra={
        <Flex gap={8} wrap>
          <Select
            value={year}
            onChange={onYear}
            options={years.map((y) => ({ value: y, label: String(y) }))}
            style={{ width: 100 }}
            data-testid="calendar-year"
          />
          <Button icon={<UploadOutlined />} onClick={() => setImporting(true)} data-testid="calendar-import">
            {t('calendar.ical.import')}
          </Button>
          <Button icon={<DownloadOutlined />} loading={download.isPending} onClick={() => download.mutate()}>
            {t('calendar.ical.export')}
          </Button>
          <Button
            icon={<FormOutlined />}
            onClick={() => setEnteringOfficial(true)}
            data-testid="calendar-enter-official"
          >
            {t('calendar.official.enter')}
          </Button>
          <Button
            type="primary"
            icon={<PlusOutlined />}
            onClick={() => setEditing({ mode: 'create' })}
            data-testid="calendar-day-add"
          >
            {t('calendar.days.add')}
          </Button>
        </Flex>
      }
      data-testid="days-card"
    >
      {schedule === 'provisional' && (
        <Alert
          type="warning"
          showIcon
          style={{ marginBottom: 12 }}
          title={t('calendar.schedule.provisionalHint', { year })}
          data-testid="calendar-provisional-hint"
        />
      )}
      <Typography.Paragraph type="secondary">
        {t('calendar.days.summary', { year, holidays, workdays: days.length - holidays })}
      </Typography.Paragraph>
      <Table<DayRow>
        rowKey="key"
        size="small"
        columns={columns}
        dataSource={rows}
        loading={loading}
        pagination={false}
        scroll={{ x: 'max-content' }}
        locale={{ emptyText: t('calendar.days.empty', { year }) }}
        data-testid="calendar-days"
      />
      <Modal
        open={editing !== null}
        title={
          editing?.mode === 'edit'
            ? t('calendar.days.editTitle', { date: editing.day.date })
            : t('calendar.days.addTitle')
        }
        confirmLoading={save.isPending}
        onCancel={() => setEditing(null)}
        onOk={() => form.submit()}
        forceRender
      >
        <Form<DayForm> form={form} layout="vertical" onFinish={(values) => save.mutate(values)}>
          <Form.Item name="date" label={t('calendar.days.date')} rules={[{ required: true }]}>
            <DatePicker style={{ width: '100%' }} data-testid="calendar-day-date" />
          </Form.Item>
          <Form.Item name="kind" label={t('calendar.days.kind')}>
            <Radio.Group
              optionType="button"
              options={CALENDAR_DAY_KINDS.map((kind) => ({
                value: kind,
                label: t(`calendar.dayKinds.${kind}`),
              }))}
            />
          </Form.Item>
          <Form.Item
            name="name"
            label={t('calendar.days.name')}
            rules={[{ required: true, whitespace: true, max: 60 }]}
          >
            <Input
              placeholder={t('calendar.days.namePlaceholder')}
              maxLength={60}
              data-testid="calendar-day-name"
            />
          </Form.Item>
        </Form>
      </Modal>
      <ImportModal open={importing} onClose={() => setImporting(false)} />
      <OfficialYearModal
        year={year}
        days={days}
        open={enteringOfficial}
        onClose={() => setEnteringOfficial(false)}
      />
    </Card>
  );
}
