import { PlusOutlined, SearchOutlined } from '@ant-design/icons';
import { Badge, Button, Card, Empty, Grid, Input, Segmented, Space, Table, Tag, Typography } from 'antd';
import type { TableColumnsType } from 'antd';
import { useMemo, useState } from 'react';
import { useSearchParams } from 'react-router-dom';
import { useOrgDetail } from '../api/queries.ts';
import { useMobileRecords, type MobileRecord } from '../api/transfers.ts';
import { useAuth, useMe } from '../auth/AuthContext.tsx';
import { MobileDrawer } from '../components/mobile/MobileDrawer.tsx';
import { RegisterModal } from '../components/mobile/RegisterModal.tsx';
import { useMobileText } from '../components/mobile/text.ts';
import { OrgPicker } from '../components/OrgPicker.tsx';
import { QueryError } from '../components/QueryError.tsx';

type Direction = 'outflow' | 'inflow';
type Status = 'open' | 'returned' | 'flagged' | 'all';
const PAGE = 50;

/** 流动党员: outflows and inflows of an organization's subtree, with the review flag and contact reminders. */
export default function MobilePage() {
  const tx = useMobileText();
  const me = useMe();
  const { can } = useAuth();
  const isPhone = !Grid.useBreakpoint().md;
  const [sp, setSp] = useSearchParams();
  const orgId = Number(sp.get('orgId')) || me.orgId;
  const direction: Direction = sp.get('direction') === 'inflow' ? 'inflow' : 'outflow';
  const status = (['returned', 'flagged', 'all'].includes(sp.get('status') ?? '') ? sp.get('status') : 'open') as Status;
  const q = sp.get('q') ?? undefined;
  const page = Math.max(1, Number(sp.get('page')) || 1);
  const open = Number(sp.get('id')) || null;
  const org = useOrgDetail(orgId !== me.orgId ? orgId : null);
  const orgName = orgId === me.orgId ? me.orgName : org.data?.id === orgId ? org.data.name : undefined;
  const query = useMemo(() => ({ orgId, direction, status, q, offset: (page - 1) * PAGE, limit: PAGE }), [orgId, direction, status, q, page]);
  const list = useMobileRecords(query);
  const flaggedCount = useMobileRecords({ orgId, direction: 'outflow', status: 'flagged', limit: 1 }).data?.total ?? 0;
  const [registering, setRegistering] = useState<Direction | null>(null);
  const canWrite = can('member.write');
  const update = (patch: Record<string, string | number | undefined>) => {
    const next = new URLSearchParams(sp);
    for (const [k, v] of Object.entries(patch)) {
      if (v === undefined || v === '') next.delete(k);
      else next.set(k, String(v));
    }
    if (!('page' in patch) && !('id' in patch)) next.delete('page');
    setSp(next);
  };
  const columns: TableColumnsType<MobileRecord> = [
    { title: tx('name'), dataIndex: 'personName', key: 'name', width: 110, fixed: 'left', render: (n: string, r) => <Typography.Link onClick={() => update({ id: r.id })} data-testid="mobile-row-name">{n}</Typography.Link> },
    { title: '', key: 'flags', width: 130, render: (_: unknown, r) => <Space size={2} wrap>{r.flagged && <Tag color="red" data-testid="mobile-row-flagged">{tx('flagged')}</Tag>}{r.contactOverdue && !r.flagged && <Tag color="orange">{tx('noContact')}</Tag>}{r.returnedOn && <Tag color="green">{tx('returned')}</Tag>}</Space> },
    { title: tx(direction === 'outflow' ? 'place' : 'placeFrom'), dataIndex: 'place', key: 'place', width: 200, ellipsis: true },
    { title: tx('since'), dataIndex: 'since', key: 'since', width: 110 },
    { title: tx('lastContact'), dataIndex: 'lastContactOn', key: 'last', width: 110, render: (d: string | null) => d ?? tx('never'), responsive: ['sm'] },
    { title: tx('org'), dataIndex: 'orgName', key: 'org', width: 200, ellipsis: true, responsive: ['md'] },
    { title: tx(direction === 'outflow' ? 'host' : 'homeOrg'), key: 'host', width: 200, ellipsis: true, responsive: ['lg'], render: (_: unknown, r) => (direction === 'outflow' ? r.hostOrgName : r.homeOrgName) ?? '—' },
  ];
  return (
    <div className="page" data-testid="mobile-page">
      <div className="page-head">
        <Typography.Title level={3} className="page-title">{tx('title')}</Typography.Title>
        {!isPhone && <Typography.Paragraph type="secondary" className="page-intro">{tx('intro')}</Typography.Paragraph>}
      </div>
      <Card className="page-card">
        <div className="toolbar">
          <div style={{ flex: isPhone ? '1 1 100%' : '0 1 420px', minWidth: 0, display: 'grid' }}>
            {orgName !== undefined || org.isError ? <OrgPicker key={orgId} value={orgId} initial={orgName !== undefined ? { id: orgId, name: orgName } : undefined} onChange={(id) => update({ orgId: id === me.orgId ? undefined : id })} /> : <Input disabled />}
          </div>
          <Segmented<Direction> value={direction} onChange={(v) => update({ direction: v === 'outflow' ? undefined : v })} options={[{ value: 'outflow', label: tx('outflow') }, { value: 'inflow', label: tx('inflow') }]} />
        </div>
        <div className="toolbar">
          <Segmented<Status>
            value={status}
            onChange={(v) => update({ status: v === 'open' ? undefined : v })}
            options={[{ value: 'open', label: tx('open') }, { value: 'returned', label: tx('returned') }, ...(direction === 'outflow' ? [{ value: 'flagged' as const, label: <Badge count={flaggedCount} size="small" offset={[8, -2]}>{tx('flagged')}</Badge> }] : []), { value: 'all', label: tx('all') }]}
            data-testid="mobile-status"
          />
          <Input.Search allowClear placeholder={tx('search')} defaultValue={q} onSearch={(v) => update({ q: v.trim() || undefined })} enterButton={<SearchOutlined />} style={{ maxWidth: 220 }} maxLength={30} />
          <div className="toolbar-spacer" />
          {canWrite && (
            <Button type="primary" icon={<PlusOutlined />} onClick={() => setRegistering(direction)} data-testid="mobile-register">
              {tx(direction === 'outflow' ? 'registerOut' : 'registerIn')}
            </Button>
          )}
        </div>
        {list.isError ? (
          <QueryError error={list.error} onRetry={() => void list.refetch()} />
        ) : (
          <Table<MobileRecord>
            rowKey="id"
            size="middle"
            columns={columns}
            dataSource={list.data?.items ?? []}
            loading={list.isPending || (list.isPlaceholderData && list.isFetching)}
            onRow={(r) => ({ onClick: () => update({ id: r.id }), style: { cursor: 'pointer' } })}
            pagination={{ current: page, pageSize: PAGE, total: list.data?.total ?? 0, showSizeChanger: false, hideOnSinglePage: true, onChange: (p) => update({ page: p }) }}
            scroll={{ x: 'max-content' }}
            locale={{ emptyText: list.isPending ? ' ' : <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={<Space orientation="vertical" size={2}><span>{tx('empty')}</span><Typography.Text type="secondary">{tx('emptyHint')}</Typography.Text></Space>} /> }}
            data-testid="mobile-table"
          />
        )}
      </Card>
      {registering && <RegisterModal direction={registering} open orgId={orgId} orgName={orgName} onClose={() => setRegistering(null)} />}
      <MobileDrawer id={open} canWrite={canWrite} onClose={() => update({ id: undefined })} />
    </div>
  );
}
