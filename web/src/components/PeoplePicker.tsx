import type { DirectoryPerson, UserRef } from '@liaison/contracts';
import { can } from '@liaison/contracts';
import { useQuery } from '@tanstack/react-query';
import { Select, Spin, Tag, Typography } from 'antd';
import { useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { listCounterpartyContacts } from '../api/counterparties.ts';
import { searchDirectory } from '../api/directory.ts';
import { queryKeys } from '../api/keys.ts';
import { useMe } from '../app/session.ts';
import { matchesPerson, personDetail } from '../shared/people.ts';
import { UserAvatar } from './Avatars.tsx';
import { useDebounced } from './useDebounced.ts';

/** How many people one directory search brings back. */
const DIRECTORY_LIMIT = 20;

interface CommonProps {
  excludeIds?: readonly string[];
  /**
   * Also offer the external contacts of this counterparty (an external channel takes employees
   * and its own organisation's contacts).
   */
  counterpartyId?: string | null;
  /** Offer only these people (e.g. the members of a conversation), searched here, not the directory. */
  within?: readonly DirectoryPerson[];
  /** Offer the reader too (e.g. a manager taking a channel over); otherwise they are left out. */
  includeMe?: boolean;
  /** People the value already names (a task's assignee), so they show by name before any search. */
  initialPeople?: readonly (UserRef | null | undefined)[];
  placeholder?: string;
  id?: string;
  'data-testid'?: string;
}

type Props =
  | (CommonProps & { mode: 'multiple'; value?: string[]; onChange?: (value: string[]) => void })
  | (CommonProps & { mode?: undefined; value?: string | null; onChange?: (value: string | null) => void });

/**
 * Picks people: employees from the company directory (通讯录, searched on the server by name,
 * username, pinyin or initials — "ly" finds 刘洋), plus a counterparty's contacts where they may
 * join, or only a given list. Nothing is fetched until the list is opened.
 */
export function PeoplePicker(props: Props) {
  const { t } = useTranslation();
  const me = useMe();
  const [search, setSearch] = useState('');
  const [opened, setOpened] = useState(false);
  const q = useDebounced(search.trim(), 200);
  const { excludeIds, counterpartyId, within, includeMe } = props;

  const directory = useQuery({
    queryKey: queryKeys.directory({ q: q || undefined, limit: DIRECTORY_LIMIT }),
    queryFn: () => searchDirectory({ q: q || undefined, limit: DIRECTORY_LIMIT }),
    enabled: opened && !within && can(me.grants, 'directory.read'),
    staleTime: 60_000,
  });
  const contacts = useQuery({
    queryKey: queryKeys.counterpartyContacts(counterpartyId ?? ''),
    queryFn: () => listCounterpartyContacts(counterpartyId!),
    enabled: opened && !within && !!counterpartyId && can(me.grants, 'counterparty.read'),
    staleTime: 60_000,
  });

  // Everyone seen so far, so chosen people keep their names when a new search replaces the list.
  const known = useRef(new Map<string, DirectoryPerson>());
  const seeds = [...(props.initialPeople ?? []), ...(includeMe ? [me.user] : [])];
  for (const person of seeds)
    if (person && !known.current.has(person.id))
      known.current.set(person.id, {
        id: person.id,
        username: person.username,
        displayName: person.displayName,
        kind: 'employee',
        title: null,
        department: null,
        counterparty: null,
      });
  const selected = props.mode === 'multiple' ? (props.value ?? []) : props.value ? [props.value] : [];

  const options = useMemo(() => {
    const excluded = new Set([...(includeMe ? [] : [me.user.id]), ...(excludeIds ?? [])]);
    const text = search.trim();
    const found: DirectoryPerson[] = within
      ? within.filter((p) => matchesPerson(p, text))
      : [
          // The organisation's own contacts first (matched here; the server matched the directory,
          // pinyin included).
          ...(contacts.data?.items ?? []).filter((p) => matchesPerson(p, text)),
          ...(directory.data?.items ?? []),
        ];
    for (const person of found) known.current.set(person.id, person);
    const shown = new Map<string, DirectoryPerson>();
    for (const id of selected) {
      const person = known.current.get(id);
      if (person) shown.set(id, person);
    }
    for (const person of found) if (!excluded.has(person.id)) shown.set(person.id, person);
    return [...shown.values()].map((person) => ({ value: person.id, label: person.displayName, person }));
  }, [within, directory.data, contacts.data, search, excludeIds, includeMe, me.user.id, selected]);

  const loading = directory.isFetching || contacts.isFetching || search.trim() !== q;

  return (
    <Select
      id={props.id}
      data-testid={props['data-testid']}
      mode={props.mode}
      value={props.value ?? undefined}
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
      placeholder={props.placeholder ?? t('messaging.people.placeholder')}
      notFoundContent={loading ? <Spin size="small" /> : t('messaging.people.none')}
      options={options}
      optionRender={(option) => {
        const person = option.data.person as DirectoryPerson;
        const detail = personDetail(person);
        return (
          <span
            style={{ display: 'flex', alignItems: 'center', gap: 8 }}
            data-testid="person-option"
            data-username={person.username}
          >
            <UserAvatar user={person} size={22} />
            <span>{person.displayName}</span>
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {person.username}
              {detail ? ` · ${detail}` : ''}
            </Typography.Text>
            {person.kind === 'external' && <Tag color="orange">{t('messaging.info.externalTag')}</Tag>}
          </span>
        );
      }}
      // Wide enough for name, username and department even where the field is narrow (or still
      // zooming in with its dialog when opened).
      styles={{ popup: { root: { minWidth: 320 } } }}
      style={{ width: '100%' }}
    />
  );
}
