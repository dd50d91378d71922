import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { Col, Row, Spin } from 'antd';
import dayjs from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { getCalendar } from '../../api/calendar.ts';
import { queryKeys } from '../../api/keys.ts';
import { PageHeader } from '../../components/PageHeader.tsx';
import { DaysCard } from './DaysCard.tsx';
import { SlaCard } from './SlaCard.tsx';
import { WeekCard } from './WeekCard.tsx';

/** 工作日历 (calendar.manage): the working week, the year's holidays and 调休, and the request SLA. */
export default function WorkCalendarPage() {
  const { t } = useTranslation();
  const [year, setYear] = useState(() => dayjs().year());
  const query = useQuery({
    queryKey: queryKeys.calendar.year(year),
    queryFn: () => getCalendar(year),
    placeholderData: keepPreviousData,
  });

  return (
    <div data-testid="work-calendar-page">
      <PageHeader title={t('calendar.title')} subtitle={t('calendar.subtitle')} />
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
            <DaysCard year={year} onYear={setYear} days={query.data.days} loading={query.isFetching} />
          </Col>
        </Row>
      )}
    </div>
  );
}
