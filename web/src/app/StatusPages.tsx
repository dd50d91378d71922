import { Button, Flex, Result } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import { landingScreen } from './navigation.ts';
import { useMe, useSignOut } from './session.ts';

/**
 * The ways out of a page one cannot use: to one's own landing screen (the first one the menu offers —
 * an external user has no 工作台), back to where one came from, or out (perhaps to sign in as
 * someone else).
 */
function WaysBack() {
  const { t } = useTranslation();
  const me = useMe();
  const navigate = useNavigate();
  const signOut = useSignOut();
  const landing = landingScreen(me);
  const label = landing.key === 'profile' ? t('header.profile') : t(`menu.${landing.key}`);
  // history.state.idx is React Router's position in this tab's history: 0 means nothing to go back to.
  const canGoBack = ((window.history.state as { idx?: number } | null)?.idx ?? 0) > 0;
  return (
    <Flex wrap gap={8} justify="center">
      <Link to={landing.path} data-testid="status-landing">
        <Button type="primary">{t('status.goTo', { screen: label })}</Button>
      </Link>
      {canGoBack && (
        <Button onClick={() => navigate(-1)} data-testid="status-back">
          {t('status.back')}
        </Button>
      )}
      <Button onClick={() => signOut.mutate()} loading={signOut.isPending} data-testid="status-sign-out">
        {t('header.logout')}
      </Button>
    </Flex>
  );
}

export function ForbiddenPage() {
  const { t } = useTranslation();
  return (
    <div data-testid="forbidden">
      <Result
        status="403"
        title={t('status.forbiddenTitle')}
        subTitle={t('status.forbidden')}
        extra={<WaysBack />}
      />
    </div>
  );
}

export function NotFoundPage() {
  const { t } = useTranslation();
  return (
    <div data-testid="not-found">
      <Result
        status="404"
        title={t('status.notFoundTitle')}
        subTitle={t('status.notFound')}
        extra={<WaysBack />}
      />
    </div>
  );
}
