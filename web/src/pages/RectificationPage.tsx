import { Card, InputNumber, Space, Tabs } from 'antd';
import dayjs from 'dayjs';
import { useSearchParams } from 'react-router-dom';
import { useOrgDetail } from '../api/queries.ts';
import { useAuth, useMe } from '../auth/AuthContext.tsx';
import { EntryListPanel } from '../components/rectification/EntryListPanel.tsx';
import { ScreeningPanel } from '../components/rectification/ScreeningPanel.tsx';
import { useRectText } from '../components/rectification/text.ts';
import { OrgPicker } from '../components/OrgPicker.tsx';
import { PageHeading } from '../components/PageHeading.tsx';

/** 软弱涣散整顿: screening a subtree and the year's list; org, year and tab in the URL. */
export default function RectificationPage() {
  const tx = useRectText();
  const me = useMe();
  const { can } = useAuth();
  const [sp, setSp] = useSearchParams();
  const orgId = Number(sp.get('orgId')) || me.orgId;
  const year = Number(sp.get('year')) || dayjs().year();
  const tab = sp.get('tab') === 'screen' ? 'screen' : 'list';
  const org = useOrgDetail(orgId !== me.orgId ? orgId : null);
  const orgName = orgId === me.orgId ? me.orgName : org.data?.id === orgId ? org.data.name : '';
  const set = (patch: Record<string, string>) => setSp({ orgId: String(orgId), year: String(year), tab, ...patch }, { replace: true });
  const canWrite = can('org.write');

  return (
    <Space orientation="vertical" size={16} style={{ width: '100%' }} data-testid="rectification-page">
      <PageHeading title={tx('title')} intro={tx('intro')} />
      <Card size="small">
        <Space wrap>
          <span>{tx('org')}</span>
          <div style={{ minWidth: 260, maxWidth: '80vw' }}>
            <OrgPicker key={`${orgId}-${orgName ?? ''}`} value={orgId} initial={orgName ? { id: orgId, name: orgName } : undefined} onChange={(id) => set({ orgId: String(id) })} id="rect-org" />
          </div>
          <span>{tx('year')}</span>
          <InputNumber min={2000} max={dayjs().year()} value={year} onChange={(v) => v && set({ year: String(v) })} style={{ width: 100 }} />
        </Space>
      </Card>
      <Tabs
        activeKey={tab}
        onChange={(k) => set({ tab: k })}
        items={[
          { key: 'list', label: tx('tabList'), children: <EntryListPanel orgId={orgId} year={year} canWrite={canWrite} /> },
          { key: 'screen', label: tx('tabScreen'), children: <ScreeningPanel orgId={orgId} orgName={orgName} year={year} canWrite={canWrite} /> },
        ]}
      />
    </Space>
  );
}
