import { useQuery } from '@tanstack/react-query';
import { Select } from 'antd';
import { useEffect, useState } from 'react';
import { api } from '../../api/client.ts';
import type { MemberPage } from '../../api/types.ts';
import { useDevText } from './text.ts';

/** Pick introducers among the full members of the register (searched by name within the organization). */
export function IntroducerSelect({ orgId, value, onChange, id }: { orgId: number; value?: number[]; onChange?: (v: number[]) => void; id?: string }) {
  const tx = useDevText();
  const [text, setText] = useState('');
  const [term, setTerm] = useState('');
  useEffect(() => {
    const h = setTimeout(() => setTerm(text.trim()), 250);
    return () => clearTimeout(h);
  }, [text]);
  const [known, setKnown] = useState(new Map<number, string>());
  const found = useQuery({
    queryKey: ['members', 'introducers', orgId, term],
    queryFn: ({ signal }) => api.get<MemberPage>('/api/members', { orgId, status: 'full', q: term || undefined, limit: 20 }, signal),
  });
  const options = [
    ...(found.data?.items ?? []).map((m) => ({ value: m.id, label: `${m.name}（${m.orgName}）` })),
    ...[...known].filter(([id]) => !found.data?.items.some((m) => m.id === id)).map(([value, label]) => ({ value, label })),
  ];
  return (
    <Select
      id={id}
      mode="multiple"
      value={value}
      onChange={(v: number[]) => {
        const next = new Map(known);
        for (const o of options) if (v.includes(o.value)) next.set(o.value, o.label);
        setKnown(next);
        onChange?.(v);
      }}
      showSearch={{ filterOption: false, onSearch: setText }}
      loading={found.isFetching}
      placeholder={tx('introducersPlaceholder')}
      options={options}
      maxCount={2}
      data-testid="dev-introducers"
    />
  );
}
