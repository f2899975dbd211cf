import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { App, Button, Card, DatePicker, Empty, Select, Space, Table, Tag, Typography } from 'antd';
import type { TableColumnsType } from 'antd';
import dayjs from 'dayjs';
import { useState } from 'react';
import { SERVICE_RECORD_KIND } from '../../../../src/shared/enums.ts';
import { errorMessage } from '../../api/client.ts';
import { useDeleteRecord, useRecords, type RecordFilter, type ServiceRecord, type ServiceSummary } from '../../api/service.ts';
import { useAuth } from '../../auth/AuthContext.tsx';
import { useCodeOptions, useLabel } from '../../labels.ts';
import { QueryError } from '../QueryError.tsx';
import { RecordModal } from './RecordModal.tsx';
import { useSvcText } from './text.ts';

/** 记实卡: the records of the organization and below with filters (in the URL), and the count per member. */
export function RecordsTab({ orgId, summary, filter, onFilter }: { orgId: number; summary: ServiceSummary | undefined; filter: RecordFilter; onFilter: (f: RecordFilter) => void }) {
  const tx = useSvcText();
  const label = useLabel();
  const options = useCodeOptions();
  const { can } = useAuth();
  const { modal, message } = App.useApp();
  const q = useRecords(orgId, filter);
  const del = useDeleteRecord();
  const [adding, setAdding] = useState(false);
  const write = can('member.write');

  const remove = (r: ServiceRecord) =>
    modal.confirm({
      title: tx('delete'),
      content: tx('deleteConfirm'),
      okButtonProps: { danger: true },
      okText: tx('delete'),
      cancelText: tx('cancel'),
      onOk: () => del.mutateAsync(r.id).then(() => void message.success(tx('deleted')), (e: unknown) => void message.error(errorMessage(e))),
    });

  const columns: TableColumnsType<ServiceRecord> = [
    { title: tx('date'), dataIndex: 'occurredOn', key: 'd', width: 110 },
    { title: tx('member'), key: 'm', width: 120, render: (_, r) => r.memberName ?? <Tag>{tx('orgRecord')}</Tag> },
    { title: tx('kind'), key: 'k', width: 120, render: (_, r) => label(SERVICE_RECORD_KIND, r.kind) },
    { title: tx('whom'), dataIndex: 'whom', key: 'w', width: 140 },
    { title: tx('matter'), key: 'mt', render: (_, r) => <span>{r.matter}{r.result && <Typography.Text type="secondary">{` → ${r.result}`}</Typography.Text>}</span> },
    { title: tx('hours'), key: 'h', width: 80, responsive: ['lg'], render: (_, r) => r.hours ?? '—' },
    { title: tx('enteredBy'), key: 'e', width: 110, responsive: ['lg'], render: (_, r) => (r.enteredBy === 'self' ? <Tag color="blue">{tx('self')}</Tag> : r.createdByName) },
    ...(write ? [{ title: '', key: 'x', width: 50, render: (_: unknown, r: ServiceRecord) => <Button type="text" danger size="small" icon={<DeleteOutlined />} aria-label={tx('delete')} onClick={() => remove(r)} /> }] : []),
  ];

  const memberColumns: TableColumnsType<ServiceSummary['members'][number]> = [
    { title: tx('member'), key: 'n', render: (_, m) => <Button type="link" size="small" style={{ padding: 0 }} onClick={() => onFilter({ ...filter, memberId: m.memberId, offset: 0 })}>{m.name}</Button> },
    { title: tx('org'), dataIndex: 'orgName', key: 'o', responsive: ['md'] },
    { title: tx('post'), key: 'p', render: (_, m) => (m.office ? <Tag>{tx('office')}</Tag> : m.post ?? '—') },
    { title: tx('records'), dataIndex: 'records', key: 'r', width: 80, align: 'right', render: (n: number) => (n === 0 ? <Typography.Text type="danger">0</Typography.Text> : n) },
  ];

  return (
    <Space orientation="vertical" size={12} style={{ width: '100%' }} data-testid="records-tab">
      <div className="reminders-filters">
        <Select
          allowClear
          showSearch={{ optionFilterProp: 'label' }}
          placeholder={tx('allMembers')}
          value={filter.memberId}
          onChange={(v: number | undefined) => onFilter({ ...filter, memberId: v, offset: 0 })}
          options={(summary?.members ?? []).map((m) => ({ value: m.memberId, label: m.name }))}
          style={{ minWidth: 140 }}
          data-testid="records-member-filter"
        />
        <Select allowClear placeholder={tx('allKinds')} value={filter.kind} onChange={(v: string | undefined) => onFilter({ ...filter, kind: v, offset: 0 })} options={options(SERVICE_RECORD_KIND)} style={{ minWidth: 140 }} />
        <DatePicker.RangePicker
          value={filter.from && filter.to ? [dayjs(filter.from), dayjs(filter.to)] : null}
          onChange={(v) => onFilter({ ...filter, from: v?.[0]?.format('YYYY-MM-DD'), to: v?.[1]?.format('YYYY-MM-DD'), offset: 0 })}
          style={{ maxWidth: 280 }}
        />
        <Typography.Text type="secondary" data-testid="records-total">{q.data ? tx('total', { count: q.data.total }) : ''}</Typography.Text>
        <div className="header-spacer" />
        {write && <Button type="primary" icon={<PlusOutlined />} onClick={() => setAdding(true)} data-testid="new-record">{tx('newRecord')}</Button>}
      </div>
      {q.isError ? (
        <QueryError error={q.error} onRetry={() => void q.refetch()} />
      ) : (
        <Card size="small">
          <Table
            rowKey="id"
            size="small"
            loading={q.isPending}
            columns={columns}
            dataSource={q.data?.items ?? []}
            scroll={{ x: 'max-content' }}
            pagination={{ current: Math.floor((filter.offset ?? 0) / 20) + 1, pageSize: 20, total: q.data?.total ?? 0, showSizeChanger: false, showTotal: (n) => tx('total', { count: n }), onChange: (page) => onFilter({ ...filter, offset: (page - 1) * 20 }) }}
            locale={{ emptyText: <Empty description={<Space orientation="vertical" size={2}><span>{tx('noRecords')}</span><Typography.Text type="secondary">{tx('noRecordsHint')}</Typography.Text></Space>} /> }}
          />
        </Card>
      )}
      {summary && (
        <Card size="small" title={tx('perMember')}>
          <Table rowKey="memberId" size="small" columns={memberColumns} dataSource={summary.members} pagination={{ pageSize: 10, showSizeChanger: false }} scroll={{ x: 'max-content' }} data-testid="member-counts" />
        </Card>
      )}
      <RecordModal open={adding} onClose={() => setAdding(false)} orgId={orgId} defaultMemberId={filter.memberId} />
    </Space>
  );
}
