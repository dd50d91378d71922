import { TeamOutlined } from '@ant-design/icons';
import type { Audience } from '@liaison/contracts';
import { useQuery } from '@tanstack/react-query';
import { Alert, Checkbox, Flex, Select, Spin, TreeSelect, Typography } from 'antd';
import { type ReactNode, useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { previewAudience } from '../../api/announcements.ts';
import { listCounterparties } from '../../api/counterparties.ts';
import { queryKeys } from '../../api/keys.ts';
import { useCan } from '../../app/session.ts';
import { PeoplePicker } from '../../components/PeoplePicker.tsx';
import { useDebounced } from '../../components/useDebounced.ts';
import { toTreeOptions, useDepartments } from '../../shared/queries/departments.ts';
import { useAllTeams } from '../../shared/queries/tasks.ts';
import { emptyAudience, isAudienceEmpty, normaliseAudience } from './announcementForm.ts';

function Row({ label, children }: { label: string; children: ReactNode }) {
  return (
    <div className="lia-audience-row">
      <Typography.Text type="secondary" style={{ display: 'block', marginBottom: 4 }}>
        {label}
      </Typography.Text>
      {children}
    </div>
  );
}

/** "将送达 N 人": the server counts the audience as it stands (people, not duplicates). */
function AudiencePreviewLine({ audience }: { audience: Audience }) {
  const { t } = useTranslation();
  const normalised = normaliseAudience(audience);
  const key = useDebounced(JSON.stringify(normalised), 400);
  const empty = isAudienceEmpty(normalised);
  const preview = useQuery({
    queryKey: queryKeys.announcements.audience(key),
    queryFn: () => previewAudience(JSON.parse(key) as Audience),
    enabled: !empty,
    staleTime: 30_000,
    meta: { silent: true },
  });
  if (empty)
    return (
      <Alert
        type="warning"
        showIcon
        title={t('announcements.audience.none')}
        data-testid="audience-preview"
      />
    );
  return (
    <Alert
      type="info"
      showIcon
      icon={<TeamOutlined />}
      data-testid="audience-preview"
      data-recipients={preview.data?.recipients ?? ''}
      title={
        preview.data && key === JSON.stringify(normalised) ? (
          t('announcements.audience.preview', {
            count: preview.data.recipients,
            departments: preview.data.departments,
          })
        ) : preview.isError ? (
          t('announcements.audience.previewFailed')
        ) : (
          <Spin size="small" />
        )
      }
    />
  );
}

/**
 * 发布范围: everyone, or any mix of departments (each with or without its sub-departments), teams,
 * people and external organisations (their contacts), with a live count of who it reaches.
 */
export function AudiencePicker({
  value,
  onChange,
  id,
}: {
  value?: Audience;
  onChange?: (value: Audience) => void;
  id?: string;
}) {
  const { t } = useTranslation();
  const allowed = useCan();
  const audience = value ?? emptyAudience();
  const change = (patch: Partial<Audience>) => onChange?.({ ...audience, ...patch });
  const { tree, departments, isLoading } = useDepartments();
  const treeData = useMemo(() => toTreeOptions(tree), [tree]);
  const names = useMemo(() => new Map(departments.map((d) => [d.id, d.name])), [departments]);
  const teams = useAllTeams(allowed('directory.read'));
  const canCounterparties = allowed('counterparty.read');
  const counterparties = useQuery({
    queryKey: queryKeys.counterparties,
    queryFn: listCounterparties,
    enabled: canCounterparties,
    select: (data) => data.items,
    staleTime: 5 * 60_000,
  });

  return (
    <Flex vertical gap={12} id={id} data-testid="audience-picker">
      <Checkbox
        checked={audience.everyone}
        onChange={(event) => change({ everyone: event.target.checked })}
        data-testid="audience-everyone"
      >
        {t('announcements.audience.everyone')}
      </Checkbox>
      {!audience.everyone && (
        <>
          <Row label={t('announcements.audience.departments')}>
            <TreeSelect
              multiple
              value={audience.departments.map((d) => d.id)}
              onChange={(ids: string[]) =>
                change({
                  departments: (ids ?? []).map(
                    (departmentId) =>
                      audience.departments.find((d) => d.id === departmentId) ?? {
                        id: departmentId,
                        includeChildren: true,
                      },
                  ),
                })
              }
              treeData={treeData}
              loading={isLoading}
              showSearch={{ treeNodeFilterProp: 'title' }}
              allowClear
              treeDefaultExpandAll
              placeholder={t('announcements.audience.departmentsPlaceholder')}
              popupMatchSelectWidth={false}
              style={{ width: '100%' }}
              data-testid="audience-departments"
            />
            {audience.departments.length > 0 && (
              <div className="lia-audience-departments">
                {audience.departments.map((d) => (
                  <Flex key={d.id} justify="space-between" align="center" gap={12}>
                    <Typography.Text>{names.get(d.id) ?? d.id}</Typography.Text>
                    <Checkbox
                      checked={d.includeChildren}
                      onChange={(event) =>
                        change({
                          departments: audience.departments.map((item) =>
                            item.id === d.id ? { ...item, includeChildren: event.target.checked } : item,
                          ),
                        })
                      }
                      data-testid="audience-include-children"
                    >
                      {t('announcements.audience.includeChildren')}
                    </Checkbox>
                  </Flex>
                ))}
              </div>
            )}
          </Row>
          <Row label={t('announcements.audience.teams')}>
            <Select
              mode="multiple"
              allowClear
              value={audience.teams}
              onChange={(ids: string[]) => change({ teams: ids })}
              loading={teams.isLoading}
              showSearch={{ optionFilterProp: 'label' }}
              placeholder={t('announcements.audience.teamsPlaceholder')}
              options={(teams.data ?? []).map((team) => ({ value: team.id, label: team.name }))}
              style={{ width: '100%' }}
              data-testid="audience-teams"
            />
          </Row>
          <Row label={t('announcements.audience.people')}>
            <PeoplePicker
              mode="multiple"
              includeMe
              value={audience.users}
              onChange={(ids) => change({ users: ids })}
              placeholder={t('announcements.audience.peoplePlaceholder')}
              data-testid="audience-people"
            />
          </Row>
          {canCounterparties && (
            <Row label={t('announcements.audience.counterparties')}>
              <Select
                mode="multiple"
                allowClear
                value={audience.counterparties}
                onChange={(ids: string[]) => change({ counterparties: ids })}
                loading={counterparties.isLoading}
                showSearch={{ optionFilterProp: 'label' }}
                placeholder={t('announcements.audience.counterpartiesPlaceholder')}
                options={(counterparties.data ?? []).map((c) => ({ value: c.id, label: c.name }))}
                style={{ width: '100%' }}
                data-testid="audience-counterparties"
              />
            </Row>
          )}
        </>
      )}
      <AudiencePreviewLine audience={audience} />
    </Flex>
  );
}
