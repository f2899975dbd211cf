import { useQuery } from '@tanstack/react-query';
import { Select, Spin } from 'antd';
import { useEffect, useState } from 'react';
import { api } from '../../api/client.ts';
import type { MemberPage } from '../../api/types.ts';

interface Props {
  orgId: number;
  value?: number | undefined;
  onChange?: (id: number | undefined, name?: string) => void;
  placeholder?: string;
  exclude?: number;
  style?: React.CSSProperties;
  testId?: string;
  /** The chosen member's name, when the value comes from a saved record rather than a search. */
  initial?: { id: number; name: string } | undefined;
}

/** Pick a member of an organization's subtree by typing part of the name (server search, in scope). */
export function MemberSearch({ orgId, value, onChange, placeholder, exclude, style, testId, initial }: Props) {
  const [text, setText] = useState('');
  const [term, setTerm] = useState('');
  useEffect(() => {
    const h = setTimeout(() => setTerm(text.trim()), 300);
    return () => clearTimeout(h);
  }, [text]);
  const q = useQuery({
    queryKey: ['dues', 'member-search', orgId, term],
    queryFn: ({ signal }) => api.get<MemberPage>('/api/members', { orgId, q: term || undefined, limit: 20 }, signal),
    enabled: orgId > 0,
  });
  const options = (q.data?.items ?? []).filter((m) => m.id !== exclude).map((m) => ({ value: m.id, label: `${m.name} · ${m.orgName}`, name: m.name }));
  if (initial && initial.id === value && !options.some((o) => o.value === initial.id)) options.unshift({ value: initial.id, label: initial.name, name: initial.name });
  return (
    <Select<number>
      showSearch={{ filterOption: false, onSearch: setText }}
      allowClear
      value={value}
      placeholder={placeholder}
      notFoundContent={q.isFetching ? <Spin size="small" /> : undefined}
      options={options}
      onChange={(id, opt) => onChange?.(id, Array.isArray(opt) ? undefined : (opt as { name?: string } | undefined)?.name)}
      style={{ minWidth: 200, ...style }}
      data-testid={testId}
    />
  );
}
