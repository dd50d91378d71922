import { Button, Card, Result } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { MENU_ICONS } from '../../app/menuIcons.tsx';
import type { UpcomingModule } from '../../app/navigation.ts';

export default function ComingSoonPage({ module }: { module: UpcomingModule }) {
  const { t } = useTranslation();
  const icon = MENU_ICONS[module];
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
