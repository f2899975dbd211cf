import { Alert, DatePicker, Form, Input, Modal, Select, Typography } from 'antd';
import dayjs from 'dayjs';
import { useEffect, useState } from 'react';
import { AWARD_LEVEL, STATUS_KIND } from '../../../../src/shared/enums.ts';
import { errorMessage } from '../../api/client.ts';
import { useCreateStatus, type CreateStatusBody, type StatusRecordItem } from '../../api/appraisal.ts';
import { useCodeOptions, useCodeText } from '../../labels.ts';
import { useAprText } from '../appraisal/text.ts';
import { endsMembership, SUBTYPE_LISTS, yuanToFen } from './statusText.ts';

type Kind = CreateStatusBody['kind'];
interface Values {
  kind: Kind;
  subtype: string;
  effectiveOn: dayjs.Dayjs;
  docNumber?: string;
  issuer?: string;
  reason?: string;
  awardLevel?: CreateStatusBody['awardLevel'];
  amount?: string;
  periodMonths?: number;
  endsOn?: dayjs.Dayjs;
  relatesToId?: number;
  note?: string;
}

export interface StatusFormPreset {
  kind: Kind;
  relatesToId?: number;
}

/**
 * Record a status change. A record that ends the membership (death, 出党, 开除党籍) needs the
 * member's name typed in a second dialog before it is sent.
 */
export function StatusForm({ memberId, memberName, preset, left, records, onClose }: { memberId: number; memberName: string; preset: StatusFormPreset | null; left: boolean; records: StatusRecordItem[]; onClose: () => void }) {
  const tx = useAprText();
  const options = useCodeOptions();
  const text = useCodeText();
  const create = useCreateStatus(memberId);
  const [form] = Form.useForm<Values>();
  const [error, setError] = useState<string | null>(null);
  const [confirming, setConfirming] = useState<CreateStatusBody | null>(null);
  const [typed, setTyped] = useState('');
  const kind = Form.useWatch('kind', form);
  const subtype = Form.useWatch('subtype', form);
  useEffect(() => {
    if (preset) form.setFieldsValue({ kind: preset.kind, subtype: SUBTYPE_LISTS[preset.kind].values[0], relatesToId: preset.relatesToId, effectiveOn: dayjs() });
    setError(null);
  }, [preset, form]);

  const kinds = left ? (['reversal'] as Kind[]) : STATUS_KIND.values;
  const send = (body: CreateStatusBody) =>
    create.mutate(body, {
      onSuccess: () => {
        setConfirming(null);
        setTyped('');
        form.resetFields();
        onClose();
      },
      onError: (err) => {
        setConfirming(null);
        setError(errorMessage(err));
      },
    });

  const submit = async () => {
    const v = await form.validateFields();
    setError(null);
    const amountFen = v.amount ? yuanToFen(v.amount) : null;
    const body: CreateStatusBody = {
      kind: v.kind,
      subtype: v.subtype,
      effectiveOn: v.effectiveOn.format('YYYY-MM-DD'),
      docNumber: v.docNumber || null,
      issuer: v.issuer || null,
      reason: v.reason || null,
      awardLevel: v.kind === 'award' ? (v.awardLevel ?? null) : null,
      amountFen: v.kind === 'care' || v.kind === 'allowance' ? amountFen : null,
      periodMonths: v.kind === 'discipline' && v.subtype === 'probation' ? (v.periodMonths ?? null) : null,
      endsOn: v.kind === 'allowance' && v.endsOn ? v.endsOn.format('YYYY-MM-DD') : null,
      relatesToId: v.kind === 'reversal' || v.kind === 'restore' ? (v.relatesToId ?? null) : null,
      note: v.note || null,
    };
    if (endsMembership(body.kind, body.subtype)) setConfirming(body);
    else send(body);
  };

  const related = records.filter((r) => (kind === 'restore' ? r.kind === 'discipline' && r.subtype === 'probation' && !r.reversedById && !r.restoredById : r.kind !== 'reversal' && !r.reversedById));
  const subtypeList = kind ? SUBTYPE_LISTS[kind] : null;
  return (
    <>
      <Modal open={!!preset} title={tx('statusTitle')} onCancel={onClose} onOk={() => void submit()} okText={tx('save')} cancelText={tx('cancel')} confirmLoading={create.isPending && !confirming} destroyOnHidden>
        <Form form={form} layout="vertical" initialValues={{ effectiveOn: dayjs() }} onValuesChange={(c: Partial<Values>) => c.kind && form.setFieldsValue({ subtype: SUBTYPE_LISTS[c.kind].values[0] })}>
          <Form.Item name="kind" label={tx('kind')} rules={[{ required: true }]}>
            <Select options={kinds.map((k) => ({ value: k, label: text(STATUS_KIND, k) }))} data-testid="status-kind" />
          </Form.Item>
          {subtypeList &&
            (subtypeList.values.length > 1 ? (
              <Form.Item name="subtype" label={tx('subtype')} rules={[{ required: true }]}>
                <Select options={subtypeList.values.map((s) => ({ value: s, label: text(subtypeList, s) }))} data-testid="status-subtype" />
              </Form.Item>
            ) : (
              <Form.Item name="subtype" hidden>
                <Input />
              </Form.Item>
            ))}
          <Form.Item name="effectiveOn" label={kind === 'allowance' ? `${tx('effectiveOn')}（起）` : tx('effectiveOn')} rules={[{ required: true }]}>
            <DatePicker style={{ width: '100%' }} disabledDate={(d) => d.isAfter(dayjs(), 'day')} />
          </Form.Item>
          {(kind === 'reversal' || kind === 'restore') && (
            <Form.Item name="relatesToId" label={tx('relatesTo')} rules={[{ required: true }]}>
              <Select options={related.map((r) => ({ value: r.id, label: `${r.effectiveOn} ${text(STATUS_KIND, r.kind)} · ${text(SUBTYPE_LISTS[r.kind], r.subtype)}` }))} />
            </Form.Item>
          )}
          {kind === 'discipline' && subtype === 'probation' && (
            <Form.Item name="periodMonths" label={tx('periodMonths')} rules={[{ required: true }]}>
              <Select options={[{ value: 12, label: tx('oneYear') }, { value: 24, label: tx('twoYears') }]} />
            </Form.Item>
          )}
          {kind === 'award' && (
            <Form.Item name="awardLevel" label={tx('awardLevel')}>
              <Select allowClear options={options(AWARD_LEVEL)} />
            </Form.Item>
          )}
          {(kind === 'care' || kind === 'allowance') && (
            <Form.Item name="amount" label={kind === 'allowance' ? tx('monthlyYuan') : tx('amountYuan')} rules={[{ required: true, pattern: /^\d{1,9}(\.\d{1,2})?$/ }]}>
              <Input inputMode="decimal" placeholder="500.00" data-testid="status-amount" />
            </Form.Item>
          )}
          {kind === 'allowance' && (
            <Form.Item name="endsOn" label={tx('periodEnd')} rules={[{ required: true }]}>
              <DatePicker style={{ width: '100%' }} />
            </Form.Item>
          )}
          <Form.Item name="docNumber" label={tx('docNumber')}>
            <Input maxLength={100} />
          </Form.Item>
          <Form.Item name="issuer" label={tx('issuer')}>
            <Input maxLength={100} />
          </Form.Item>
          <Form.Item name="reason" label={tx('reason')}>
            <Input.TextArea rows={2} maxLength={1000} />
          </Form.Item>
          {error && <Alert type="error" showIcon title={error} data-testid="status-error" />}
        </Form>
      </Modal>
      <Modal
        open={!!confirming}
        title={confirming ? `${text(STATUS_KIND, confirming.kind)} · ${memberName}` : ''}
        okText={tx('save')}
        okButtonProps={{ danger: true, disabled: typed.trim() !== memberName, id: 'confirm-ending' }}
        cancelText={tx('cancel')}
        confirmLoading={create.isPending}
        onCancel={() => {
          setConfirming(null);
          setTyped('');
        }}
        onOk={() => confirming && send(confirming)}
      >
        <Typography.Paragraph type="danger">{tx('endsMembershipWarn', { date: confirming?.effectiveOn ?? '' })}</Typography.Paragraph>
        <Typography.Paragraph>{tx('typeName', { name: memberName })}</Typography.Paragraph>
        <Input value={typed} onChange={(e) => setTyped(e.target.value)} status={typed && typed.trim() !== memberName ? 'error' : undefined} data-testid="confirm-name" />
      </Modal>
    </>
  );
}
