import { PlusOutlined, SearchOutlined } from '@ant-design/icons';
import { Button, Card, Empty, Grid, Input, Select, Space, Table, Tabs, Tag, Typography } from 'antd';
import type { TableColumnsType } from 'antd';
import { useEffect, useMemo, useState } from 'react';
import { Link, useNavigate, useSearchParams } from 'react-router-dom';
import { DEV_STAGE, DEV_STEP } from '../../../src/shared/enums.ts';
import { useDevBoard, type DevBoardQuery, type DevCaseSummary } from '../api/development.ts';
import { useOrgDetail } from '../api/queries.ts';
import { useAuth, useMe } from '../auth/AuthContext.tsx';
import { NewCaseModal } from '../components/development/NewCaseModal.tsx';
import { NextCell } from '../components/development/NextCell.tsx';
import { useDevText } from '../components/development/text.ts';
import { OrgPicker } from '../components/OrgPicker.tsx';
import { QueryError } from '../components/QueryError.tsx';
import { useLabel } from '../labels.ts';

type Stage = (typeof DEV_STAGE.values)[number];

/** 发展党员 board: who of an organization's subtree is at which stage and step, what is due, what is overdue. */
export default function DevelopmentPage() {
  const tx = useDevText();
  const label = useLabel();
  const me = useMe();
  const { can } = useAuth();
  const navigate = useNavigate();
  const isPhone = !Grid.useBreakpoint().md;
  const [sp, setSp] = useSearchParams();
  const orgId = Number(sp.get('orgId')) || me.orgId;
  const stage = (DEV_STAGE.values as readonly string[]).includes(sp.get('stage') ?? '') ? (sp.get('stage') as Stage) : undefined;
  const status = sp.get('status') === 'all' ? 'all' : 'open';
  const q = sp.get('q') ?? undefined;
  const [text, setText] = useState(q ?? '');
  useEffect(() => setText(q ?? ''), [q]);
  const [creating, setCreating] = useState(false);
  const org = useOrgDetail(orgId !== me.orgId ? orgId : null);
  const orgName = orgId === me.orgId ? me.orgName : org.data?.id === orgId ? org.data.name : undefined;
  const query: DevBoardQuery = useMemo(() => ({ orgId, status, q }), [orgId, status, q]);
  const board = useDevBoard(query);
  const items = useMemo(() => (board.data?.items ?? []).filter((i) => !stage || i.stage === stage), [board.data, stage]);

  const update = (patch: Record<string, string | undefined>) => {
    const next = new URLSearchParams(sp);
    for (const [k, v] of Object.entries(patch)) if (v === undefined || v === '') next.delete(k);
    else next.set(k, v);
    setSp(next, { replace: true });
  };

  const columns: TableColumnsType<DevCaseSummary> = [
    { title: tx('name'), dataIndex: 'name', key: 'name', width: 100, fixed: 'left', render: (n: string, c) => <Link to={`/development/${c.id}`} data-testid="dev-case-link">{n}</Link> },
    { title: tx('stage'), dataIndex: 'stage', key: 'stage', width: 120, render: (s: Stage) => <Tag color={s === 'full' ? 'red' : s === 'probationary' ? 'volcano' : 'default'}>{label(DEV_STAGE, s)}</Tag> },
    { title: tx('current'), key: 'current', width: 200, responsive: ['md'], render: (_: unknown, c) => <span>{label(DEV_STEP, c.lastStep)} <Typography.Text type="secondary">{c.lastStepOn}</Typography.Text></span> },
    { title: tx('next'), key: 'next', width: 240, render: (_: unknown, c) => <NextCell c={c} /> },
    { title: tx('org'), dataIndex: 'orgName', key: 'org', width: 220, ellipsis: true, responsive: ['lg'] },
    { title: tx('trainingOrg'), dataIndex: 'trainingOrgName', key: 'trainingOrg', width: 200, ellipsis: true, responsive: ['xl'], render: (v: string | null) => v ?? '—' },
    { title: tx('probationEnd'), dataIndex: 'probationEndOn', key: 'probationEnd', width: 120, responsive: ['lg'], render: (v: string | null) => v ?? '—' },
  ];

  const counts = new Map((board.data?.stages ?? []).map((s) => [s.stage, s.count]));
  const total = board.data?.items.length ?? 0;
  const tabs = [{ key: '', label: `${tx('all')} ${total}` }, ...DEV_STAGE.values.map((s) => ({ key: s, label: `${label(DEV_STAGE, s)} ${counts.get(s) ?? 0}` }))];

  const empty =
    total === 0 && !q ? (
      <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={<Space orientation="vertical" size={2}><span>{tx('empty')}</span><Typography.Text type="secondary">{tx('emptyHint')}</Typography.Text></Space>} data-testid="dev-empty" />
    ) : (
      <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={tx('emptyFiltered')} data-testid="dev-empty" />
    );

  return (
    <div className="page" data-testid="development-page">
      <div className="page-head">
        <Typography.Title level={3} className="page-title">{tx('title')}</Typography.Title>
        {!isPhone && <Typography.Paragraph type="secondary" className="page-intro">{tx('intro')}</Typography.Paragraph>}
      </div>
      <Card className="page-card">
        <div className="toolbar">
          <Typography.Text strong>{tx('scope')}</Typography.Text>
          <div style={{ flex: isPhone ? '1 1 100%' : '0 1 420px', minWidth: 0, display: 'grid' }}>
            {orgName !== undefined || org.isError ? (
              <OrgPicker key={orgId} value={orgId} initial={orgName !== undefined ? { id: orgId, name: orgName } : undefined} onChange={(id) => update({ orgId: id === me.orgId ? undefined : String(id) })} />
            ) : (
              <Input disabled />
            )}
          </div>
          <Typography.Text type="secondary">{tx('scopeHint')}</Typography.Text>
        </div>
        <div className="toolbar">
          <Input
            allowClear
            prefix={<SearchOutlined className="muted" />}
            placeholder={tx('search')}
            value={text}
            maxLength={30}
            style={{ flex: isPhone ? '1 1 100%' : '0 1 220px' }}
            onChange={(e) => {
              setText(e.target.value);
              if (!e.target.value) update({ q: undefined });
            }}
            onPressEnter={() => update({ q: text.trim() || undefined })}
            aria-label={tx('search')}
          />
          <Select
            value={status}
            style={{ width: isPhone ? '100%' : 240 }}
            onChange={(v) => update({ status: v === 'all' ? 'all' : undefined })}
            options={[{ value: 'open', label: tx('statusOpen') }, { value: 'all', label: tx('statusAll') }]}
            data-testid="dev-status"
          />
          {board.data && board.data.overdue > 0 && <Tag color="error" data-testid="dev-overdue-count">{tx('overdueCount', { count: board.data.overdue })}</Tag>}
          <div className="toolbar-spacer" />
          {can('member.write') && (
            <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)} data-testid="dev-new">
              {tx('newCase')}
            </Button>
          )}
        </div>
        <Tabs activeKey={stage ?? ''} items={tabs} onChange={(k) => update({ stage: k || undefined })} data-testid="dev-stage-tabs" />
        {board.isError ? (
          <QueryError error={board.error} onRetry={() => void board.refetch()} />
        ) : (
          <Table<DevCaseSummary>
            rowKey="id"
            size="middle"
            columns={columns}
            dataSource={items}
            loading={board.isPending}
            pagination={items.length > 50 ? { pageSize: 50, showSizeChanger: false } : false}
            onRow={(c) => ({ onClick: () => navigate(`/development/${c.id}`), style: { cursor: 'pointer' } })}
            rowClassName={(c) => (c.next?.overdue ? 'dev-row-overdue' : '')}
            locale={{ emptyText: board.isPending ? ' ' : empty }}
            scroll={{ x: 'max-content' }}
            data-testid="dev-board"
          />
        )}
      </Card>
      <NewCaseModal open={creating} orgId={orgId} orgName={orgName} onClose={() => setCreating(false)} onCreated={(id) => navigate(`/development/${id}`)} />
    </div>
  );
}
