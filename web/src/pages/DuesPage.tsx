import { Card, Input, Space, Tabs, Typography } from 'antd';
import dayjs from 'dayjs';
import { useSearchParams } from 'react-router-dom';
import { useOrgDetail } from '../api/queries.ts';
import { useMe } from '../auth/AuthContext.tsx';
import { ArrearsPanel } from '../components/dues/ArrearsPanel.tsx';
import { DuesAccountDrawer } from '../components/dues/DuesAccountDrawer.tsx';
import { DuesSummaryPanel } from '../components/dues/DuesSummaryPanel.tsx';
import { MemberSearch } from '../components/dues/MemberSearch.tsx';
import { useDuesText } from '../components/dues/text.ts';
import { OrgPicker } from '../components/OrgPicker.tsx';

const MONTH = /^\d{4}-(0[1-9]|1[0-2])$/;

/** 党费管理: an organization's monthly summary and arrears list, and each member's dues account (all in the URL). */
export default function DuesPage() {
  const tx = useDuesText();
  const me = useMe();
  const [sp, setSp] = useSearchParams();
  const orgId = Number(sp.get('orgId')) || me.orgId;
  const org = useOrgDetail(orgId !== me.orgId ? orgId : null);
  const orgName = orgId === me.orgId ? me.orgName : org.data?.id === orgId ? org.data.name : undefined;
  const month = MONTH.test(sp.get('month') ?? '') ? sp.get('month')! : dayjs().format('YYYY-MM');
  const tab = sp.get('tab') === 'arrears' ? 'arrears' : 'summary';
  const minMonths = Math.max(1, Number(sp.get('min')) || 1);
  const flaggedOnly = sp.get('flagged') === '1';
  const member = Number(sp.get('member')) || null;

  const update = (patch: Record<string, string | number | null | undefined>, replace = false) => {
    const next = new URLSearchParams(sp);
    for (const [k, v] of Object.entries(patch)) {
      if (v === null || v === undefined || v === '') next.delete(k);
      else next.set(k, String(v));
    }
    setSp(next, { replace });
  };

  return (
    <div className="page" data-testid="dues-page">
      <div className="page-head">
        <Typography.Title level={3} className="page-title">
          {tx('title')}
        </Typography.Title>
        <Typography.Paragraph type="secondary" className="page-intro">
          {tx('intro')}
        </Typography.Paragraph>
      </div>
      <Card className="page-card">
        <Space orientation="vertical" size={12} style={{ width: '100%' }}>
          <div className="toolbar">
            <Typography.Text strong>{tx('org')}</Typography.Text>
            <div style={{ flex: '1 1 260px', maxWidth: 420, minWidth: 0, display: 'grid' }}>
              {orgName !== undefined || org.isError ? (
                <OrgPicker key={orgId} value={orgId} initial={orgName !== undefined ? { id: orgId, name: orgName } : undefined} onChange={(id) => update({ orgId: id === me.orgId ? null : id })} />
              ) : (
                <Input disabled />
              )}
            </div>
            <Typography.Text type="secondary">{tx('scopeHint')}</Typography.Text>
          </div>
          <div className="toolbar">
            <Typography.Text strong>{tx('findMember')}</Typography.Text>
            <MemberSearch key={orgId} orgId={orgId} placeholder={tx('findMemberPlaceholder')} onChange={(id) => id && update({ member: id })} style={{ flex: '1 1 220px', maxWidth: 320 }} testId="dues-member-search" />
          </div>
          <Tabs
            activeKey={tab}
            onChange={(k) => update({ tab: k === 'arrears' ? 'arrears' : null }, true)}
            items={[
              { key: 'summary', label: tx('tabSummary'), children: <DuesSummaryPanel orgId={orgId} month={month} onMonth={(m) => update({ month: m === dayjs().format('YYYY-MM') ? null : m }, true)} /> },
              {
                key: 'arrears',
                label: tx('tabArrears'),
                children: <ArrearsPanel orgId={orgId} minMonths={minMonths} flaggedOnly={flaggedOnly} onFilter={(f) => update({ min: f.minMonths > 1 ? f.minMonths : null, flagged: f.flaggedOnly ? 1 : null }, true)} onOpen={(id) => update({ member: id })} />,
              },
            ]}
          />
        </Space>
      </Card>
      <DuesAccountDrawer memberId={member} onClose={() => update({ member: null })} />
    </div>
  );
}
