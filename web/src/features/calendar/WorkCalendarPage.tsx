import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { Alert, Button, Col, Row, Spin } from 'antd';
import dayjs from 'dayjs';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import { getCalendar } from '../../api/calendar.ts';
import { queryKeys } from '../../api/keys.ts';
import { PageHeader } from '../../components/PageHeader.tsx';
import { DaysCard } from './DaysCard.tsx';
import { SlaCard } from './SlaCard.tsx';
import { WeekCard } from './WeekCard.tsx';

/** The year in the address (`?year=2027`, where the next-year notice links), else this year. */
function yearParam(value: string | null): number {
  const year = Number(value);
  return Number.isInteger(year) && year >= 2000 && year <= 2100 ? year : dayjs().year();
}

/** 工作日历 (calendar.manage): the working week, the year's holidays and 调休, and the request SLA. */
export default function WorkCalendarPage() {
  const { t } = useTranslation();
  const [params, setParams] = useSearchParams();
  const year = yearParam(params.get('year'));
  const setYear = (next: number) =>
    setParams(
      (current) => {
        const out = new URLSearchParams(current);
        out.set('year', String(next));
        return out;
      },
      { replace: true },
    );
  const query = useQuery({
    queryKey: queryKeys.calendar.year(year),
    queryFn: () => getCalendar(year),
    placeholderData: keepPreviousData,
  });
  const warning = query.data?.nextYearWarning ?? null;

  return (
    <div data-testid="work-calendar-page">
      <PageHeader title={t('calendar.title')} subtitle={t('calendar.subtitle')} />
      {warning && (
        // From 1 November, until next year's official arrangement is imported or entered.
        <Alert
          type={warning.schedule === 'none' ? 'error' : 'warning'}
          showIcon
          style={{ marginBottom: 16 }}
          title={t(`calendar.nextYear.${warning.schedule}`, { year: warning.year })}
          description={t('calendar.nextYear.description')}
          action={
            warning.year !== year && (
              <Button size="small" onClick={() => setYear(warning.year)}>
                {t('calendar.nextYear.view', { year: warning.year })}
              </Button>
            )
          }
          data-testid="calendar-next-year-warning"
        />
      )}
      {!query.data ? (
        <Spin style={{ display: 'block', margin: 64 }} />
      ) : (
        <Row gutter={[16, 16]}>
          <Col xs={24} xxl={12}>
            <Row gutter={[16, 16]}>
              <Col span={24}>
                <WeekCard calendar={query.data} />
              </Col>
              <Col span={24}>
                <SlaCard />
              </Col>
            </Row>
          </Col>
          <Col xs={24} xxl={12}>
            <DaysCard
              year={year}
              onYear={setYear}
              days={query.data.days}
              schedule={query.data.schedule}
              loading={query.isFetching}
            />
          </Col>
        </Row>
      )}
    </div>
  );
}
