import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { App, Button, Card, Flex, InputNumber, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { workingTime } from '../../api/calendar.ts';
import { queryKeys } from '../../api/keys.ts';
import { updateRequestSettings } from '../../api/requests.ts';
import { useApiError } from '../../app/errors.ts';
import { formatDateTime } from '../../app/format.ts';
import { useRequestSettings } from '../../shared/queries/requestSettings.ts';

/** 部门请求响应时限: the working hours a department has to answer, with an example deadline. */
export function SlaCard() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const showError = useApiError();
  const queryClient = useQueryClient();
  const settings = useRequestSettings();
  const [hours, setHours] = useState<number | null>(null);
  const saved = settings.data?.firstResponseHours ?? null;

  useEffect(() => setHours(saved), [saved]);

  // Minutes are dropped so the example does not refetch on every render.
  const [from] = useState(() => new Date(Math.floor(Date.now() / 60_000) * 60_000).toISOString());
  const example = useQuery({
    queryKey: [...queryKeys.calendar.all, 'working-time', from, saved],
    queryFn: () => workingTime(from, saved!),
    enabled: saved !== null,
    meta: { silent: true },
  });

  const save = useMutation({
    mutationFn: () => updateRequestSettings({ firstResponseHours: hours! }),
    onSuccess: (next) => {
      queryClient.setQueryData(queryKeys.requests.settings, next);
      message.success(t('calendar.sla.saved'));
    },
    onError: (error) => showError(error),
  });

  return (
    <Card title={t('calendar.sla.title')} data-testid="sla-card">
      <Flex vertical gap={12}>
        <Flex gap={8} align="center" wrap>
          <Typography.Text>{t('calendar.sla.firstResponseHours')}</Typography.Text>
          <InputNumber
            min={1}
            max={720}
            step={1}
            value={hours}
            onChange={(value) => setHours(value)}
            style={{ width: 100 }}
            data-testid="sla-hours"
          />
          <Typography.Text>{t('calendar.sla.unit')}</Typography.Text>
          <Button
            type="primary"
            disabled={hours === null || hours === saved}
            loading={save.isPending}
            onClick={() => save.mutate()}
            data-testid="sla-save"
          >
            {t('common.save')}
          </Button>
        </Flex>
        <Typography.Text type="secondary">{t('calendar.sla.hint')}</Typography.Text>
        {example.data?.at && (
          <Typography.Text type="secondary">
            {t('calendar.sla.example', { at: formatDateTime(example.data.at) })}
          </Typography.Text>
        )}
      </Flex>
    </Card>
  );
}
