import { PlusOutlined } from '@ant-design/icons';
import { App, Button, Card, Col, Collapse, DatePicker, Empty, Form, Input, InputNumber, List, Modal, Progress, Row, Select, Space, Tag, Typography } from 'antd';
import type dayjs from 'dayjs';
import { lazy, Suspense, useState } from 'react';
import { Link, useSearchParams } from 'react-router-dom';
import { useCreateTarget, useStandards, useTargets, type AsmTarget } from '../api/assessment.ts';
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
        (targets.data?.items ?? []).map((t) => <TargetCard key={t.id} t={t} />)
      )}
      <NewTargetModal open={adding} orgId={orgId} onClose={() => setAdding(false)} />
    </Space>
  );
}

function TargetCard({ t }: { t: AsmTarget }) {
  const tx = useAsmText();
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
    <Card size="small" title={t.title} extra={<Tag color={t.met ? 'green' : 'orange'}>{t.met ? tx('met') : tx('notMet')}</Tag>} data-testid="target-card">
      <Row gutter={[16, 12]}>
        <Col xs={24} md={10}>
          <Space orientation="vertical" size={4} style={{ width: '100%' }}>
            <Typography.Text>{`${tx('standard')}：${t.standardName}（${t.categoryLabel}）`}</Typography.Text>
            <Typography.Text>{`${tx('share')}：≥ ${t.sharePct}%  ${tx('deadline')}：${t.deadline}`}</Typography.Text>
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

function NewTargetModal({ open, orgId, onClose }: { open: boolean; orgId: number; onClose: () => void }) {
  const tx = useAsmText();
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();
  const standards = useStandards();
  const create = useCreateTarget();
  const codes = (standards.data?.items ?? []).filter((s) => s.latest);
  const submit = async () => {
    const v = await form.validateFields();
    create.mutate(
      { orgId, standardCode: v.standardCode, sharePct: v.sharePct, deadline: v.deadline.format('YYYY-MM-DD'), title: v.title, source: v.source },
      { onSuccess: () => (form.resetFields(), onClose()), onError: (err) => void message.error(errorMessage(err)) },
    );
  };
  return (
    <Modal open={open} title={tx('newTarget')} onCancel={onClose} onOk={() => void submit()} okText={tx('save')} cancelText={tx('cancel')} confirmLoading={create.isPending} destroyOnHidden>
      <Form form={form} layout="vertical">
        <Form.Item name="standardCode" label={tx('standard')} rules={[{ required: true }]}>
          <Select options={codes.map((s) => ({ value: s.code, label: `${s.name}（${s.categoryLabel}）` }))} />
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
