import { PlusOutlined } from '@ant-design/icons';
import { Button, Card, Empty, Select, Space, Table, Tag, Typography } from 'antd';
import type { TableColumnsType } from 'antd';
import dayjs from 'dayjs';
import { useState } from 'react';
import { Link, useNavigate, useSearchParams } from 'react-router-dom';
import { useCommitments, type CommitmentSummary, type ListFilter } from '../api/commitments.ts';
import { useOrgDetail } from '../api/queries.ts';
import { useAuth, useMe } from '../auth/AuthContext.tsx';
import { FulfillmentPanel } from '../components/commitments/FulfillmentPanel.tsx';
import { MyCommitmentsView } from '../components/commitments/MyCommitmentsView.tsx';
import { NewCommitmentModal } from '../components/commitments/NewCommitmentModal.tsx';
import { LISTS, pct, useCmtText, useLabel } from '../components/commitments/text.ts';
import { OrgPicker } from '../components/OrgPicker.tsx';
import { QueryError } from '../components/QueryError.tsx';
import { PageHeading } from '../components/PageHeading.tsx';

/** 承诺践诺: fulfillment by organization against the targets, and the commitments of the subtree; a member sees their own. */
export default function CommitmentsPage() {
  const { me } = useAuth();
  return me?.role === 'member' ? <MyCommitmentsView /> : <StaffCommitments />;
}

function StaffCommitments() {
  const tx = useCmtText();
  const label = useLabel();
  const me = useMe();
  const { can } = useAuth();
  const navigate = useNavigate();
  const [sp, setSp] = useSearchParams();
  const orgId = Number(sp.get('orgId')) || me.orgId;
  const year = Number(sp.get('year')) || dayjs().year();
  const makerType = (sp.get('maker') as ListFilter['makerType']) || undefined;
  const status = (sp.get('status') as ListFilter['status']) || undefined;
  const org = useOrgDetail(orgId !== me.orgId ? orgId : null);
  const orgName = orgId === me.orgId ? me.orgName : org.data?.id === orgId ? org.data.name : undefined;
  const list = useCommitments({ orgId, year, makerType, status });
  const [creating, setCreating] = useState(false);
  const set = (patch: Record<string, string | undefined>) => {
    const next = new URLSearchParams(sp);
    for (const [k, v] of Object.entries(patch)) if (v) next.set(k, v);
    else next.delete(k);
    setSp(next, { replace: true });
  };
  const years = [0, 1, 2, 3].map((k) => dayjs().year() + 1 - k);

  const columns: TableColumnsType<CommitmentSummary> = [
    {
      title: tx('titleField'),
      dataIndex: 'title',
      key: 'title',
      render: (t: string, r) => (
        <Link to={`/commitments/${r.id}`} data-testid="cmt-link">
          {t}
        </Link>
      ),
    },
    { title: tx('maker'), key: 'maker', render: (_: unknown, r) => (r.makerType === 'member' ? <Tag color="blue">{r.memberName}</Tag> : <Tag color="red">{label(LISTS.COMMITMENT_MAKER.table.org, 'org')}</Tag>) },
    { title: tx('org'), dataIndex: 'orgName', key: 'org', responsive: ['md'] },
    { title: tx('itemsCount'), key: 'items', width: 70, render: (_: unknown, r) => r.items },
    {
      title: tx('rate'),
      key: 'rate',
      render: (_: unknown, r) => (
        <Space size={4} wrap>
          <span>{r.rate === null ? '—' : `${pct(r.rate)}（${r.kept}/${r.due}）`}</span>
          {r.overdue > 0 && <Tag color="red">{tx('overdueN', { n: r.overdue })}</Tag>}
        </Space>
      ),
    },
  ];

  return (
    <Space orientation="vertical" size={16} style={{ width: '100%' }}>
      <PageHeading title={tx('title')} intro={tx('intro')} />
      <Card size="small">
        <Space wrap style={{ width: '100%', justifyContent: 'space-between' }}>
          <Space wrap>
            <span>{tx('org')}</span>
            <div style={{ minWidth: 240, maxWidth: '80vw' }}>
              <OrgPicker value={orgId} initial={orgName ? { id: orgId, name: orgName } : undefined} onChange={(id) => set({ orgId: String(id) })} id="cmt-org" />
            </div>
            <span>{tx('year')}</span>
            <Select value={year} onChange={(y) => set({ year: String(y) })} options={years.map((y) => ({ value: y, label: `${y}` }))} style={{ width: 90 }} data-testid="cmt-year" />
          </Space>
          {can('member.write') && (
            <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)} data-testid="new-commitment">
              {tx('newCommitment')}
            </Button>
          )}
        </Space>
      </Card>
      <FulfillmentPanel orgId={orgId} year={year} />
      <Card
        size="small"
        title={tx('list')}
        extra={
          <Space wrap>
            <Select
              value={makerType ?? ''}
              onChange={(v) => set({ maker: v || undefined })}
              style={{ width: 160 }}
              options={[{ value: '', label: `${tx('makerType')}：${tx('allMakers')}` }, ...LISTS.COMMITMENT_MAKER.values.map((v) => ({ value: v, label: label(LISTS.COMMITMENT_MAKER.table[v], v) }))]}
              data-testid="cmt-filter-maker"
            />
            <Select
              value={status ?? ''}
              onChange={(v) => set({ status: v || undefined })}
              style={{ width: 160 }}
              options={[{ value: '', label: `${tx('status')}：${tx('allStatus')}` }, { value: 'open', label: tx('open') }, { value: 'overdue', label: tx('overdue') }, { value: 'settled', label: tx('settled') }]}
              data-testid="cmt-filter-status"
            />
          </Space>
        }
      >
        {list.isError ? (
          <QueryError error={list.error} onRetry={() => void list.refetch()} />
        ) : (
          <Table
            rowKey="id"
            size="middle"
            loading={list.isPending}
            columns={columns}
            dataSource={list.data?.items ?? []}
            pagination={{ pageSize: 20, hideOnSinglePage: true, showSizeChanger: false }}
            scroll={{ x: 'max-content' }}
            onRow={(r) => ({ onClick: () => navigate(`/commitments/${r.id}`), style: { cursor: 'pointer' } })}
            locale={{ emptyText: <Empty description={<Space orientation="vertical" size={2}><span>{tx('empty')}</span><Typography.Text type="secondary">{tx('emptyHint')}</Typography.Text></Space>} /> }}
            data-testid="cmt-table"
          />
        )}
        {list.data?.truncated && <Typography.Text type="warning">{tx('truncated')}</Typography.Text>}
      </Card>
      <NewCommitmentModal open={creating} orgId={orgId} orgName={orgName} onClose={() => setCreating(false)} onCreated={(id) => navigate(`/commitments/${id}`)} />
    </Space>
  );
}
