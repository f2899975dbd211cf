import { DeleteOutlined, EditOutlined, PlusOutlined } from '@ant-design/icons';
import { App, Button, Card, Col, Collapse, DatePicker, Empty, Form, Input, InputNumber, List, Modal, Popconfirm, Progress, Row, Select, Space, Tag, Typography } from 'antd';
import dayjs from 'dayjs';
import { lazy, Suspense, useState } from 'react';
import { Link, useSearchParams } from 'react-router-dom';
import { useCreateTarget, useDeleteTarget, useStandards, useTargets, useUpdateTarget, type AsmTarget } from '../api/assessment.ts';
import { errorMessage } from '../api/client.ts';
import { useOrgDetail } from '../api/queries.ts';
import { useAuth, useMe } from '../auth/AuthContext.tsx';
import { useAsmText } from '../components/assessment/text.ts';
import { OrgPicker } from '../components/OrgPicker.tsx';
import { QueryError } from '../components/QueryError.tsx';
import { PageHeading } from '../components/PageHeading.tsx';

const TargetChart = lazy(() => import('../components/assessment/TargetChart.tsx'));

/** 目标: targets such as "≥65% of village organizations reach 五个好", with progress in a subtree and the organizations counted. */
export default function TargetsPage() {
  const tx = useAsmText();
  const me = useMe();
  const { can } = useAuth();
  const [sp, setSp] = useSearchParams();
  const orgId = Number(sp.get('orgId')) || me.orgId;
  const org = useOrgDetail(orgId !== me.orgId ? orgId : null);
  const orgName = orgId === me.orgId ? me.orgName : org.data?.id === orgId ? org.data.name : undefined;
  const targets = useTargets(orgId);
  const [adding, setAdding] = useState(false);
  const [editing, setEditing] = useState<AsmTarget | null>(null);

  return (
    <Space orientation="vertical" size={16} style={{ width: '100%' }}>
      <PageHeading title={tx('targetsTitle')} intro={tx('targetsIntro')} />
      <Card size="small">
        <Space wrap style={{ width: '100%', justifyContent: 'space-between' }}>
          <Space wrap>
            <span>{tx('org')}</span>
            <div style={{ minWidth: 260, maxWidth: '80vw' }}>
              <OrgPicker value={orgId} initial={orgName ? { id: orgId, name: orgName } : undefined} onChange={(id) => setSp({ orgId: String(id) }, { replace: true })} id="targets-org" />
            </div>
          </Space>
          {can('org.write') && (
            <Button icon={<PlusOutlined />} onClick={() => setAdding(true)}>
              {tx('newTarget')}
            </Button>
          )}
        </Space>
      </Card>
      {targets.isError ? (
        <QueryError error={targets.error} onRetry={() => void targets.refetch()} />
      ) : targets.data && targets.data.items.length === 0 ? (
        <Card>
          <Empty description={tx('noTargets')} />
        </Card>
      ) : (
        (targets.data?.items ?? []).map((t) => <TargetCard key={t.id} t={t} onEdit={() => setEditing(t)} />)
      )}
      <TargetModal open={adding} orgId={orgId} onClose={() => setAdding(false)} />
      {editing && <TargetModal key={editing.id} open orgId={editing.orgId} target={editing} onClose={() => setEditing(null)} />}
    </Space>
  );
}

function TargetCard({ t, onEdit }: { t: AsmTarget; onEdit: () => void }) {
  const tx = useAsmText();
  const { message } = App.useApp();
  const del = useDeleteTarget();
  const counted = t.orgs.filter((o) => o.reached);
  const notCounted = t.orgs.filter((o) => !o.reached);
  const orgList = (rows: AsmTarget['orgs'], testId: string) => (
    <List
      size="small"
      dataSource={rows}
      data-testid={testId}
      locale={{ emptyText: '—' }}
      pagination={rows.length > 20 ? { pageSize: 20, size: 'small', showSizeChanger: false } : false}
      renderItem={(o) => (
        <List.Item>
          <Space orientation="vertical" size={0}>
            <span>{o.orgName}</span>
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {o.sheetId ? <Link to={`/assessment/sheets/${o.sheetId}`}>{`${tx('lastSheet')}：${o.roundTitle ?? ''} ${o.totalPct ?? '—'}%`}</Link> : tx('noSheet')}
            </Typography.Text>
          </Space>
        </List.Item>
      )}
    />
  );
  return (
    <Card
      size="small"
      title={t.title}
      extra={<Tag color={t.met ? 'green' : 'orange'}>{t.met ? tx('met') : tx('notMet')}</Tag>}
      actions={
        t.canEdit
          ? [
              <Button key="edit" size="small" type="link" icon={<EditOutlined />} onClick={onEdit} data-testid="target-edit">
                {tx('editTarget')}
              </Button>,
              <Popconfirm
                key="delete"
                title={<div style={{ maxWidth: 300 }}>{tx('deleteTargetConfirm', { title: t.title })}</div>}
                okText={tx('deleteTarget')}
                okButtonProps={{ danger: true }}
                cancelText={tx('cancel')}
                onConfirm={() => del.mutateAsync(t.id).then(() => void message.success(tx('deleted')), (err: unknown) => void message.error(errorMessage(err)))}
              >
                <Button size="small" type="link" danger icon={<DeleteOutlined />} loading={del.isPending} data-testid="target-delete">
                  {tx('deleteTarget')}
                </Button>
              </Popconfirm>,
            ]
          : undefined
      }
      data-testid="target-card"
    >
      <Row gutter={[16, 12]}>
        <Col xs={24} md={10}>
          <Space orientation="vertical" size={4} style={{ width: '100%' }}>
            <Typography.Text>{`${tx('standard')}：${t.standardName}（${t.categoryLabel}）`}</Typography.Text>
            <Typography.Text data-testid="target-share">{`${tx('share')}：≥ ${t.sharePct}%  ${tx('deadline')}：${t.deadline}`}</Typography.Text>
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>{`${tx('source')}：${t.source}`}</Typography.Text>
            <Typography.Text strong data-testid="target-progress">{`${tx('progressNow')}：${t.progressPct ?? '—'}%（${tx('reachedOf', { reached: t.reached, total: t.total })}）`}</Typography.Text>
            <Progress percent={t.progressPct ?? 0} success={{ percent: 0 }} strokeColor={t.met ? '#52c41a' : '#fa8c16'} format={(p) => `${p}%`} />
          </Space>
        </Col>
        <Col xs={24} md={14}>
          {t.series.length > 0 ? (
            <Suspense fallback={<div style={{ height: 240 }} />}>
              <TargetChart points={t.series} target={t.sharePct} actualLabel={tx('actual')} targetLabel={tx('targetLine')} />
            </Suspense>
          ) : (
            <Empty description={tx('noSheet')} />
          )}
        </Col>
      </Row>
      <Collapse
        size="small"
        style={{ marginTop: 12 }}
        items={[
          { key: 'yes', label: `${tx('counted')}（${counted.length}）`, children: orgList(counted, 'target-counted') },
          { key: 'no', label: `${tx('notCounted')}（${notCounted.length}）`, children: orgList(notCounted, 'target-not-counted') },
        ]}
      />
    </Card>
  );
}

interface Values {
  standardCode: string;
  sharePct: number;
  deadline: dayjs.Dayjs;
  title: string;
  source: string;
}

/** The target form: a new target of `orgId`, or (with `target`) its share, deadline, title and source changed. */
function TargetModal({ open, orgId, target, onClose }: { open: boolean; orgId: number; target?: AsmTarget; onClose: () => void }) {
  const tx = useAsmText();
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();
  const standards = useStandards();
  const create = useCreateTarget();
  const update = useUpdateTarget();
  const codes = (standards.data?.items ?? []).filter((s) => s.latest);
  const initialValues = target ? { standardCode: target.standardCode, sharePct: target.sharePct, deadline: dayjs(target.deadline), title: target.title, source: target.source } : undefined;
  const done = { onSuccess: () => (form.resetFields(), onClose()), onError: (err: unknown) => void message.error(errorMessage(err)) };
  const submit = async () => {
    const v = await form.validateFields();
    const fields = { sharePct: v.sharePct, deadline: v.deadline.format('YYYY-MM-DD'), title: v.title, source: v.source };
    if (target) update.mutate({ id: target.id, body: fields }, done);
    else create.mutate({ orgId, standardCode: v.standardCode, ...fields }, done);
  };
  return (
    <Modal open={open} title={target ? tx('editTargetTitle') : tx('newTarget')} onCancel={onClose} onOk={() => void submit()} okText={tx('save')} cancelText={tx('cancel')} confirmLoading={create.isPending || update.isPending} destroyOnHidden>
      <Form form={form} layout="vertical" initialValues={initialValues} data-testid="target-form">
        <Form.Item name="standardCode" label={tx('standard')} rules={[{ required: true }]} extra={target ? tx('standardFixed') : undefined}>
          <Select disabled={!!target} options={target && !codes.some((s) => s.code === target.standardCode) ? [{ value: target.standardCode, label: `${target.standardName}（${target.categoryLabel}）` }] : codes.map((s) => ({ value: s.code, label: `${s.name}（${s.categoryLabel}）` }))} />
        </Form.Item>
        <Form.Item name="sharePct" label={`${tx('share')}（%）`} rules={[{ required: true }]}>
          <InputNumber min={1} max={100} />
        </Form.Item>
        <Form.Item name="deadline" label={tx('deadline')} rules={[{ required: true }]}>
          <DatePicker style={{ width: '100%' }} />
        </Form.Item>
        <Form.Item name="title" label={tx('target')} rules={[{ required: true }]}>
          <Input maxLength={100} />
        </Form.Item>
        <Form.Item name="source" label={tx('source')} rules={[{ required: true, min: 2 }]}>
          <Input.TextArea rows={2} maxLength={1000} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
