import { CloseCircleFilled } from '@ant-design/icons';
import { Button, Flex, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { useRouteError } from 'react-router';

/**
 * Shown when rendering a route throws; a failed lazy chunk after a deploy is the usual cause, so this
 * page is part of the first download and must not itself load anything (nor antd's Result, whose
 * illustrations weigh more than the rest of it).
 */
export function CrashPage() {
  const { t } = useTranslation();
  const error = useRouteError();
  if (import.meta.env.DEV) console.error(error);
  return (
    <Flex vertical align="center" gap={12} style={{ padding: '64px 16px', textAlign: 'center' }}>
      <CloseCircleFilled style={{ fontSize: 64, color: '#ff4d4f' }} />
      <Typography.Title level={3} style={{ margin: 0 }}>
        {t('status.crashTitle')}
      </Typography.Title>
      <Typography.Text type="secondary">{t('status.crash')}</Typography.Text>
      <Button type="primary" onClick={() => window.location.reload()}>
        {t('status.reload')}
      </Button>
    </Flex>
  );
}
