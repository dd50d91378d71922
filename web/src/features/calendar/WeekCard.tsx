import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import type { BusinessCalendar, WeekSchedule } from '@liaison/contracts';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Card, Flex, Tag, TimePicker, Typography } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { updateWeek } from '../../api/calendar.ts';
import { queryKeys } from '../../api/keys.ts';
import { useApiError } from '../../app/errors.ts';
import { nextPeriod, normaliseWeek, periodHours, weekProblem } from './weekSchedule.ts';

const FORMAT = 'HH:mm';
/** 24:00 (a period running to midnight) has no place on a clock face; it shows as 23:59. */
const toTime = (value: string): Dayjs => dayjs(value === '24:00' ? '23:59' : value, FORMAT);

type Weekday = 1 | 2 | 3 | 4 | 5 | 6 | 7;
type Periods = WeekSchedule[number]['periods'];

/** 每周工作时间: each weekday's working periods; a day without any is a day off. */
export function WeekCard({ calendar }: { calendar: BusinessCalendar }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const showError = useApiError();
  const queryClient = useQueryClient();
  const [week, setWeek] = useState<WeekSchedule>(() => normaliseWeek(calendar.week));

  useEffect(() => setWeek(normaliseWeek(calendar.week)), [calendar.week]);

  const problem = weekProblem(week);
  const dirty = JSON.stringify(week) !== JSON.stringify(normaliseWeek(calendar.week));
  const total = week.reduce((sum, day) => sum + periodHours(day.periods), 0);

  const save = useMutation({
    mutationFn: () => updateWeek(normaliseWeek(week)),
    onSuccess: () => {
      message.success(t('calendar.week.saved'));
      void queryClient.invalidateQueries({ queryKey: queryKeys.calendar.all });
    },
    onError: (error) => showError(error),
  });

  const setPeriods = (weekday: number, change: (periods: Periods) => Periods) =>
    setWeek((days) =>
      days.map((day) => (day.weekday === weekday ? { ...day, periods: change(day.periods) } : day)),
    );

  return (
    <Card
      title={t('calendar.week.title')}
      extra={
        <Flex gap={12} align="center">
          <Typography.Text type="secondary">
            {t('calendar.week.timeZone', { zone: calendar.timeZone })}
          </Typography.Text>
          <Button
            type="primary"
            disabled={!dirty || problem !== null}
            loading={save.isPending}
            onClick={() => save.mutate()}
            data-testid="week-save"
          >
            {t('common.save')}
          </Button>
        </Flex>
      }
      data-testid="week-card"
    >
      {problem && (
        <Alert
          type="error"
          showIcon
          style={{ marginBottom: 12 }}
          title={t(problem.kind === 'overlap' ? 'calendar.week.overlap' : 'calendar.week.invalid', {
            day: t(`calendar.weekdays.d${problem.weekday as Weekday}`),
          })}
        />
      )}
      <Flex vertical gap={10}>
        {week.map((day) => (
          <Flex key={day.weekday} align="center" gap={12} wrap data-testid={`week-day-${day.weekday}`}>
            <Typography.Text strong style={{ width: 48 }}>
              {t(`calendar.weekdays.d${day.weekday as Weekday}`)}
            </Typography.Text>
            <Flex gap={8} wrap style={{ flex: 1 }}>
              {day.periods.length === 0 && <Tag>{t('calendar.week.dayOff')}</Tag>}
              {day.periods.map((period, index) => (
                // biome-ignore lint/suspicious/noArrayIndexKey: periods have no identity of their own; edited in place
                <Flex key={index} gap={2} align="center">
                  <TimePicker.RangePicker
                    size="small"
                    format={FORMAT}
                    minuteStep={5}
                    allowClear={false}
                    needConfirm={false}
                    value={[toTime(period.start), toTime(period.end)]}
                    onChange={(value) => {
                      if (!value?.[0] || !value[1]) return;
                      const next = { start: value[0].format(FORMAT), end: value[1].format(FORMAT) };
                      setPeriods(day.weekday, (periods) => periods.map((p, i) => (i === index ? next : p)));
                    }}
                    style={{ width: 170 }}
                  />
                  <Button
                    type="text"
                    size="small"
                    icon={<DeleteOutlined />}
                    aria-label={t('common.delete')}
                    onClick={() =>
                      setPeriods(day.weekday, (periods) => periods.filter((_, i) => i !== index))
                    }
                  />
                </Flex>
              ))}
              {day.periods.length < 6 && (
                <Button
                  size="small"
                  type="dashed"
                  icon={<PlusOutlined />}
                  onClick={() => setPeriods(day.weekday, (periods) => [...periods, nextPeriod(periods)])}
                >
                  {t('calendar.week.addPeriod')}
                </Button>
              )}
            </Flex>
            <Typography.Text type="secondary" style={{ width: 70, textAlign: 'right' }}>
              {t('calendar.week.hours', { hours: periodHours(day.periods) })}
            </Typography.Text>
          </Flex>
        ))}
      </Flex>
      <Flex justify="space-between" style={{ marginTop: 12 }}>
        <Typography.Text type="secondary">{t('calendar.week.workdayHint')}</Typography.Text>
        <Typography.Text>
          {t('calendar.week.total', { hours: Math.round(total * 100) / 100 })}
        </Typography.Text>
      </Flex>
    </Card>
  );
}
