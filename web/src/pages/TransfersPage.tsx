import { ImportOutlined, PlusOutlined, SearchOutlined } from '@ant-design/icons';
import { Button, Card, Empty, Grid, Input, Segmented, Select, Space, Table, Tag, Typography } from 'antd';
import type { TableColumnsType } from 'antd';
import { useEffect, useMemo, useState } from 'react';
import { useSearchParams } from 'react-router-dom';
import { TRANSFER_SCOPE_CASE, TRANSFER_STATE } from '../../../src/shared/enums.ts';
import { useOrgDetail } from '../api/queries.ts';
import { useTransfers, type TransferListQuery, type TransferSummary } from '../api/transfers.ts';
import { useAuth, useMe } from '../auth/AuthContext.tsx';
import { OrgPicker } from '../components/OrgPicker.tsx';
import { QueryError } from '../components/QueryError.tsx';
import { IncomingModal } from '../components/transfers/IncomingModal.tsx';
import { NewTransferModal } from '../components/transfers/NewTransferModal.tsx';
import { RequestTransferModal } from '../components/transfers/RequestTransferModal.tsx';
import { TransferDrawer } from '../components/transfers/TransferDrawer.tsx';
import { TransferStateTag } from '../components/transfers/TransferStateTag.tsx';
import { useTransferText } from '../components/transfers/text.ts';
import { useCodeOptions, useLabel } from '../labels.ts';

type Side = 'all' | 'out' | 'in';
const PAGE = 50;

/** 组织关系转接: an organization's outgoing and incoming transfers, filters in the URL, the detail in a drawer. */
export default function TransfersPage() {
  const tx = useTransferText();
  const me = useMe();
  const { can } = useAuth();
  const label = useLabel();
  const options = useCodeOptions();
  const isPhone = !Grid.useBreakpoint().md;
  const [sp, setSp] = useSearchParams();
  const orgId = Number(sp.get('orgId')) || me.orgId;
  const side = (['out', 'in'].includes(sp.get('side') ?? '') ? sp.get('side') : 'all') as Side;
  const state = (sp.get('state') ?? undefined) as TransferListQuery['state'];
  const q = sp.get('q') ?? undefined;
  const page = Math.max(1, Number(sp.get('page')) || 1);
  const open = Number(sp.get('id')) || null;
  const org = useOrgDetail(orgId !== me.orgId ? orgId : null);
  const orgName = orgId === me.orgId ? me.orgName : org.data?.id === orgId ? org.data.name : undefined;
  const query = useMemo(() => ({ orgId: me.role === 'member' ? undefined : orgId, side, state, q, offset: (page - 1) * PAGE, limit: PAGE }), [orgId, side, state, q, page, me.role]);
  const list = useTransfers(query);
  const [creating, setCreating] = useState(false);
  const [incoming, setIncoming] = useState(false);
  const [requesting, setRequesting] = useState(false);
  const [nameText, setNameText] = useState(q ?? '');
  useEffect(() => setNameText(q ?? ''), [q]);
  const staff = me.role !== 'member' && can('member.write');

  const update = (patch: Record<string, string | number | null | undefined>) => {
    const next = new URLSearchParams(sp);
    for (const [k, v] of Object.entries(patch)) {
      if (v === undefined || v === null || v === '') next.delete(k);
      else next.set(k, String(v));
    }
    if (!('page' in patch) && !('id' in patch)) next.delete('page');
    setSp(next);
  };

  const columns: TableColumnsType<TransferSummary> = [
    {
      title: tx('member'),
      dataIndex: 'memberName',
      key: 'member',
      width: 110,
      fixed: 'left',
      render: (n: string, t) => (
        <Typography.Link onClick={() => update({ id: t.id })} data-testid="transfer-row-name">
          {n}
        </Typography.Link>
      ),
    },
    { title: tx('state'), dataIndex: 'state', key: 'state', width: 150, render: (s: TransferSummary['state'], t) => <Space size={2} wrap><TransferStateTag state={s} />{t.waitingFor && <Typography.Text type="secondary" style={{ fontSize: 12 }}>{t.waitingFor.orgName}</Typography.Text>}</Space> },
    { title: tx('from'), dataIndex: 'fromOrgName', key: 'from', width: 200, ellipsis: true, responsive: ['md'] },
    { title: tx('to'), dataIndex: 'toOrgName', key: 'to', width: 200, ellipsis: true },
    { title: tx('case'), dataIndex: 'scopeCase', key: 'case', width: 110, render: (c: TransferSummary['scopeCase']) => <Tag>{label(TRANSFER_SCOPE_CASE, c)}</Tag>, responsive: ['lg'] },
    { title: tx('letter'), dataIndex: 'letterNumber', key: 'letter', width: 190, render: (n: string | null) => <span className="mono">{n ?? '—'}</span>, responsive: ['lg'] },
    { title: tx('validUntil'), dataIndex: 'validUntil', key: 'valid', width: 110, render: (d: string | null) => d ?? '—', responsive: ['sm'] },
  ];

  const filtered = !!(state || q || side !== 'all');
  return (
    <div className="page" data-testid="transfers-page">
      <div className="page-head">
        <Typography.Title level={3} className="page-title">
          {tx('title')}
        </Typography.Title>
        {!isPhone && (
          <Typography.Paragraph type="secondary" className="page-intro">
            {tx('intro')}
          </Typography.Paragraph>
        )}
      </div>
      <Card className="page-card">
        {me.role !== 'member' && (
          <div className="toolbar">
            <Typography.Text strong>{tx('scope')}</Typography.Text>
            <div style={{ flex: isPhone ? '1 1 100%' : '0 1 420px', minWidth: 0, display: 'grid' }}>
              {orgName !== undefined || org.isError ? <OrgPicker key={orgId} value={orgId} initial={orgName !== undefined ? { id: orgId, name: orgName } : undefined} onChange={(id) => update({ orgId: id === me.orgId ? undefined : id })} /> : <Input disabled />}
            </div>
            <Typography.Text type="secondary">{tx('scopeHint')}</Typography.Text>
          </div>
        )}
        <div className="toolbar">
          <Segmented<Side> value={side} onChange={(v) => update({ side: v === 'all' ? undefined : v })} options={[{ value: 'all', label: tx('sideAll') }, { value: 'out', label: tx('sideOut') }, { value: 'in', label: tx('sideIn') }]} data-testid="transfer-side" />
          <Select allowClear placeholder={tx('stateAll')} value={state} onChange={(v) => update({ state: v })} options={options(TRANSFER_STATE)} style={{ minWidth: 170 }} data-testid="transfer-state-filter" />
          <Input.Search allowClear placeholder={tx('search')} value={nameText} onChange={(e) => setNameText(e.target.value)} onSearch={(v) => update({ q: v.trim() || undefined })} enterButton={<SearchOutlined />} style={{ maxWidth: 240 }} maxLength={30} />
          <div className="toolbar-spacer" />
          {me.role === 'member' && me.memberId && (
            <Button type="primary" icon={<PlusOutlined />} onClick={() => setRequesting(true)} data-testid="transfer-request">
              {tx('requestTitle')}
            </Button>
          )}
          {staff && (
            <>
              <Button icon={<ImportOutlined />} onClick={() => setIncoming(true)} data-testid="transfer-incoming">
                {tx('incoming')}
              </Button>
              <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)} data-testid="transfer-new">
                {tx('newTransfer')}
              </Button>
            </>
          )}
        </div>
        {list.isError ? (
          <QueryError error={list.error} onRetry={() => void list.refetch()} />
        ) : (
          <Table<TransferSummary>
            rowKey="id"
            size="middle"
            columns={columns}
            dataSource={list.data?.items ?? []}
            loading={list.isPending || (list.isPlaceholderData && list.isFetching)}
            onRow={(t) => ({ onClick: () => update({ id: t.id }), style: { cursor: 'pointer' } })}
            pagination={{ current: page, pageSize: PAGE, total: list.data?.total ?? 0, showSizeChanger: false, hideOnSinglePage: true, onChange: (p) => update({ page: p }) }}
            scroll={{ x: 'max-content' }}
            locale={{ emptyText: list.isPending ? ' ' : <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={<Space orientation="vertical" size={2}><span>{tx('empty')}</span><Typography.Text type="secondary">{tx('emptyHint')}</Typography.Text></Space>} data-testid="transfers-empty">{filtered && <Button onClick={() => update({ state: undefined, q: undefined, side: undefined })}>{tx('stateAll')}</Button>}</Empty> }}
            data-testid="transfers-table"
          />
        )}
      </Card>
      <NewTransferModal open={creating} orgId={orgId} onClose={() => setCreating(false)} onCreated={(id) => id && update({ id })} />
      <IncomingModal open={incoming} orgId={orgId} orgName={orgName} onClose={() => setIncoming(false)} onCreated={(id) => update({ id })} />
      <TransferDrawer id={open} onClose={() => update({ id: undefined })} />
      {me.memberId && <RequestTransferModal memberId={me.memberId} open={requesting} onClose={() => setRequesting(false)} onCreated={(id) => update({ id })} />}
    </div>
  );
}
