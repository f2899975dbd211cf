import { Select, Spin } from 'antd';
import { useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useOrgSearch } from '../api/queries.ts';
import { OrgKindTag } from './OrgKindTag.tsx';

interface Props {
  value?: number;
  onChange?: (id: number) => void;
  /** Name of the current value, shown before any search. */
  initial?: { id: number; name: string } | undefined;
  id?: string;
}

/** Pick an organization by typing part of its name or code (searches the server, within the user's scope). */
export function OrgPicker({ value, onChange, initial, id }: Props) {
  const { t } = useTranslation();
  const [text, setText] = useState('');
  const [term, setTerm] = useState('');
  useEffect(() => {
    const h = setTimeout(() => setTerm(text.trim()), 300);
    return () => clearTimeout(h);
  }, [text]);
  const search = useOrgSearch(term);
  const [picked, setPicked] = useState<{ id: number; name: string } | undefined>(initial);

  const options = useMemo(() => {
    const list = (search.data?.items ?? []).map((o) => ({
      value: o.id,
      name: o.name,
      label: (
        <div className="org-search-option">
          <div className="org-search-option-name">
            <span className="org-search-option-text">{o.name}</span>
            <OrgKindTag kind={o.kind} small />
          </div>
          {o.pathNames.length > 0 && <div className="org-search-option-path">{o.pathNames.join(' › ')}</div>}
        </div>
      ),
    }));
    if (picked && !list.some((o) => o.value === picked.id)) list.unshift({ value: picked.id, name: picked.name, label: <span>{picked.name}</span> });
    return list;
  }, [search.data, picked]);

  const waiting = text.trim() !== term || search.isFetching;
  return (
    <Select<number>
      id={id}
      showSearch={{ filterOption: false, onSearch: setText }}
      value={value}
      onChange={(v, option) => {
        const o = Array.isArray(option) ? option[0] : option;
        setPicked({ id: v, name: (o as { name?: string } | undefined)?.name ?? String(v) });
        onChange?.(v);
      }}
      options={options}
      optionLabelProp="name"
      placeholder={t('users.orgPlaceholder')}
      notFoundContent={waiting && text.trim() ? <Spin size="small" /> : text.trim() ? t('tree.noResult') : null}
      data-testid="org-picker"
    />
  );
}
