import { Alert, App, Checkbox, DatePicker, Form, Input, Modal, Select, Switch } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useEffect, useState } from 'react';
import { DUES_METHOD } from '../../../../src/shared/enums.ts';
import { errorMessage } from '../../api/client.ts';
import { useDuesQuote, useRecordPayment } from '../../api/dues.ts';
import { useCodeOptions } from '../../labels.ts';
import { MemberSearch } from './MemberSearch.tsx';
import { parseYuan, yuan } from './money.ts';
import { useDuesText } from './text.ts';

interface Values {
  months?: [Dayjs, Dayjs];
  extraOnly?: boolean;
  amount: string;
  paidOn: Dayjs;
  method: string;
  onBehalf?: boolean;
  payerMemberId?: number;
  payerName?: string;
  receiptNo?: string;
  note?: string;
}

/**
 * Record a payment: a month range (back payment, this month, prepayment) whose dues the server
 * quotes as the person chooses, or a voluntary extra payment only; optionally paid on behalf.
 */
export function PaymentForm({ memberId, orgId, open, onClose }: { memberId: number; orgId: number; open: boolean; onClose: () => void }) {
  const tx = useDuesText();
  const options = useCodeOptions();
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();
  const months = Form.useWatch('months', form);
  const extraOnly = Form.useWatch('extraOnly', form) ?? false;
  const onBehalf = Form.useWatch('onBehalf', form) ?? false;
  const from = months?.[0]?.format('YYYY-MM');
  const to = months?.[1]?.format('YYYY-MM');
  const quote = useDuesQuote(memberId, from, to, open && !extraOnly);
  const record = useRecordPayment(memberId);
  const [touchedAmount, setTouchedAmount] = useState(false);

  // First open: the quote's default months (the first unpaid month).
  useEffect(() => {
    if (open && !from && quote.data) form.setFieldValue('months', [dayjs(`${quote.data.fromMonth}-01`), dayjs(`${quote.data.toMonth}-01`)]);
  }, [open, from, quote.data, form]);
  // The amount follows the months until the person types their own.
  useEffect(() => {
    if (!touchedAmount && quote.data && !quote.data.problem && !extraOnly) form.setFieldValue('amount', yuan(quote.data.totalFen).replaceAll(',', ''));
  }, [quote.data, touchedAmount, extraOnly, form]);

  const submit = async (v: Values) => {
    const amountFen = parseYuan(v.amount)!;
    try {
      await record.mutateAsync({
        ...(v.extraOnly || !v.months ? {} : { fromMonth: v.months[0].format('YYYY-MM'), toMonth: v.months[1].format('YYYY-MM') }),
        amountFen,
        paidOn: v.paidOn.format('YYYY-MM-DD'),
        method: v.method as (typeof DUES_METHOD.values)[number],
        ...(v.onBehalf && v.payerMemberId ? { payerMemberId: v.payerMemberId } : {}),
        ...(v.onBehalf && !v.payerMemberId && v.payerName?.trim() ? { payerName: v.payerName.trim() } : {}),
        ...(v.receiptNo?.trim() ? { receiptNo: v.receiptNo.trim() } : {}),
        ...(v.note?.trim() ? { note: v.note.trim() } : {}),
      });
      void message.success(tx('recorded'));
      form.resetFields();
      setTouchedAmount(false);
      onClose();
    } catch (err) {
      void message.error(errorMessage(err));
    }
  };

  return (
    <Modal
      open={open}
      title={tx('recordPayment')}
      okText={tx('save')}
      cancelText={tx('no')}
      confirmLoading={record.isPending}
      onOk={() => form.submit()}
      onCancel={() => {
        form.resetFields();
        setTouchedAmount(false);
        onClose();
      }}
      destroyOnHidden
      data-testid="payment-modal"
    >
      <Form<Values> form={form} layout="vertical" onFinish={(v) => void submit(v)} initialValues={{ paidOn: dayjs(), method: 'wechat' }} preserve={false}>
        <Form.Item name="extraOnly" valuePropName="checked" style={{ marginBottom: 8 }}>
          <Checkbox data-testid="payment-extra-only">{tx('extraOnly')}</Checkbox>
        </Form.Item>
        {!extraOnly && (
          <Form.Item name="months" label={tx('payMonths')} rules={[{ required: true, message: tx('required') }]} extra={quote.data && !quote.data.problem ? tx('amountHint', { due: yuan(quote.data.totalFen) }) : undefined}>
            <DatePicker.RangePicker picker="month" allowClear={false} inputReadOnly style={{ width: '100%' }} data-testid="payment-months" />
          </Form.Item>
        )}
        {!extraOnly && quote.data?.problem && <Alert type="warning" showIcon title={quote.data.problem} style={{ marginBottom: 16 }} data-testid="payment-problem" />}
        <Form.Item name="amount" label={tx('amountPaid')} rules={[{ required: true, message: tx('required') }, { validator: (_, v: string | undefined) => (v === undefined || v === '' || parseYuan(v) !== null ? Promise.resolve() : Promise.reject(new Error(tx('invalidYuan')))) }]}>
          <Input inputMode="decimal" prefix="¥" onChange={() => setTouchedAmount(true)} data-testid="payment-amount" />
        </Form.Item>
        <Form.Item name="paidOn" label={tx('paidOn')} rules={[{ required: true, message: tx('required') }]}>
          <DatePicker style={{ width: '100%' }} disabledDate={(d) => d.isAfter(dayjs(), 'day')} inputReadOnly allowClear={false} />
        </Form.Item>
        <Form.Item name="method" label={tx('method')} rules={[{ required: true, message: tx('required') }]}>
          <Select options={options(DUES_METHOD)} data-testid="payment-method" />
        </Form.Item>
        <Form.Item name="onBehalf" label={tx('onBehalf')} valuePropName="checked">
          <Switch data-testid="payment-on-behalf" />
        </Form.Item>
        {onBehalf && (
          <>
            <Form.Item name="payerMemberId" label={tx('payerMember')} extra={tx('payerHint')}>
              <MemberSearch orgId={orgId} exclude={memberId} style={{ width: '100%' }} testId="payment-payer" />
            </Form.Item>
            <Form.Item name="payerName" label={tx('payerName')}>
              <Input maxLength={30} data-testid="payment-payer-name" />
            </Form.Item>
          </>
        )}
        <Form.Item name="receiptNo" label={tx('receiptNo')}>
          <Input maxLength={40} />
        </Form.Item>
        <Form.Item name="note" label={tx('note')} style={{ marginBottom: 0 }}>
          <Input maxLength={200} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
