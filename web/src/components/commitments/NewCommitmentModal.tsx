import { MinusCircleOutlined, PlusOutlined } from '@ant-design/icons';
import { Button, DatePicker, Form, Input, InputNumber, Modal, Radio, Select, Space, Typography } from 'antd';
import dayjs from 'dayjs';
import { useState } from 'react';
import { errorMessage } from '../../api/client.ts';
import { useCreateCommitment, type ItemBody } from '../../api/commitments.ts';
import { MemberSearch } from '../dues/MemberSearch.tsx';
import { LISTS, useCmtText, useLabel } from './text.ts';

interface ItemValues {
  content: string;
  category: ItemBody['category'];
  deadline: dayjs.Dayjs;
  responsible?: string;
}
interface Values {
  maker: 'org' | 'member';
  memberId?: number;
  year: number;
  title: string;
  announcedOn?: dayjs.Dayjs;
  announceWay?: string;
  items: ItemValues[];
}

interface Props {
  open: boolean;
  onClose: () => void;
  onCreated: (id: number) => void;
  /** The organization a staff user records for (its own commitment, or one of its members'). */
  orgId: number;
  orgName?: string | undefined;
  /** A member recording their own: the maker is fixed. */
  selfMemberId?: number | undefined;
}

/** Record a commitment with its items (an organization's, a member's, or one's own). */
export function NewCommitmentModal({ open, onClose, onCreated, orgId, orgName, selfMemberId }: Props) {
  const tx = useCmtText();
  const label = useLabel();
  const [form] = Form.useForm<Values>();
  const create = useCreateCommitment();
  const [error, setError] = useState<string | null>(null);
  const maker = Form.useWatch('maker', form) ?? (selfMemberId ? 'member' : 'org');
  const year = dayjs().year();
  const submit = async () => {
    const v = await form.validateFields();
    setError(null);
    const memberId = selfMemberId ?? v.memberId;
    create.mutate(
      {
        target: v.maker === 'member' || selfMemberId ? { kind: 'member', id: memberId! } : { kind: 'org', id: orgId },
        year: v.year,
        title: v.title,
        announcedOn: v.announcedOn ? v.announcedOn.format('YYYY-MM-DD') : null,
        announceWay: v.announceWay || null,
        items: v.items.map((i) => ({ content: i.content, category: i.category, deadline: i.deadline.format('YYYY-MM-DD'), responsible: i.responsible || null })),
      },
      {
        onSuccess: (c) => {
          form.resetFields();
          onClose();
          onCreated(c.id);
        },
        onError: (err) => setError(errorMessage(err)),
      },
    );
  };
  const initial = { maker: selfMemberId ? 'member' : 'org', year, title: `${year} 年度${selfMemberId ? '党员' : ''}公开承诺`, announcedOn: dayjs(), items: [{ category: 'infrastructure', deadline: dayjs(`${year}-12-31`) }] };
  return (
    <Modal open={open} title={selfMemberId ? tx('newMine') : tx('newCommitment')} onCancel={onClose} onOk={() => void submit()} okText={tx('save')} cancelText={tx('cancel')} confirmLoading={create.isPending} destroyOnHidden width={720}>
      <Form form={form} layout="vertical" initialValues={initial}>
        {!selfMemberId && (
          <Form.Item name="maker" label={tx('makerType')}>
            <Radio.Group optionType="button" options={[{ value: 'org', label: `${tx('forOrg')}${orgName ? `（${orgName}）` : ''}` }, { value: 'member', label: tx('forMember') }]} data-testid="cmt-maker" />
          </Form.Item>
        )}
        {maker === 'member' && !selfMemberId && (
          <Form.Item name="memberId" label={tx('member')} rules={[{ required: true }]} extra={tx('memberHint')}>
            <MemberSearch orgId={orgId} testId="cmt-member" />
          </Form.Item>
        )}
        <Space wrap style={{ width: '100%' }} align="start">
          <Form.Item name="year" label={tx('year')} rules={[{ required: true }]}>
            <InputNumber min={2000} max={2200} style={{ width: 110 }} />
          </Form.Item>
          <Form.Item name="announcedOn" label={tx('announcedOn')}>
            <DatePicker disabledDate={(d) => d.isAfter(dayjs(), 'day')} />
          </Form.Item>
          <Form.Item name="announceWay" label={tx('announceWay')}>
            <Input maxLength={100} placeholder="党员大会、公开栏张榜" style={{ width: 200 }} />
          </Form.Item>
        </Space>
        <Form.Item name="title" label={tx('titleField')} rules={[{ required: true, min: 2 }]}>
          <Input maxLength={200} data-testid="cmt-title" />
        </Form.Item>
        <Typography.Text strong>{tx('items')}</Typography.Text>
        <Form.List name="items">
          {(fields, { add, remove }) => (
            <>
              {fields.map((f, k) => (
                <div key={f.key} style={{ border: '1px solid #f0f0f0', borderRadius: 6, padding: '8px 8px 0', margin: '8px 0' }}>
                  <Form.Item name={[f.name, 'content']} rules={[{ required: true, min: 2 }]} style={{ marginBottom: 8 }}>
                    <Input placeholder={`${tx('content')}：修通村道 2.3 公里`} maxLength={500} data-testid={`cmt-item-${k}`} />
                  </Form.Item>
                  <Space wrap align="start">
                    <Form.Item name={[f.name, 'category']} rules={[{ required: true }]}>
                      <Select style={{ width: 130 }} options={LISTS.COMMITMENT_CATEGORY.values.map((v) => ({ value: v, label: label(LISTS.COMMITMENT_CATEGORY.table[v], v) }))} />
                    </Form.Item>
                    <Form.Item name={[f.name, 'deadline']} rules={[{ required: true }]}>
                      <DatePicker placeholder={tx('deadline')} data-testid={`cmt-deadline-${k}`} />
                    </Form.Item>
                    <Form.Item name={[f.name, 'responsible']}>
                      <Input placeholder={tx('responsible')} maxLength={100} style={{ width: 150 }} />
                    </Form.Item>
                    {fields.length > 1 && <Button type="text" icon={<MinusCircleOutlined />} onClick={() => remove(f.name)} aria-label={tx('delete')} />}
                  </Space>
                </div>
              ))}
              <Button type="dashed" icon={<PlusOutlined />} onClick={() => add({ category: 'other', deadline: dayjs(`${year}-12-31`) })} block data-testid="cmt-add-item">
                {tx('addItem')}
              </Button>
            </>
          )}
        </Form.List>
        {error && (
          <Typography.Text type="danger" data-testid="cmt-error" style={{ display: 'block', marginTop: 8 }}>
            {error}
          </Typography.Text>
        )}
      </Form>
    </Modal>
  );
}
