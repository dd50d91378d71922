import { Button, Card, Result } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { UPCOMING_MODULES, type UpcomingModule } from '../../app/navigation.tsx';

export default function ComingSoonPage({ module }: { module: UpcomingModule }) {
  const { t } = useTranslation();
  const icon = UPCOMING_MODULES.find((item) => item.key === module)?.icon;
  return (
    <Card data-testid={`coming-soon-${module}`}>
      <Result
        icon={<span style={{ fontSize: 72, color: '#1677ff' }}>{icon}</span>}
        title={t('placeholder.title', { module: t(`menu.${module}`) })}
        subTitle={t('placeholder.subTitle')}
        extra={
          <Link to="/">
            <Button type="primary">{t('placeholder.back')}</Button>
          </Link>
        }
      />
    </Card>
  );
}
