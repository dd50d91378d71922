import { Button, Result } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link, useRouteError } from 'react-router';

export function ForbiddenPage() {
  const { t } = useTranslation();
  return (
    <div data-testid="forbidden">
      <Result
        status="403"
        title={t('status.forbiddenTitle')}
        subTitle={t('status.forbidden')}
        extra={
          <Link to="/">
            <Button type="primary">{t('status.backHome')}</Button>
          </Link>
        }
      />
    </div>
  );
}

export function NotFoundPage() {
  const { t } = useTranslation();
  return (
    <Result
      status="404"
      title={t('status.notFoundTitle')}
      subTitle={t('status.notFound')}
      extra={
        <Link to="/">
          <Button type="primary">{t('status.backHome')}</Button>
        </Link>
      }
    />
  );
}

/** Shown when rendering a route throws; a failed lazy chunk after a deploy is the usual cause. */
export function CrashPage() {
  const { t } = useTranslation();
  const error = useRouteError();
  if (import.meta.env.DEV) console.error(error);
  return (
    <Result
      status="error"
      title={t('status.crashTitle')}
      subTitle={t('status.crash')}
      extra={
        <Button type="primary" onClick={() => window.location.reload()}>
          {t('status.reload')}
        </Button>
      }
    />
  );
}
