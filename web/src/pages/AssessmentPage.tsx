import { PlusOutlined } from '@ant-design/icons';
import { App, Button, Card, Empty, Form, InputNumber, Modal, Progress, Select, Space, Table, Typography } from 'antd';
import type { TableColumnsType } from 'antd';
import dayjs from 'dayjs';
import { useState } from 'react';
import { Link, useNavigate, useSearchParams } from 'react-router-dom';
import { useCreateAsmRound, useAsmRounds, useStandards, type AsmRound } from '../api/assessment.ts';
import { errorMessage } from '../api/client.ts';
import { useOrgDetail } from '../api/queries.ts';
import { useAuth, useMe } from '../auth/AuthContext.tsx';
import { useAsmText } from '../components/assessment/text.ts';
import { OrgPicker } from '../components/OrgPicker.tsx';
import { QueryError } from '../components/QueryError.tsx';
import { PageHeading } from '../components/PageHeading.tsx';

/** 考核: the rounds launched in or reaching an organization's subtree, and launching a new one. */
export default function AssessmentPage() {
  const tx = useAsmText();
  const me = useMe();
  const { can } = useAuth();
  const navigate = useNavigate();
  const [sp, setSp] = useSearchParams();
  const orgId = Number(sp.get('orgId')) || me.orgId;
  const org = useOrgDetail(orgId !== me.orgId ? orgId : null);
  const orgName = orgId === me.orgId ? me.orgName : org.data?.id === orgId ? org.data.name : undefined;
  const rounds = useAsmRounds(orgId);
  const [launching, setLaunching] = useState(false);

  const columns: TableColumnsType<AsmRound> = [
    { title: tx('period'), dataIndex: 'title', key: 'title', render: (t: string, r) => <Link to={`/assessment/rounds/${r.id}`} data-testid="asm-round-link">{t}</Link> },
    {
      title: tx('progress'),
      key: 'progress',
      width: 200,
      render: (_: unknown, r) => {
        const done = r.counts.submitted + r.counts.reviewed + r.counts.final;
        return <Progress percent={r.sheets ? Math.round((done * 100) / r.sheets) : 0} success={{ percent: r.sheets ? Math.round((r.counts.final * 100) / r.sheets) : 0 }} size="small" format={() => `${done}/${r.sheets}`} />;
      },
    },
    { title: tx('passedCount'), dataIndex: 'passed', key: 'passed', width: 100 },
    { title: tx('dueOn'), dataIndex: 'dueOn', key: 'dueOn', width: 120, responsive: ['md'] },
    { title: tx('launchedBy'), dataIndex: 'orgName', key: 'orgName', responsive: ['lg'] },
  ];

  return (
    <Space orientation="vertical" size={16} style={{ width: '100%' }}>
      <PageHeading title={tx('title')} intro={tx('intro')} />
      <Card size="small">
        <Space wrap style={{ width: '100%', justifyContent: 'space-between' }}>
          <Space wrap>
            <span>{tx('org')}</span>
            <div style={{ minWidth: 260, maxWidth: '80vw' }}>
              <OrgPicker value={orgId} initial={orgName ? { id: orgId, name: orgName } : undefined} onChange={(id) => setSp({ orgId: String(id) }, { replace: true })} id="assessment-org" />
            </div>
          </Space>
          <Space wrap>
            <Link to="/assessment/standards">{tx('standardsLink')}</Link>
            <Link to={`/assessment/targets${orgId !== me.orgId ? `?orgId=${orgId}` : ''}`}>{tx('targetsLink')}</Link>
            {can('member.write') && (
              <Button type="primary" icon={<PlusOutlined />} onClick={() => setLaunching(true)} data-testid="asm-launch">
                {tx('launch')}
              </Button>
            )}
          </Space>
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
            onRow={(r) => ({ onClick: () => navigate(`/assessment/rounds/${r.id}`), style: { cursor: 'pointer' } })}
            locale={{ emptyText: <Empty description={<Space orientation="vertical" size={2}><span>{tx('empty')}</span><Typography.Text type="secondary">{tx('emptyHint')}</Typography.Text></Space>} /> }}
          />
        </Card>
      )}
      <LaunchModal open={launching} orgId={orgId} orgName={orgName ?? ''} onClose={() => setLaunching(false)} onCreated={(id) => navigate(`/assessment/rounds/${id}`)} />
    </Space>
  );
}

interface Values {
  standardId: number;
  cadence: 'quarter' | 'half_year' | 'year';
  year: number;
  part: number;
}

/** The seed's cadence by the standard's category: villages quarterly, townships half-yearly, others yearly. */
const cadenceFor = (levels: string[]): Values['cadence'] => (levels.includes('village') ? 'quarter' : levels.includes('township') ? 'half_year' : 'year');

function LaunchModal({ open, orgId, orgName, onClose, onCreated }: { open: boolean; orgId: number; orgName: string; onClose: () => void; onCreated: (id: number) => void }) {
  const tx = useAsmText();
  const { modal } = App.useApp();
  const [form] = Form.useForm<Values>();
  const standards = useStandards();
  const create = useCreateAsmRound();
  const [error, setError] = useState<string | null>(null);
  const latest = (standards.data?.items ?? []).filter((s) => s.latest);
  const cadence = Form.useWatch('cadence', form);
  const now = dayjs();
  const parts = cadence === 'quarter' ? [1, 2, 3, 4].map((n) => ({ value: n, label: tx('q', { n }) })) : cadence === 'half_year' ? [{ value: 1, label: tx('h1') }, { value: 2, label: tx('h2') }] : [{ value: 1, label: tx('whole') }];
  const submit = async () => {
    const v = await form.validateFields();
    const std = latest.find((s) => s.id === v.standardId);
    const period = `${v.year} ${parts.find((p) => p.value === v.part)?.label ?? ''}`;
    modal.confirm({
      title: tx('launch'),
      content: tx('launchConfirm', { org: orgName, category: std?.categoryLabel ?? '', period }),
      okText: tx('launch'),
      cancelText: tx('cancel'),
      onOk: () =>
        new Promise<void>((resolve) => {
          setError(null);
          create.mutate(
            { orgId, ...v },
            {
              onSuccess: (r) => {
                resolve();
                onClose();
                onCreated(r.id);
              },
              onError: (err) => {
                resolve();
                setError(errorMessage(err));
              },
            },
          );
        }),
    });
  };
  return (
    <Modal open={open} title={tx('launch')} onCancel={onClose} onOk={() => void submit()} okText={tx('launch')} cancelText={tx('cancel')} confirmLoading={create.isPending} destroyOnHidden>
      <Form form={form} layout="vertical" initialValues={{ cadence: 'quarter', year: now.year(), part: Math.max(1, Math.floor(now.month() / 3)) }}>
        <Form.Item name="standardId" label={tx('standard')} rules={[{ required: true }]}>
          <Select
            data-testid="asm-standard"
            loading={standards.isPending}
            options={latest.map((s) => ({ value: s.id, label: `${s.name}（${s.categoryLabel}，v${s.version}）` }))}
            onChange={(id: number) => {
              const s = latest.find((x) => x.id === id);
              if (s) form.setFieldsValue({ cadence: cadenceFor(s.appliesTo.levels), part: 1 });
            }}
          />
        </Form.Item>
        <Form.Item name="cadence" label={tx('cadence')} rules={[{ required: true }]}>
          <Select options={(['quarter', 'half_year', 'year'] as const).map((c) => ({ value: c, label: tx(c) }))} onChange={() => form.setFieldsValue({ part: 1 })} />
        </Form.Item>
        <Space wrap>
          <Form.Item name="year" label={tx('yearLabel')} rules={[{ required: true }]}>
            <InputNumber min={2000} max={2100} />
          </Form.Item>
          <Form.Item name="part" label={tx('part')} rules={[{ required: true }]}>
            <Select style={{ minWidth: 140 }} options={parts} data-testid="asm-part" />
          </Form.Item>
        </Space>
        {error && <Typography.Text type="danger" data-testid="asm-launch-error">{error}</Typography.Text>}
      </Form>
    </Modal>
  );
}
