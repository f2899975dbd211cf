import { PlusOutlined } from '@ant-design/icons';
import { App, Button, Card, Empty, Form, Input, Modal, Progress, Space, Statistic, Table, Tag, Typography } from 'antd';
import type { TableColumnsType } from 'antd';
import { useState } from 'react';
import { Link, useNavigate } from 'react-router-dom';
import { RECT_ACCEPTANCE, RECT_ORIGIN } from '../../../../src/shared/enums.ts';
import { errorMessage } from '../../api/client.ts';
import { useAddByHand, useEntries, type EntrySummary } from '../../api/rectification.ts';
import { useLabel } from '../../labels.ts';
import { OrgPicker } from '../OrgPicker.tsx';
import { QueryError } from '../QueryError.tsx';
import { RectStateTag } from './StateTag.tsx';
import { useRectText } from './text.ts';

/** The year's list for a subtree: state, leader, task progress bars with overdue marks, the last acceptance. */
export function EntryListPanel({ orgId, year, canWrite }: { orgId: number; year: number; canWrite: boolean }) {
  const tx = useRectText();
  const label = useLabel();
  const navigate = useNavigate();
  const entries = useEntries(orgId, year);
  const [adding, setAdding] = useState(false);
  const link = (r: EntrySummary) => `/rectification/orgs/${r.orgId}?year=${year}`;

  const columns: TableColumnsType<EntrySummary> = [
    { title: tx('orgName'), key: 'org', width: 220, render: (_: unknown, r) => <Link to={link(r)} data-testid="entry-link">{r.orgName}</Link> },
    { title: tx('state'), key: 'state', width: 130, render: (_: unknown, r) => <RectStateTag state={r.state} /> },
    {
      title: tx('taskProgress'),
      key: 'tasks',
      width: 200,
      render: (_: unknown, r) =>
        r.tasks.total === 0 ? (
          <Typography.Text type="secondary">{tx('noTasks')}</Typography.Text>
        ) : (
          <Space orientation="vertical" size={0} style={{ width: '100%' }}>
            <Progress percent={Math.round((r.tasks.done / r.tasks.total) * 100)} size="small" format={() => `${r.tasks.done}/${r.tasks.total}`} strokeColor={r.tasks.overdue ? '#faad14' : '#52c41a'} />
            {r.tasks.overdue > 0 && <Tag color="orange">{tx('overdueTasks', { count: r.tasks.overdue })}</Tag>}
          </Space>
        ),
    },
    { title: tx('leader'), key: 'leader', width: 160, responsive: ['md'], render: (_: unknown, r) => (r.leaderName ? `${r.leaderName}${r.leaderTitle ? `（${r.leaderTitle}）` : ''}` : '—') },
    { title: tx('lastAcceptance'), key: 'acc', width: 150, responsive: ['md'], render: (_: unknown, r) => (r.lastAcceptance ? <Tag color={r.lastAcceptance.result === 'pass' ? 'green' : 'red'}>{`${r.lastAcceptance.on} ${label(RECT_ACCEPTANCE, r.lastAcceptance.result)}`}</Tag> : '—') },
    { title: tx('origin'), key: 'origin', width: 110, responsive: ['lg'], render: (_: unknown, r) => label(RECT_ORIGIN, r.origin) },
    { title: tx('reason'), dataIndex: 'reason', key: 'reason', responsive: ['lg'], ellipsis: true },
  ];

  if (entries.isError) return <QueryError error={entries.error} onRetry={() => void entries.refetch()} />;
  const c = entries.data?.counts;
  return (
    <Space orientation="vertical" size={12} style={{ width: '100%' }}>
      <Card size="small">
        <Space wrap style={{ width: '100%', justifyContent: 'space-between' }}>
          <Space size={32} wrap>
            <Statistic title={tx('countListed')} value={c?.listed ?? 0} styles={{ content: { color: '#c8161d' } }} />
            <Statistic title={tx('countClosed')} value={c?.closed ?? 0} styles={{ content: { color: '#389e0d' } }} />
            <Statistic title={tx('countRemoved')} value={c?.removed ?? 0} />
          </Space>
          {canWrite && (
            <Button icon={<PlusOutlined />} onClick={() => setAdding(true)} data-testid="add-by-hand">
              {tx('addByHand')}
            </Button>
          )}
        </Space>
      </Card>
      <Card size="small">
        <Table
          rowKey="id"
          size="middle"
          loading={entries.isPending}
          columns={columns}
          dataSource={entries.data?.items ?? []}
          pagination={false}
          scroll={{ x: 'max-content' }}
          onRow={(r) => ({ onClick: () => navigate(link(r)), style: { cursor: 'pointer' } })}
          locale={{ emptyText: <Empty description={<Space orientation="vertical" size={2}><span>{tx('listEmpty')}</span><Typography.Text type="secondary">{tx('listEmptyHint')}</Typography.Text></Space>} /> }}
        />
      </Card>
      <AddModal open={adding} year={year} onClose={() => setAdding(false)} />
    </Space>
  );
}

function AddModal({ open, year, onClose }: { open: boolean; year: number; onClose: () => void }) {
  const tx = useRectText();
  const { modal, message } = App.useApp();
  const [form] = Form.useForm<{ orgId: number; reason: string }>();
  const add = useAddByHand();
  const submit = async () => {
    const v = await form.validateFields();
    modal.confirm({
      title: tx('addConfirm', { year }),
      okText: tx('ok'),
      cancelText: tx('cancel'),
      onOk: () =>
        add.mutateAsync({ orgId: v.orgId, year, reason: v.reason }).then(
          () => {
            form.resetFields();
            onClose();
          },
          (err: unknown) => void message.error(errorMessage(err)),
        ),
    });
  };
  return (
    <Modal open={open} title={tx('addByHand')} onCancel={onClose} onOk={() => void submit()} okText={tx('save')} cancelText={tx('cancel')} confirmLoading={add.isPending} destroyOnHidden>
      <Form form={form} layout="vertical">
        <Form.Item name="orgId" label={tx('addOrg')} rules={[{ required: true, message: tx('required') }]}>
          <OrgPicker id="rect-add-org" />
        </Form.Item>
        <Form.Item name="reason" label={tx('addReason')} extra={tx('addReasonHint')} rules={[{ required: true, min: 2, message: tx('required') }]}>
          <Input.TextArea rows={3} maxLength={1000} data-testid="add-reason" />
        </Form.Item>
      </Form>
    </Modal>
  );
}
