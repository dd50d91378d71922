import dayjs, { type Dayjs } from 'dayjs';
import { useTranslation } from 'react-i18next';

/** 今天 / 最近 7 天 / 最近 30 天, as the audit log offers them. */
export function useDatePresets(): { label: string; value: [Dayjs, Dayjs] }[] {
  const { t } = useTranslation();
  return [
    { label: t('audit.presetToday'), value: [dayjs().startOf('day'), dayjs().endOf('day')] },
    {
      label: t('audit.presetWeek'),
      value: [dayjs().subtract(6, 'day').startOf('day'), dayjs().endOf('day')],
    },
    {
      label: t('audit.presetMonth'),
      value: [dayjs().subtract(29, 'day').startOf('day'), dayjs().endOf('day')],
    },
  ];
}
