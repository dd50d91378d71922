import { Flex } from 'antd';
import { useTranslation } from 'react-i18next';
import { useCan } from '../../app/session.ts';
import { PageHeader } from '../../components/PageHeader.tsx';
import { ArchivesCard } from './ArchivesCard.tsx';
import { HoldsCard } from './HoldsCard.tsx';
import { PoliciesCard } from './PoliciesCard.tsx';

/** 留存与归档: each section appears with the permission its API needs. */
export default function RetentionPage() {
  const { t } = useTranslation();
  const allowed = useCan();
  return (
    <div data-testid="retention-page">
      <PageHeader title={t('compliance.title')} subtitle={t('compliance.subtitle')} />
      <Flex vertical gap={16}>
        {allowed('retention.manage') && <PoliciesCard />}
        {allowed('retention.manage') && <HoldsCard />}
        {allowed('message.audit') && <ArchivesCard />}
      </Flex>
    </div>
  );
}
