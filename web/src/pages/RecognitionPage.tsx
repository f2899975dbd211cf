import { PlusOutlined, TrophyOutlined } from '@ant-design/icons';
import { App, Button, Card, Empty, Popconfirm, Select, Skeleton, Space, Tabs, Tag, Typography } from 'antd';
import dayjs from 'dayjs';
import { useState } from 'react';
import { useSearchParams } from 'react-router-dom';
import { CAMPAIGN_STATE, HONOUR_KIND } from '../../../src/shared/enums.ts';
import { errorMessage } from '../api/client.ts';
import { useOrgDetail } from '../api/queries.ts';
import { useCreateCampaign, usePublish, useRecognition, type CampaignView } from '../api/recognition.ts';
import { useAuth, useMe } from '../auth/AuthContext.tsx';
import { OrgPicker } from '../components/OrgPicker.tsx';
import { QueryError } from '../components/QueryError.tsx';
import { ContactPointsTab } from '../components/recognition/ContactPointsTab.tsx';
import { NominateModal } from '../components/recognition/NominateModal.tsx';
import { NominationTable } from '../components/recognition/NominationTable.tsx';
import { QuotaBars } from '../components/recognition/QuotaBars.tsx';
import { RecordsDrawer } from '../components/recognition/RecordsDrawer.tsx';
import { useRecText } from '../components/recognition/text.ts';
import { useLabel } from '../labels.ts';
import { PageHeading } from '../components/PageHeading.tsx';

/** 评先评优（三树）and 联系点与示范点 of an organization, by year. */
export default function RecognitionPage() {
  const tx = useRecText();
  const me = useMe();
  const [sp, setSp] = useSearchParams();
  const orgId = Number(sp.get('orgId')) || me.orgId;
  const tab = sp.get('tab') === 'points' ? 'points' : 'awards';
  const thisYear = dayjs().year();
  const year = Number(sp.get('year')) || thisYear;
  const org = useOrgDetail(orgId !== me.orgId ? orgId : null);
  const orgName = orgId === me.orgId ? me.orgName : org.data?.id === orgId ? org.data.name : undefined;
  const { can } = useAuth();
  const set = (patch: Record<string, string>) => setSp({ orgId: String(orgId), tab, year: String(year), ...patch }, { replace: true });

  return (
    <Space orientation="vertical" size={16} style={{ width: '100%' }}>
      <PageHeading title={tx('title')} intro={tx('intro')} />
      <Card size="small">
        <Space wrap>
          <span>{tx('org')}</span>
          <div style={{ minWidth: 260, maxWidth: '80vw' }}>
            <OrgPicker value={orgId} initial={orgName ? { id: orgId, name: orgName } : undefined} onChange={(id) => set({ orgId: String(id) })} id="recognition-org" />
          </div>
          {tab === 'awards' && (
            <>
              <span>{tx('year')}</span>
              <Select value={year} onChange={(y) => set({ year: String(y) })} options={[0, 1, 2, 3].map((k) => ({ value: thisYear - k, label: String(thisYear - k) }))} style={{ width: 100 }} aria-label={tx('year')} />
            </>
          )}
        </Space>
      </Card>
      <Tabs
        activeKey={tab}
        onChange={(k) => set({ tab: k })}
        items={[
          { key: 'awards', label: tx('tabAwards'), children: <AwardsTab orgId={orgId} year={year} canWrite={can('member.write')} canManage={can('org.write')} /> },
          { key: 'points', label: tx('tabPoints'), children: <ContactPointsTab orgId={orgId} canWrite={can('org.write')} /> },
        ]}
      />
    </Space>
  );
}

function AwardsTab({ orgId, year, canWrite, canManage }: { orgId: number; year: number; canWrite: boolean; canManage: boolean }) {
  const tx = useRecText();
  const label = useLabel();
  const { message } = App.useApp();
  const q = useRecognition(orgId, year);
  const create = useCreateCampaign();
  const publish = usePublish();
  const [nominating, setNominating] = useState<CampaignView | null>(null);
  const [records, setRecords] = useState<{ orgId: number; orgName: string } | null>(null);
  if (q.isPending) return <Skeleton active />;
  if (q.isError) return <QueryError error={q.error} onRetry={() => void q.refetch()} />;
  const data = q.data;
  const start = () => create.mutateAsync({ orgId, year }).then(() => void message.success(tx('done')), (err: unknown) => void message.error(errorMessage(err)));

  return (
    <Space orientation="vertical" size={16} style={{ width: '100%' }}>
      {data.canStart && canManage && (
        <Popconfirm title={tx('startCampaign')} description={tx('startConfirm', { org: data.orgName, year })} okText={tx('ok')} cancelText={tx('cancel')} onConfirm={start}>
          <Button type="primary" icon={<TrophyOutlined />} data-testid="start-campaign">
            {tx('startCampaign')}
          </Button>
        </Popconfirm>
      )}
      {data.campaigns.length === 0 && <Card><Empty description={<Space orientation="vertical" size={2}><span>{tx('noCampaign')}</span><Typography.Text type="secondary">{tx('noCampaignHint')}</Typography.Text></Space>} /></Card>}
      {data.campaigns.map((c) => {
        const approved = c.quotas.reduce((s, x) => s + (x.approved ?? 0), 0);
        const short = c.quotas.filter((x) => x.min > 0 && x.approved !== null && x.approved < x.min);
        return (
          <Card
            key={c.id}
            data-testid="campaign"
            title={
              <Space wrap size={6}>
                <span>{`${c.year} ${tx('title')}`}</span>
                <Tag color={c.state === 'open' ? 'processing' : 'gold'}>{label(CAMPAIGN_STATE, c.state)}</Tag>
              </Space>
            }
          >
            <Space orientation="vertical" size={12} style={{ width: '100%' }}>
              <div style={{ display: 'flex', flexWrap: 'wrap', gap: 8, justifyContent: 'space-between', alignItems: 'center' }}>
                <Typography.Text type="secondary">
                  {[`${tx('awarding')}：${c.awardingOrgName ?? tx('aboveScope')}`, c.nominateUntil && `${tx('nominateUntil')} ${c.nominateUntil}`, c.publishedOn && `${tx('publishedOn')} ${c.publishedOn}`, c.note].filter(Boolean).join(' · ')}
                </Typography.Text>
                <Space wrap>
                  {c.state === 'open' && canWrite && (
                    <Button type="primary" icon={<PlusOutlined />} onClick={() => setNominating(c)} data-testid="nominate">
                      {tx('nominate')}
                    </Button>
                  )}
                  {c.state === 'open' && c.manage && canManage && (
                    <Popconfirm title={tx('publish')} description={<div style={{ maxWidth: 280 }}>{tx('publishConfirm', { count: approved })}</div>} okText={tx('ok')} cancelText={tx('cancel')} onConfirm={() => publish.mutateAsync({ id: c.id }).then(() => undefined, (err: unknown) => void message.error(errorMessage(err)))}>
                      <Button>{tx('publish')}</Button>
                    </Popconfirm>
                  )}
                </Space>
              </div>
              <QuotaBars quotas={c.quotas} />
              {short.map((x) => (
                <Typography.Text key={x.kind} type="warning">
                  {tx('belowMin', { kind: label(HONOUR_KIND, x.kind), min: x.min, approved: x.approved ?? 0 })}
                </Typography.Text>
              ))}
              <NominationTable campaign={c} canWrite={canWrite} onRecords={(id, name) => setRecords({ orgId: id, orgName: name })} />
            </Space>
          </Card>
        );
      })}
      <NominateModal campaign={nominating} onClose={() => setNominating(null)} />
      <RecordsDrawer orgId={records?.orgId ?? null} orgName={records?.orgName ?? ''} year={year} onClose={() => setRecords(null)} />
    </Space>
  );
}
