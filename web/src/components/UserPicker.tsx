import type { User, UserRef } from '@liaison/contracts';
import { useQuery } from '@tanstack/react-query';
import { Select, Spin, Typography } from 'antd';
import { useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { queryKeys } from '../api/keys.ts';
import { listUsers } from '../api/users.ts';
import { useDebounced } from './useDebounced.ts';

type Known = Pick<User, 'id' | 'username' | 'displayName'> & { department?: User['department'] };

interface CommonProps {
  /** People already referenced by the record being edited, so their names show before any search. */
  initialUsers?: readonly (UserRef | null | undefined)[];
  excludeIds?: readonly string[];
  placeholder?: string;
  disabled?: boolean;
  id?: string;
  'data-testid'?: string;
}

interface SingleProps extends CommonProps {
  mode?: undefined;
  value?: string | null;
  onChange?: (value: string | null) => void;
}

interface MultipleProps extends CommonProps {
  mode: 'multiple';
  value?: string[];
  onChange?: (value: string[]) => void;
}

/** Searches /api/users as the user types (names, usernames, pinyin and initials all match). */
export function UserPicker(props: SingleProps | MultipleProps) {
  const { t } = useTranslation();
  const [search, setSearch] = useState('');
  // Nothing is fetched until someone opens the list: forms render hidden and often go unused.
  const [opened, setOpened] = useState(false);
  const q = useDebounced(search.trim(), 250);
  const known = useRef(new Map<string, Known>());
  for (const user of props.initialUsers ?? [])
    if (user && !known.current.has(user.id)) known.current.set(user.id, user);

  const { data, isFetching } = useQuery({
    queryKey: queryKeys.users.search(q),
    queryFn: () => listUsers({ q: q || undefined, status: 'active', pageSize: 20, sort: 'name' }),
    staleTime: 60_000,
    enabled: opened,
  });
  for (const user of data?.items ?? []) known.current.set(user.id, user);

  const selected = props.mode === 'multiple' ? (props.value ?? []) : props.value ? [props.value] : [];
  const options = useMemo(() => {
    const excluded = new Set(props.excludeIds ?? []);
    const shown = new Map<string, Known>();
    for (const id of selected) {
      const user = known.current.get(id);
      if (user) shown.set(id, user);
    }
    for (const user of data?.items ?? []) if (!excluded.has(user.id)) shown.set(user.id, user);
    return [...shown.values()].map((user) => ({
      value: user.id,
      label: `${user.displayName}（${user.username}）`,
      title: user.displayName,
      department: user.department?.name,
    }));
  }, [data, selected, props.excludeIds]);

  return (
    <Select
      id={props.id}
      data-testid={props['data-testid']}
      mode={props.mode}
      value={props.mode === 'multiple' ? props.value : (props.value ?? undefined)}
      onChange={(value: string | string[] | undefined) => {
        if (props.mode === 'multiple') props.onChange?.((value as string[] | undefined) ?? []);
        else props.onChange?.((value as string | undefined) ?? null);
      }}
      showSearch={{ filterOption: false, onSearch: setSearch }}
      onOpenChange={(open) => {
        if (open) setOpened(true);
        else setSearch('');
      }}
      allowClear
      disabled={props.disabled}
      placeholder={props.placeholder ?? t('common.search')}
      notFoundContent={isFetching ? <Spin size="small" /> : undefined}
      options={options}
      optionRender={(option) => (
        <span>
          {option.label}
          {option.data.department && (
            <Typography.Text type="secondary" style={{ marginLeft: 8, fontSize: 12 }}>
              {option.data.department}
            </Typography.Text>
          )}
        </span>
      )}
      style={{ width: '100%' }}
    />
  );
}
