import { Select, Spin } from 'antd';
import { useEffect, useState } from 'react';
import { useReceivingOrgs } from '../../api/transfers.ts';

/** Pick a receiving organization anywhere in the system by name; the value is its code. */
export function ReceivingOrgSelect({ value, onChange, placeholder, id }: { value?: string; onChange?: (code: string) => void; placeholder?: string; id?: string }) {
  const [text, setText] = useState('');
  const [term, setTerm] = useState('');
  const [picked, setPicked] = useState<{ value: string; label: string } | null>(null);
  useEffect(() => {
    const h = setTimeout(() => setTerm(text.trim()), 300);
    return () => clearTimeout(h);
  }, [text]);
  const q = useReceivingOrgs(term);
  const options = (q.data?.items ?? []).map((o) => ({ value: o.code, label: o.parentName ? `${o.name}（${o.parentName}）` : o.name }));
  if (picked && !options.some((o) => o.value === picked.value)) options.push(picked);
  return (
    <Select
      id={id}
      showSearch={{ filterOption: false, onSearch: setText }}
      value={value}
      onChange={(v: string, opt) => {
        if (opt && !Array.isArray(opt)) setPicked({ value: v, label: String(opt.label) });
        onChange?.(v);
      }}
      options={options}
      placeholder={placeholder}
      notFoundContent={q.isFetching ? <Spin size="small" /> : undefined}
      style={{ width: '100%' }}
      data-testid="receiving-org-select"
    />
  );
}
