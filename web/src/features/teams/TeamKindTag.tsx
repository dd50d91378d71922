import type { TeamKind } from '@liaison/contracts';
import { Tag } from 'antd';
import { useTranslation } from 'react-i18next';

export function TeamKindTag({ kind }: { kind: TeamKind }) {
  const { t } = useTranslation();
  return kind === 'project' ? (
    <Tag color="geekblue">{t('teams.kindProject')}</Tag>
  ) : (
    <Tag color="cyan">{t('teams.kindTeam')}</Tag>
  );
}
