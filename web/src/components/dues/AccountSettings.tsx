import { Alert, App, Button, DatePicker, Empty, Form, Input, Popconfirm, Radio, Select, Space, Table, Typography } from 'antd';
import type { TableColumnsType } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useState } from 'react';
import { DUES_CATEGORY, DUES_RELIEF_KIND } from '../../../../src/shared/enums.ts';
import { errorMessage } from '../../api/client.ts';
import { useAddBase, useAddRelief, useDeleteBase, useDeleteRelief, type DuesAccount, type DuesBase, type DuesRelief } from '../../api/dues.ts';
import { useCodeOptions, useLabel } from '../../labels.ts';
import { parseYuan, yuan } from './money.ts';
import { useDuesText } from './text.ts';

const yuanRule = (msg: string) => ({ validator: (_: unknown, v: string | undefined) => (!v || parseYuan(v) !== null ? Promise.resolve() : Promise.reject(new Error(msg))) });

/** Dues bases (from which month, which category, which wage or pension), and recording a new one. */
export function BasesTab({ account, canWrite }: { account: DuesAccount; canWrite: boolean }) {
  const tx = useDuesText();
  const label = useLabel();
  const options = useCodeOptions();
  const { message } = App.useApp();
  const add = useAddBase(account.member.id);
  const del = useDeleteBase(account.member.id);
  const [form] = Form.useForm<{ month: Dayjs; category: DuesBase['category']; base?: string; note?: string }>();
  const category = Form.useWatch('category', form);
  const based = category === 'employed' || category === 'retired';
  const columns: TableColumnsType<DuesBase> = [
    { title: tx('effectiveMonth'), key: 'month', dataIndex: 'effectiveMonth', width: 96 },
    { title: tx('category'), key: 'cat', dataIndex: 'category', render: (c: DuesBase['category']) => label(DUES_CATEGORY, c) },
    { title: tx('colBase'), key: 'base', dataIndex: 'baseFen', width: 110, align: 'right', render: (f: number | null) => (f === null ? '—' : yuan(f)) },
    {
      title: '',
      key: 'del',
      width: 70,
      render: (_: unknown, b) =>
        canWrite ? (
          <Popconfirm title={tx('deleteBaseConfirm')} okText={tx('yes')} cancelText={tx('no')} onConfirm={() => del.mutateAsync(b.id).then(() => void message.success(tx('saved')), (err: unknown) => void message.error(errorMessage(err)))}>
            <Button size="small" type="link" danger>
              {tx('deleteBase')}
            </Button>
          </Popconfirm>
        ) : null,
    },
  ];
  return (
    <Space orientation="vertical" size={12} style={{ width: '100%' }}>
      <Table<DuesBase> rowKey="id" size="small" columns={columns} dataSource={account.bases} pagination={false} locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={<Space orientation="vertical" size={2}><span>{tx('emptyAccount')}</span><Typography.Text type="secondary">{tx('emptyAccountHint')}</Typography.Text></Space>} /> }} data-testid="account-bases" />
      {canWrite && (
        <Form
          form={form}
          layout="vertical"
          initialValues={{ month: dayjs(), category: 'employed' }}
          onFinish={async (v) => {
            try {
              await add.mutateAsync({ effectiveMonth: v.month.format('YYYY-MM'), category: v.category, ...(based && v.base ? { baseFen: parseYuan(v.base)! } : {}), ...(v.note?.trim() ? { note: v.note.trim() } : {}) });
              void message.success(tx('saved'));
              form.resetFields(['base', 'note']);
            } catch (err) {
              void message.error(errorMessage(err));
            }
          }}
          data-testid="base-form"
        >
          <Typography.Text strong>{tx('addBase')}</Typography.Text>
          <Space wrap align="start" style={{ marginTop: 8 }}>
            <Form.Item name="month" label={tx('effectiveMonth')} rules={[{ required: true, message: tx('required') }]}>
              <DatePicker picker="month" allowClear={false} inputReadOnly data-testid="base-month" />
            </Form.Item>
            <Form.Item name="category" label={tx('category')} rules={[{ required: true, message: tx('required') }]}>
              <Select options={options(DUES_CATEGORY)} style={{ width: 190 }} data-testid="base-category" />
            </Form.Item>
            {based && (
              <Form.Item name="base" label={tx('baseYuan')} rules={[{ required: true, message: tx('required') }, yuanRule(tx('invalidYuan'))]}>
                <Input inputMode="decimal" prefix="¥" style={{ width: 180 }} data-testid="base-amount" />
              </Form.Item>
            )}
          </Space>
          <Typography.Paragraph type="secondary" style={{ fontSize: 12 }}>
            {tx('baseHint')}
          </Typography.Paragraph>
          <Button type="primary" htmlType="submit" loading={add.isPending} data-testid="base-save">
            {tx('save')}
          </Button>
        </Form>
      )}
    </Space>
  );
}

interface ReliefValues {
  kind: DuesRelief['kind'];
  period: [Dayjs, Dayjs];
  monthly?: string;
  reason: string;
  approvedBy: string;
  approvedOn: Dayjs;
}

/** Approved reductions and exemptions, and recording one (who approved, when, why, for which months). */
export function ReliefsTab({ account, canWrite }: { account: DuesAccount; canWrite: boolean }) {
  const tx = useDuesText();
  const label = useLabel();
  const options = useCodeOptions();
  const { message } = App.useApp();
  const add = useAddRelief(account.member.id);
  const del = useDeleteRelief(account.member.id);
  const [form] = Form.useForm<ReliefValues>();
  const kind = Form.useWatch('kind', form);
  const [showForm, setShowForm] = useState(false);
  const columns: TableColumnsType<DuesRelief> = [
    { title: tx('kind'), key: 'kind', dataIndex: 'kind', width: 64, render: (k: DuesRelief['kind'], r) => `${label(DUES_RELIEF_KIND, k)}${r.monthlyFen !== null ? ` ${yuan(r.monthlyFen)}` : ''}` },
    { title: tx('period'), key: 'period', width: 150, render: (_: unknown, r) => `${r.fromMonth} – ${r.toMonth}` },
    { title: tx('reason'), key: 'reason', dataIndex: 'reason', ellipsis: true, responsive: ['sm'] },
    { title: tx('approvedBy'), key: 'by', render: (_: unknown, r) => `${r.approvedBy}（${r.approvedOn}）`, responsive: ['md'] },
    {
      title: '',
      key: 'del',
      width: 64,
      render: (_: unknown, r) =>
        canWrite ? (
          <Popconfirm title={tx('deleteReliefConfirm')} okText={tx('yes')} cancelText={tx('no')} onConfirm={() => del.mutateAsync(r.id).then(() => void message.success(tx('saved')), (err: unknown) => void message.error(errorMessage(err)))}>
            <Button size="small" type="link" danger>
              {tx('deleteRelief')}
            </Button>
          </Popconfirm>
        ) : null,
    },
  ];
  return (
    <Space orientation="vertical" size={12} style={{ width: '100%' }}>
      <Alert type="info" showIcon title={tx('reliefHint')} />
      <Table<DuesRelief> rowKey="id" size="small" columns={columns} dataSource={account.reliefs} pagination={false} locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={tx('emptyReliefs')} /> }} data-testid="account-reliefs" />
      {canWrite && !showForm && <Button onClick={() => setShowForm(true)}>{tx('addRelief')}</Button>}
      {canWrite && showForm && (
        <Form<ReliefValues>
          form={form}
          layout="vertical"
          initialValues={{ kind: 'exempt', approvedOn: dayjs() }}
          onFinish={async (v) => {
            try {
              await add.mutateAsync({
                kind: v.kind,
                fromMonth: v.period[0].format('YYYY-MM'),
                toMonth: v.period[1].format('YYYY-MM'),
                ...(v.kind === 'reduce' && v.monthly ? { monthlyFen: parseYuan(v.monthly)! } : {}),
                reason: v.reason.trim(),
                approvedBy: v.approvedBy.trim(),
                approvedOn: v.approvedOn.format('YYYY-MM-DD'),
              });
              void message.success(tx('saved'));
              form.resetFields();
              setShowForm(false);
            } catch (err) {
              void message.error(errorMessage(err));
            }
          }}
        >
          <Form.Item name="kind" label={tx('kind')}>
            <Radio.Group options={options(DUES_RELIEF_KIND)} optionType="button" />
          </Form.Item>
          <Form.Item name="period" label={tx('period')} rules={[{ required: true, message: tx('required') }]}>
            <DatePicker.RangePicker picker="month" inputReadOnly style={{ width: '100%' }} />
          </Form.Item>
          {kind === 'reduce' && (
            <Form.Item name="monthly" label={tx('monthlyYuan')} rules={[{ required: true, message: tx('required') }, yuanRule(tx('invalidYuan'))]}>
              <Input inputMode="decimal" prefix="¥" style={{ width: 160 }} />
            </Form.Item>
          )}
          <Form.Item name="reason" label={tx('reason')} rules={[{ required: true, whitespace: true, message: tx('required') }]}>
            <Input maxLength={200} />
          </Form.Item>
          <Space wrap align="start">
            <Form.Item name="approvedBy" label={tx('approvedBy')} rules={[{ required: true, whitespace: true, message: tx('required') }]}>
              <Input maxLength={100} style={{ width: 220 }} />
            </Form.Item>
            <Form.Item name="approvedOn" label={tx('approvedOn')} rules={[{ required: true, message: tx('required') }]}>
              <DatePicker disabledDate={(d) => d.isAfter(dayjs(), 'day')} inputReadOnly allowClear={false} />
            </Form.Item>
          </Space>
          <Space>
            <Button type="primary" htmlType="submit" loading={add.isPending}>
              {tx('save')}
            </Button>
            <Button onClick={() => setShowForm(false)}>{tx('no')}</Button>
          </Space>
        </Form>
      )}
    </Space>
  );
}
