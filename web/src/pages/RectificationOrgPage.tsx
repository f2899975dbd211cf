import { ArrowLeftOutlined } from '@ant-design/icons';
import { App, Button, Card, Descriptions, Empty, Form, Input, Modal, Popconfirm, Skeleton, Space, Table, Typography } from 'antd';
import dayjs from 'dayjs';
import { useState } from 'react';
import { Link, useParams, useSearchParams } from 'react-router-dom';
import { RECT_ORIGIN } from '../../../src/shared/enums.ts';
import { errorMessage } from '../api/client.ts';
import { useLeader, useOrgRectification, useRemoveEntry, type Entry } from '../api/rectification.ts';
import { useAuth, useMe } from '../auth/AuthContext.tsx';
import { QueryError } from '../components/QueryError.tsx';
import { AcceptancePanel } from '../components/rectification/AcceptancePanel.tsx';
import { EvidenceList } from '../components/rectification/EvidenceList.tsx';
import { RectStateTag } from '../components/rectification/StateTag.tsx';
import { TaskTable } from '../components/rectification/TaskTable.tsx';
import { useRectText } from '../components/rectification/text.ts';
import { useLabel } from '../labels.ts';

/** One organization's rectification for a year: why it is listed (with the records), leader, tasks, acceptance. */
export default function RectificationOrgPage() {
  const tx = useRectText();
  const label = useLabel();
  const me = useMe();
  const { can } = useAuth();
  const orgId = Number(useParams().orgId);
  const [sp] = useSearchParams();
  const year = Number(sp.get('year')) || dayjs().year();
  const q = useOrgRectification(orgId, year);
  if (q.isError) return <QueryError error={q.error} onRetry={() => void q.refetch()} />;
  if (!q.data) return <Skeleton active />;
  const { org, entry, history } = q.data;
  const above = can('org.write') && org.id !== me.orgId;
  return (
    <Space orientation="vertical" size={16} style={{ width: '100%' }} data-testid="rect-org-page">
      <Link to={`/rectification?year=${year}`}>
        <ArrowLeftOutlined /> {tx('back')}
      </Link>
      <Space wrap align="center">
        <Typography.Title level={3} style={{ margin: 0 }}>
          {`${org.name} · ${year}`}
        </Typography.Title>
        {entry && <RectStateTag state={entry.state} />}
      </Space>
      {!entry ? (
        <Card>
          <Empty description={tx('notListed', { year })} />
        </Card>
      ) : (
        <>
          <EntryHead entry={entry} above={above} />
          <Card size="small" title={tx('tasks')}>
            <TaskTable entry={entry} canEdit={entry.state === 'listed' && can('member.write')} />
          </Card>
          <AcceptancePanel entry={entry} canReview={above} />
        </>
      )}
      {history.length > 1 && (
        <Card size="small" title={tx('history')}>
          <Table
            rowKey="id"
            size="small"
            pagination={false}
            dataSource={history}
            columns={[
              { title: tx('year'), dataIndex: 'year', key: 'year', width: 80, render: (y: number) => <Link to={`/rectification/orgs/${org.id}?year=${y}`}>{y}</Link> },
              { title: tx('state'), key: 'state', width: 140, render: (_: unknown, r) => <RectStateTag state={r.state} /> },
              { title: tx('origin'), key: 'origin', width: 100, render: (_: unknown, r) => label(RECT_ORIGIN, r.origin) },
              { title: tx('reason'), dataIndex: 'reason', key: 'reason', ellipsis: true },
            ]}
          />
        </Card>
      )}
    </Space>
  );
}

function EntryHead({ entry, above }: { entry: Entry; above: boolean }) {
  const tx = useRectText();
  const label = useLabel();
  const { message } = App.useApp();
  const [leaderOpen, setLeaderOpen] = useState(false);
  const [removeOpen, setRemoveOpen] = useState(false);
  const open = entry.state === 'listed';
  return (
    <Card size="small">
      <Descriptions size="small" column={{ xs: 1, sm: 1, md: 2 }}>
        <Descriptions.Item label={tx('origin')}>{label(RECT_ORIGIN, entry.origin)}</Descriptions.Item>
        <Descriptions.Item label={tx('listedOn')}>{entry.listedOn}</Descriptions.Item>
        <Descriptions.Item label={tx('leader')}>
          <Space>
            {entry.leaderName ? `${entry.leaderName}${entry.leaderTitle ? `（${entry.leaderTitle}）` : ''}` : '—'}
            {open && above && (
              <Button size="small" type="link" onClick={() => setLeaderOpen(true)} data-testid="set-leader">
                {tx('setLeader')}
              </Button>
            )}
          </Space>
        </Descriptions.Item>
        <Descriptions.Item label={tx('reason')} span={2}>
          {entry.reason}
        </Descriptions.Item>
      </Descriptions>
      {entry.state === 'closed' && <Typography.Text type="success">{tx('closed', { date: entry.closedOn ?? '' })}</Typography.Text>}
      {entry.state === 'removed' && <Typography.Text type="secondary">{tx('removed', { date: entry.removedOn ?? '', reason: entry.removedReason ?? '' })}</Typography.Text>}
      {entry.hits.map((h) => (
        <div key={h.key} style={{ marginTop: 8 }}>
          <Typography.Text strong>{h.description}</Typography.Text>
          <Typography.Text type="secondary">{`：${h.display}`}</Typography.Text>
          <EvidenceList items={h.evidence} total={h.evidenceTotal} more={(shown, total) => tx('evidenceMore', { shown, total })} />
        </div>
      ))}
      {open && above && entry.tasks.total === 0 && entry.acceptances.length === 0 && (
        <div style={{ marginTop: 12 }}>
          <Button danger size="small" onClick={() => setRemoveOpen(true)}>
            {tx('remove')}
          </Button>
        </div>
      )}
      <LeaderModal open={leaderOpen} entry={entry} onClose={() => setLeaderOpen(false)} onError={(e) => void message.error(e)} />
      <RemoveModal open={removeOpen} entry={entry} onClose={() => setRemoveOpen(false)} onError={(e) => void message.error(e)} />
    </Card>
  );
}

function LeaderModal({ open, entry, onClose, onError }: { open: boolean; entry: Entry; onClose: () => void; onError: (m: string) => void }) {
  const tx = useRectText();
  const [form] = Form.useForm<{ name: string; title?: string }>();
  const save = useLeader(entry.id);
  const submit = async () => {
    const v = await form.validateFields();
    save.mutate({ name: v.name, title: v.title || null }, { onSuccess: onClose, onError: (e) => onError(errorMessage(e)) });
  };
  return (
    <Modal open={open} title={tx('setLeader')} onCancel={onClose} onOk={() => void submit()} okText={tx('save')} cancelText={tx('cancel')} confirmLoading={save.isPending} destroyOnHidden>
      <Form form={form} layout="vertical" initialValues={{ name: entry.leaderName ?? '', title: entry.leaderTitle ?? '' }}>
        <Form.Item name="name" label={tx('leaderName')} rules={[{ required: true, min: 2, message: tx('required') }]}>
          <Input maxLength={60} data-testid="leader-name" />
        </Form.Item>
        <Form.Item name="title" label={tx('leaderTitle')}>
          <Input maxLength={100} />
        </Form.Item>
      </Form>
    </Modal>
  );
}

function RemoveModal({ open, entry, onClose, onError }: { open: boolean; entry: Entry; onClose: () => void; onError: (m: string) => void }) {
  const tx = useRectText();
  const [form] = Form.useForm<{ reason: string }>();
  const remove = useRemoveEntry(entry.id);
  const [reason, setReason] = useState('');
  return (
    <Modal open={open} title={tx('remove')} onCancel={onClose} footer={null} destroyOnHidden>
      <Typography.Paragraph type="secondary">{tx('removeHint')}</Typography.Paragraph>
      <Form form={form} layout="vertical">
        <Form.Item name="reason" label={tx('removeReason')} rules={[{ required: true, min: 2, message: tx('required') }]}>
          <Input.TextArea rows={2} maxLength={1000} onChange={(e) => setReason(e.target.value)} />
        </Form.Item>
        <Popconfirm title={tx('removeConfirm')} okText={tx('ok')} cancelText={tx('cancel')} disabled={reason.trim().length < 2} onConfirm={() => remove.mutate(reason.trim(), { onSuccess: onClose, onError: (e) => onError(errorMessage(e)) })}>
          <Button danger disabled={reason.trim().length < 2} loading={remove.isPending}>
            {tx('remove')}
          </Button>
        </Popconfirm>
      </Form>
    </Modal>
  );
}
