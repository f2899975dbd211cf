import { PlusOutlined } from '@ant-design/icons';
import { Button, Card, DatePicker, Empty, Form, Input, InputNumber, Modal, Space, Table, Tag, Typography } from 'antd';
import type { TableColumnsType } from 'antd';
import dayjs from 'dayjs';
import { useState } from 'react';
import { Link, useNavigate, useSearchParams } from 'react-router-dom';
import { errorMessage } from '../api/client.ts';
import { useCreateRound, useRounds, type RoundSummary } from '../api/appraisal.ts';
import { useOrgDetail } from '../api/queries.ts';
import { useAuth, useMe } from '../auth/AuthContext.tsx';
import { StateTag } from '../components/appraisal/StateTag.tsx';
import { useAprText } from '../components/appraisal/text.ts';
import { OrgPicker } from '../components/OrgPicker.tsx';
import { QueryError } from '../components/QueryError.tsx';
import { PageHeading } from '../components/PageHeading.tsx';

/** 民主评议党员: an organization's yearly rounds, and starting a new one. */
export default function AppraisalPage() {
  const tx = useAprText();
  const me = useMe();
  const { can } = useAuth();
  const navigate = useNavigate();
  const [sp, setSp] = useSearchParams();
  const orgId = Number(sp.get('orgId')) || me.orgId;
  const org = useOrgDetail(orgId !== me.orgId ? orgId : null);
  const orgName = orgId === me.orgId ? me.orgName : org.data?.id === orgId ? org.data.name : undefined;
  const rounds = useRounds(orgId);
  const [creating, setCreating] = useState(false);

  const columns: TableColumnsType<RoundSummary> = [
    { title: tx('year'), dataIndex: 'year', key: 'year', width: 90, render: (y: number, r) => <Link to={`/appraisal/rounds/${r.id}`} data-testid="round-link">{y}</Link> },
    { title: tx('state'), dataIndex: 'state', key: 'state', width: 150, render: (_: string, r) => <StateTag state={r.state} /> },
    { title: tx('participants'), key: 'p', width: 110, render: (_: unknown, r) => `${r.graded} / ${r.participants}` },
    { title: tx('deadline'), dataIndex: 'deadline', key: 'deadline', width: 150, render: (d: string, r) => (r.overdue ? <Tag color="red">{`${d} ${tx('overdue')}`}</Tag> : d) },
    { title: tx('publishedOn'), dataIndex: 'publishedOn', key: 'publishedOn', width: 120, responsive: ['md'], render: (d: string | null) => d ?? '—' },
    { title: tx('startsOn'), dataIndex: 'startsOn', key: 'startsOn', width: 120, responsive: ['lg'] },
  ];

  return (
    <Space orientation="vertical" size={16} style={{ width: '100%' }}>
      <PageHeading title={tx('title')} intro={tx('intro')} />
      <Card size="small">
        <Space wrap style={{ width: '100%', justifyContent: 'space-between' }}>
          <Space wrap>
            <span>{tx('org')}</span>
            <div style={{ minWidth: 260, maxWidth: '80vw' }}>
              <OrgPicker value={orgId} initial={orgName ? { id: orgId, name: orgName } : undefined} onChange={(id) => setSp({ orgId: String(id) }, { replace: true })} id="appraisal-org" />
            </div>
          </Space>
          {can('member.write') && (
            <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)} data-testid="new-round">
              {tx('newRound')}
            </Button>
          )}
        </Space>
      </Card>
      {rounds.isError ? (
        <QueryError error={rounds.error} onRetry={() => void rounds.refetch()} />
      ) : (
        <Card size="small">
          <Table
            rowKey="id"
            size="middle"
            loading={rounds.isPending}
            columns={columns}
            dataSource={rounds.data?.items ?? []}
            pagination={false}
            scroll={{ x: 'max-content' }}
            onRow={(r) => ({ onClick: () => navigate(`/appraisal/rounds/${r.id}`), style: { cursor: 'pointer' } })}
            locale={{ emptyText: <Empty description={<Space orientation="vertical" size={2}><span>{tx('empty')}</span><Typography.Text type="secondary">{tx('emptyHint')}</Typography.Text></Space>} /> }}
          />
        </Card>
      )}
      <NewRoundModal open={creating} orgId={orgId} onClose={() => setCreating(false)} onCreated={(id) => navigate(`/appraisal/rounds/${id}`)} />
    </Space>
  );
}

interface Values {
  year: number;
  startsOn: dayjs.Dayjs;
  endsOn: dayjs.Dayjs;
  note?: string;
}

function NewRoundModal({ open, orgId, onClose, onCreated }: { open: boolean; orgId: number; onClose: () => void; onCreated: (id: number) => void }) {
  const tx = useAprText();
  const [form] = Form.useForm<Values>();
  const create = useCreateRound(orgId);
  const [error, setError] = useState<string | null>(null);
  const lastYear = dayjs().year() - 1;
  const submit = async () => {
    const v = await form.validateFields();
    setError(null);
    create.mutate(
      { year: v.year, startsOn: v.startsOn.format('YYYY-MM-DD'), endsOn: v.endsOn.format('YYYY-MM-DD'), note: v.note || null },
      {
        onSuccess: (r) => {
          form.resetFields();
          onClose();
          onCreated(r.id);
        },
        onError: (err) => setError(errorMessage(err)),
      },
    );
  };
  return (
    <Modal open={open} title={tx('newRound')} onCancel={onClose} onOk={() => void submit()} okText={tx('save')} cancelText={tx('cancel')} confirmLoading={create.isPending} destroyOnHidden>
      <Form form={form} layout="vertical" initialValues={{ year: lastYear, startsOn: dayjs().startOf('day'), endsOn: dayjs().add(1, 'month') }}>
        <Form.Item name="year" label={tx('year')} rules={[{ required: true }]}>
          <InputNumber min={1990} max={2100} style={{ width: '100%' }} data-testid="round-year" />
        </Form.Item>
        <Form.Item name="startsOn" label={tx('startsOn')} extra={tx('startsOnHint')} rules={[{ required: true }]}>
          <DatePicker style={{ width: '100%' }} disabledDate={(d) => d.isAfter(dayjs(), 'day')} />
        </Form.Item>
        <Form.Item name="endsOn" label={tx('endsOn')} rules={[{ required: true }]}>
          <DatePicker style={{ width: '100%' }} />
        </Form.Item>
        <Form.Item name="note" label={tx('note')}>
          <Input.TextArea rows={2} maxLength={500} />
        </Form.Item>
        {error && <Typography.Text type="danger" data-testid="round-error">{error}</Typography.Text>}
      </Form>
    </Modal>
  );
}
