import { Select, Spin } from 'antd';
import { useEffect, useState } from 'react';
import { useMemberOptions } from '../../api/transfers.ts';

interface Props {
  value?: number[] | number;
  onChange?: (v: never) => void;
  multiple?: boolean;
  orgId?: number | undefined;
  placeholder?: string;
  id?: string;
}

/** Pick members of the caller's scope by typing part of a name (server search). */
export function MemberSelect({ value, onChange, multiple, orgId, placeholder, id }: Props) {
  const [text, setText] = useState('');
  const [term, setTerm] = useState('');
  const [known, setKnown] = useState(new Map<number, string>());
  useEffect(() => {
    const h = setTimeout(() => setTerm(text.trim()), 300);
    return () => clearTimeout(h);
  }, [text]);
  const q = useMemberOptions(term, orgId);
  const items = q.data?.items ?? [];
  useEffect(() => {
    if (items.length) setKnown((k) => new Map([...k, ...items.map((m) => [m.id, `${m.name}（${m.orgName}）`] as const)]));
  }, [items]);
  const options = items.map((m) => ({ value: m.id, label: `${m.name}（${m.orgName}）` }));
  const selected = ([] as number[]).concat(value ?? []);
  for (const v of selected) if (!options.some((o) => o.value === v)) options.push({ value: v, label: known.get(v) ?? String(v) });
  return (
    <Select
      id={id}
      mode={multiple ? 'multiple' : undefined}
      showSearch={{ filterOption: false, onSearch: setText }}
      value={value as never}
      onChange={(v) => onChange?.(v as never)}
      options={options}
      placeholder={placeholder}
      notFoundContent={q.isFetching ? <Spin size="small" /> : undefined}
      style={{ width: '100%' }}
      data-testid="member-select"
    />
  );
}
