import type { ChannelKind, CreateChannelRequest, NamingRules } from '@liaison/contracts';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Form, Input, Modal, Select } from 'antd';
import { useEffect, useMemo, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { createChannel, getNamingRules } from '../../api/channels.ts';
import { listCounterparties } from '../../api/counterparties.ts';
import { queryKeys } from '../../api/keys.ts';
import { listTeams } from '../../api/teams.ts';
import { useApiError } from '../../app/errors.ts';
import { DepartmentSelect } from '../../components/DepartmentSelect.tsx';
import { PeoplePicker } from '../../components/PeoplePicker.tsx';
import { useDepartments } from '../../shared/queries/departments.ts';
import { fillRule, followsRule, type NamingValues, rulePrefix } from './naming.ts';

export type CreateKind = ChannelKind;
type GroupKind = Exclude<ChannelKind, 'direct'>;

interface Values {
  name: string;
  topic?: string;
  ownerId?: string | null;
  departmentId?: string;
  teamId?: string;
  counterpartyId?: string;
  memberIds?: string[];
}

/** The same words as the "+" menu entry that opened the form. */
const CREATE_TITLES = {
  department: 'messaging.sidebar.newDepartment',
  team: 'messaging.sidebar.newTeam',
  all_hands: 'messaging.sidebar.newAllHands',
  external: 'messaging.sidebar.newExternal',
} as const;

type Field = 'departmentId' | 'teamId' | 'counterpartyId' | 'name' | 'topic' | 'ownerId' | 'memberIds';

/** The form of each kind, top to bottom: the scope first, so the name can follow its naming rule. */
const FIELDS: Record<GroupKind, readonly Field[]> = {
  department: ['departmentId', 'name', 'topic', 'ownerId'],
  team: ['teamId', 'name', 'topic', 'ownerId'],
  all_hands: ['name', 'topic', 'ownerId'],
  external: ['counterpartyId', 'name', 'topic', 'memberIds'],
};

function toRequest(kind: GroupKind, values: Values): CreateChannelRequest {
  const common = { name: values.name.trim(), topic: values.topic?.trim() || null };
  const ownerId = values.ownerId ?? undefined;
  switch (kind) {
    case 'department':
      return { kind, ...common, ownerId, departmentId: values.departmentId! };
    case 'team':
      return { kind, ...common, ownerId, teamId: values.teamId! };
    case 'all_hands':
      return { kind, ...common, ownerId };
    case 'external':
      return { kind, ...common, counterpartyId: values.counterpartyId!, memberIds: values.memberIds ?? [] };
  }
}

/** 新建部门群 / 项目群 / 全员群 / 外部群, with the naming rule shown and checked as one types. */
export function NewChannelModal({
  kind,
  onClose,
  ownTeamsOnly,
}: {
  kind: GroupKind | null;
  onClose: () => void;
  /** Without channel.manage one may only open the group of a team one owns. */
  ownTeamsOnly: string | null;
}) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const showError = useApiError();
  const [form] = Form.useForm<Values>();
  const fields = kind ? FIELDS[kind] : [];
  const rules = useQuery({
    queryKey: queryKeys.channels.namingRules,
    queryFn: getNamingRules,
    enabled: !!kind,
  });
  const teams = useQuery({
    queryKey: queryKeys.teams.list({}),
    queryFn: () => listTeams(),
    enabled: kind === 'team',
  });
  const counterparties = useQuery({
    queryKey: queryKeys.counterparties,
    queryFn: listCounterparties,
    enabled: kind === 'external',
  });
  const { departments } = useDepartments(kind === 'department');

  const departmentId = Form.useWatch('departmentId', form);
  const teamId = Form.useWatch('teamId', form);
  const counterpartyId = Form.useWatch('counterpartyId', form);

  const values: NamingValues = useMemo(() => {
    const team = teams.data?.items.find((x) => x.id === teamId)?.name;
    return {
      department: departments.find((d) => d.id === departmentId)?.name,
      team,
      project: team,
      counterparty: counterparties.data?.items.find((c) => c.id === counterpartyId)?.name,
    };
  }, [departments, departmentId, teams.data, teamId, counterparties.data, counterpartyId]);

  const pattern = kind ? rules.data?.[kind as keyof NamingRules] : undefined;
  const star = kind ? t(`messaging.create.starWords.${kind}`) : '';

  // Prefill the fixed part of the name once the scope is known, unless the user typed their own.
  const lastPrefill = useRef('');
  useEffect(() => {
    if (!pattern) return;
    const prefix = rulePrefix(pattern, values);
    const current = form.getFieldValue('name') ?? '';
    if (prefix && (current === '' || current === lastPrefill.current)) {
      form.setFieldValue('name', prefix);
      lastPrefill.current = prefix;
    }
  }, [pattern, values, form]);

  useEffect(() => {
    if (kind) {
      form.resetFields();
      lastPrefill.current = '';
    }
  }, [kind, form]);

  const create = useMutation({
    mutationFn: (v: Values) => createChannel(toRequest(kind!, v)),
    onSuccess: (channel) => {
      void queryClient.invalidateQueries({ queryKey: queryKeys.channels.list });
      onClose();
      navigate(`/messages/${channel.id}`);
    },
    onError: (error) => showError(error, form),
  });

  const teamOptions = (teams.data?.items ?? [])
    .filter((team) => !ownTeamsOnly || team.owner?.id === ownTeamsOnly)
    .map((team) => ({ value: team.id, label: team.name }));

  const render = (field: Field) => {
    switch (field) {
      case 'departmentId':
        return (
          <Form.Item
            key={field}
            name="departmentId"
            label={t('messaging.create.department')}
            rules={[{ required: true }]}
          >
            <DepartmentSelect />
          </Form.Item>
        );
      case 'teamId':
        return (
          <Form.Item
            key={field}
            name="teamId"
            label={t('messaging.create.team')}
            rules={[{ required: true }]}
          >
            <Select
              showSearch={{ optionFilterProp: 'label' }}
              options={teamOptions}
              loading={teams.isLoading}
            />
          </Form.Item>
        );
      case 'counterpartyId':
        return (
          <Form.Item
            key={field}
            name="counterpartyId"
            label={t('messaging.create.counterparty')}
            rules={[{ required: true }]}
          >
            <Select
              showSearch={{ optionFilterProp: 'label' }}
              loading={counterparties.isLoading}
              options={(counterparties.data?.items ?? []).map((c) => ({ value: c.id, label: c.name }))}
              // Contacts chosen for another organisation cannot join this one's channel.
              onChange={() => form.setFieldValue('memberIds', [])}
              data-testid="channel-counterparty"
            />
          </Form.Item>
        );
      case 'name':
        return (
          <Form.Item
            key={field}
            name="name"
            label={t('messaging.create.name')}
            extra={
              pattern
                ? t('messaging.create.rule', { rule: pattern, example: fillRule(pattern, values, star) })
                : undefined
            }
            rules={[
              { required: true, whitespace: true, max: 64 },
              {
                validator: async (_rule, name: string | undefined) => {
                  if (!pattern || !name?.trim()) return;
                  const placeholders = [...pattern.matchAll(/\{([^}]*)\}/g)].map(
                    (m) => m[1] as keyof NamingValues,
                  );
                  // Until the scope is chosen the rule cannot be checked; the server checks it anyway.
                  if (placeholders.some((p) => !values[p])) return;
                  if (!followsRule(pattern, name, values))
                    throw new Error(
                      t('messaging.create.ruleMismatch', { rule: fillRule(pattern, values, '*') }),
                    );
                },
              },
            ]}
          >
            <Input data-testid="channel-name" />
          </Form.Item>
        );
      case 'topic':
        return (
          <Form.Item key={field} name="topic" label={t('messaging.create.topic')} rules={[{ max: 500 }]}>
            <Input.TextArea autoSize={{ minRows: 2, maxRows: 4 }} />
          </Form.Item>
        );
      case 'ownerId':
        return (
          <Form.Item key={field} name="ownerId" label={t('messaging.create.owner')}>
            <PeoplePicker data-testid="channel-owner" />
          </Form.Item>
        );
      case 'memberIds':
        return (
          <Form.Item
            key={field}
            name="memberIds"
            label={t('messaging.create.members')}
            extra={
              values.counterparty
                ? t('messaging.info.addMembersHint', { name: values.counterparty })
                : undefined
            }
          >
            <PeoplePicker mode="multiple" counterpartyId={counterpartyId} data-testid="channel-members" />
          </Form.Item>
        );
    }
  };

  return (
    <Modal
      open={kind !== null}
      title={kind ? t(CREATE_TITLES[kind]) : ''}
      onCancel={onClose}
      onOk={() => form.submit()}
      okText={t('common.create')}
      confirmLoading={create.isPending}
      forceRender
      width={560}
      data-testid="new-channel-modal"
    >
      <Form<Values> form={form} layout="vertical" onFinish={(v) => create.mutate(v)}>
        {fields.map(render)}
      </Form>
    </Modal>
  );
}
