import { PlusOutlined } from '@ant-design/icons';
import { Button, Card, Select, Skeleton, Space, Tag, Typography } from 'antd';
import dayjs from 'dayjs';
import { lazy, Suspense, useMemo, useState } from 'react';
import { useNavigate, useSearchParams } from 'react-router-dom';
import { useMeetings, useOverview, type MeetingKind } from '../api/orglife.ts';
import { useOrgDetail } from '../api/queries.ts';
import { useAuth, useMe } from '../auth/AuthContext.tsx';
import { ComplianceMatrix } from '../components/orglife/ComplianceMatrix.tsx';
import { DueLists } from '../components/orglife/DueLists.tsx';
import { MeetingTable } from '../components/orglife/MeetingTable.tsx';
import { PlanMeetingModal } from '../components/orglife/PlanMeetingModal.tsx';
import { useLabel, useOlText } from '../components/orglife/text.ts';
import { OrgPicker } from '../components/OrgPicker.tsx';
import { QueryError } from '../components/QueryError.tsx';
import { ORGLIFE_KIND, ORGLIFE_STATE } from '../../../src/shared/enums.ts';
import { PageHeading } from '../components/PageHeading.tsx';

const MonthlyChart = lazy(() => import('../components/orglife/MonthlyChart.tsx'));

/** Period choices for this year and last: the year, halves, quarters and months. */
function spanOptions(tx: ReturnType<typeof useOlText>) {
  const y = dayjs().year();
  return [y, y - 1].map((year) => ({
    label: String(year),
    options: [
      { value: String(year), label: `${year} ${tx('year')}` },
      ...[1, 2].map((h) => ({ value: `${year}-H${h}`, label: `${year} H${h}（${tx('half')}）` })),
      ...[1, 2, 3, 4].map((q) => ({ value: `${year}-Q${q}`, label: `${year} Q${q}（${tx('quarter')}）` })),
      ...Array.from({ length: 12 }, (_, i) => ({ value: `${year}-${String(i + 1).padStart(2, '0')}`, label: `${year}-${String(i + 1).padStart(2, '0')}（${tx('month')}）` })),
    ],
  }));
}

/** 组织生活: the compliance matrix of a subtree, what is overdue, a monthly chart, and the meetings. */
export default function OrgLifePage() {
  const tx = useOlText();
  const label = useLabel();
  const me = useMe();
  const { can } = useAuth();
  const navigate = useNavigate();
  const [sp, setSp] = useSearchParams();
  const orgId = Number(sp.get('orgId')) || me.orgId;
  const span = sp.get('span') ?? `${dayjs().year()}-Q${Math.floor(dayjs().month() / 3) + 1}`;
  const org = useOrgDetail(orgId !== me.orgId ? orgId : null);
  const orgName = orgId === me.orgId ? me.orgName : org.data?.id === orgId ? org.data.name : undefined;
  const ov = useOverview(orgId, span);
  const [planning, setPlanning] = useState(false);
  const [page, setPage] = useState(1);
  const filter = { fOrg: Number(sp.get('fOrg')) || 0, kind: sp.get('kind') ?? undefined, state: sp.get('state') ?? undefined, from: sp.get('from') ?? undefined, to: sp.get('to') ?? undefined };
  const meetings = useMeetings({ orgId: filter.fOrg || orgId, kind: filter.kind, state: filter.state, from: filter.from, to: filter.to, offset: (page - 1) * 20 });
  const update = (patch: Record<string, string | null>) => {
    const next = new URLSearchParams(sp);
    for (const [k, v] of Object.entries(patch)) if (v === null) next.delete(k);
    else next.set(k, v);
    setPage(1);
    setSp(next, { replace: true });
  };

  const chart = useMemo(() => {
    const year = span.slice(0, 4);
    const months = Array.from({ length: 12 }, (_, i) => `${year}-${String(i + 1).padStart(2, '0')}`);
    const kinds = ORGLIFE_KIND.values.filter((k) => ov.data?.monthly.some((m) => m.kind === k));
    return { months: months.map((m) => m.slice(5)), series: kinds.map((k) => ({ name: label(ORGLIFE_KIND.table[k], k), data: months.map((m) => ov.data?.monthly.find((x) => x.month === m && x.kind === k)?.n ?? 0) })) };
  }, [ov.data, span, label]);

  const filterOrgName = filter.fOrg ? (ov.data?.rows.find((r) => r.orgId === filter.fOrg)?.orgName ?? '') : '';
  return (
    <Space orientation="vertical" size={16} style={{ width: '100%' }}>
      <PageHeading title={tx('title')} intro={tx('intro')} />
      <Card size="small">
        <Space wrap style={{ width: '100%', justifyContent: 'space-between' }}>
          <Space wrap>
            <span>{tx('org')}</span>
            <div style={{ minWidth: 240, maxWidth: '80vw' }}>
              <OrgPicker key={orgName ? `${orgId}-named` : orgId} value={orgId} initial={orgName ? { id: orgId, name: orgName } : undefined} onChange={(id) => setSp({ orgId: String(id), span }, { replace: true })} id="orglife-org" />
            </div>
            <span>{tx('span')}</span>
            <Select value={span} onChange={(v) => update({ span: v })} options={spanOptions(tx)} style={{ width: 170 }} data-testid="span" />
          </Space>
          {can('member.write') && (
            <Button type="primary" icon={<PlusOutlined />} onClick={() => setPlanning(true)} data-testid="new-meeting">
              {tx('newMeeting')}
            </Button>
          )}
        </Space>
      </Card>
      {ov.isError ? (
        <QueryError error={ov.error} onRetry={() => void ov.refetch()} />
      ) : !ov.data ? (
        <Skeleton active paragraph={{ rows: 8 }} />
      ) : (
        <>
          <Card size="small" title={`${tx('matrix')} · ${ov.data.from} — ${ov.data.to}`}>
            {/* The required frequencies go under the title, not beside it: beside it they squeezed the title to "按期召…". */}
            <Typography.Paragraph type="secondary" style={{ fontSize: 12, marginBottom: 4 }} data-testid="requirements">
              {ov.data.requirements.map((r) => r.label).join('；')}
            </Typography.Paragraph>
            <Typography.Paragraph type="secondary" style={{ fontSize: 12, marginBottom: 8 }}>
              {tx('matrixHint')}
            </Typography.Paragraph>
            <ComplianceMatrix data={ov.data} onCell={(row, kind: MeetingKind, from, to) => update({ fOrg: String(row.orgId), kind, from, to, state: null })} />
            <Typography.Paragraph type="secondary" style={{ fontSize: 12, marginTop: 8, marginBottom: 0 }}>
              {`${tx('ruleSource')}（v${ov.data.rule.version}）：${ov.data.rule.source}`}
            </Typography.Paragraph>
          </Card>
          <DueLists data={ov.data} onOrg={() => undefined} />
          <Card size="small" title={`${tx('monthly')} · ${span.slice(0, 4)}`}>
            <Suspense fallback={<Skeleton active />}>
              <MonthlyChart months={chart.months} series={chart.series} />
            </Suspense>
          </Card>
        </>
      )}
      <Card
        size="small"
        title={tx('meetings')}
        extra={
          <Space wrap>
            <Select allowClear placeholder={tx('allKinds')} value={filter.kind} onChange={(v?: string) => update({ kind: v ?? null })} options={ORGLIFE_KIND.values.map((k) => ({ value: k, label: label(ORGLIFE_KIND.table[k], k) }))} style={{ width: 140 }} />
            <Select allowClear placeholder={tx('allStates')} value={filter.state} onChange={(v?: string) => update({ state: v ?? null })} options={ORGLIFE_STATE.values.map((k) => ({ value: k, label: label(ORGLIFE_STATE.table[k], k) }))} style={{ width: 110 }} />
          </Space>
        }
      >
        {(filter.fOrg || filter.from) && (
          <Tag closable onClose={() => update({ fOrg: null, from: null, to: null, kind: null })} style={{ marginBottom: 8 }} data-testid="cell-filter">
            {tx('filtered', { org: filterOrgName || orgName || '', kind: filter.kind ? label(ORGLIFE_KIND.table[filter.kind as MeetingKind], filter.kind) : tx('allKinds'), from: filter.from ?? '…', to: filter.to ?? '…' })}
          </Tag>
        )}
        {meetings.isError ? <QueryError error={meetings.error} onRetry={() => void meetings.refetch()} /> : <MeetingTable data={meetings.data} loading={meetings.isPending} page={page} onPage={setPage} />}
      </Card>
      <PlanMeetingModal open={planning} orgId={filter.fOrg || orgId} orgName={filter.fOrg ? filterOrgName : orgName} onClose={() => setPlanning(false)} onCreated={(id) => navigate(`/orglife/meetings/${id}`)} />
    </Space>
  );
}
