import { SearchOutlined } from '@ant-design/icons';
import { AutoComplete, Input, Spin } from 'antd';
import { useEffect, useMemo, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { useOrgSearch } from '../api/queries.ts';
import type { OrgSearchItem } from '../api/types.ts';
import { OrgKindTag } from '../components/OrgKindTag.tsx';

function useDebounced<T>(value: T, ms: number): T {
  const [v, setV] = useState(value);
  useEffect(() => {
    const t = setTimeout(() => setV(value), ms);
    return () => clearTimeout(t);
  }, [value, ms]);
  return v;
}

function ResultOption({ item }: { item: OrgSearchItem }) {
  return (
    <div className="org-search-option" data-testid="org-search-option">
      <div className="org-search-option-name">
        <span className="org-search-option-text">{item.name}</span>
        <OrgKindTag kind={item.kind} small />
      </div>
      {item.pathNames.length > 0 && <div className="org-search-option-path">{item.pathNames.join(' › ')}</div>}
    </div>
  );
}

/** Type a name or code, pick a result, go to that organization. */
export function OrgSearch({ onPick }: { onPick: (id: number) => void }) {
  const { t } = useTranslation();
  const [text, setText] = useState('');
  const term = useDebounced(text.trim(), 300);
  const search = useOrgSearch(term);
  const waiting = text.trim() !== term || search.isFetching;

  const options = useMemo(
    () => (term && search.data ? search.data.items.map((item) => ({ value: String(item.id), label: <ResultOption item={item} /> })) : []),
    [search.data, term],
  );

  let notFound: ReactNode = null;
  if (text.trim()) {
    if (waiting)
      notFound = (
        <span className="muted">
          <Spin size="small" /> {t('tree.searching')}
        </span>
      );
    else if (search.isError) notFound = t('tree.loadFailed');
    else notFound = t('tree.noResult');
  }

  return (
    <AutoComplete
      className="org-search"
      value={text}
      options={waiting && !search.data ? [] : options}
      showSearch={{ onSearch: setText, filterOption: false }}
      onSelect={(value: string) => {
        setText('');
        onPick(Number(value));
      }}
      notFoundContent={notFound}
      popupMatchSelectWidth
      defaultActiveFirstOption
      style={{ width: '100%' }}
    >
      <Input prefix={<SearchOutlined className="muted" />} placeholder={t('tree.searchPlaceholder')} allowClear aria-label={t('tree.searchPlaceholder')} />
    </AutoComplete>
  );
}
