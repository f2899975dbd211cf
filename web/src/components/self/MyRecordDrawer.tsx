import { App, Button, DatePicker, Drawer, Form, Input, InputNumber, Select, Typography } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { SERVICE_RECORD_KIND } from '../../../../src/shared/enums.ts';
import { ApiError } from '../../api/client.ts';
import { useCreateRecord, type CreateRecordBody } from '../../api/service.ts';
import { useCodeOptions } from '../../labels.ts';
import { showApiError } from '../development/formErrors.ts';
import { useSvcText } from '../service/text.ts';

interface Values {
  occurredOn: Dayjs;
  kind: CreateRecordBody['kind'];
  whom: string;
  matter: string;
  result?: string;
  hours?: number | null;
}

/** The fields the server may name in a problem; the rest (memberId, orgId) go to the message below the form. */
const FIELDS = ['occurredOn', 'kind', 'whom', 'matter', 'result', 'hours'];

/** 登记记实 on 「我的」: the member records for themself (POST /api/service/records, entered_by 'self'). */
export function MyRecordDrawer({ memberId, open, onClose }: { memberId: number; open: boolean; onClose: () => void }) {
  const { t } = useTranslation();
  const tx = useSvcText();
  const options = useCodeOptions();
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();
  const create = useCreateRecord();
  const [error, setError] = useState<string | null>(null);
  const optional = (label: string) => `${label}${t('my.service.optional')}`;

  const submit = (v: Values) => {
    setError(null);
    create.mutate(
      { memberId, occurredOn: v.occurredOn.format('YYYY-MM-DD'), kind: v.kind, whom: v.whom, matter: v.matter, result: v.result?.trim() || null, hours: v.hours ?? null },
      {
        onSuccess: () => {
          void message.success(t('my.service.saved'));
          form.resetFields();
          onClose();
        },
        onError: (err) => {
          const text = showApiError(form, err, FIELDS);
          // Shown on its field already; the line below the form is for what no field names.
          setError(err instanceof ApiError && err.fieldErrors.some((f) => FIELDS.includes(f.field)) ? null : text);
        },
      },
    );
  };

  return (
    <Drawer open={open} onClose={onClose} placement="bottom" size="auto" title={tx('newRecord')} destroyOnHidden data-testid="my-record-drawer">
      <Form form={form} layout="vertical" initialValues={{ occurredOn: dayjs().startOf('day'), kind: 'visit' }} onFinish={submit} onValuesChange={() => setError(null)} requiredMark={false}>
        <Typography.Paragraph type="secondary">{t('my.service.formHint')}</Typography.Paragraph>
        <Form.Item name="occurredOn" label={tx('date')} rules={[{ required: true }]}>
          <DatePicker size="large" style={{ width: '100%' }} disabledDate={(d) => d.isAfter(dayjs(), 'day')} inputReadOnly allowClear={false} data-testid="my-record-date" />
        </Form.Item>
        <Form.Item name="kind" label={tx('kind')} rules={[{ required: true }]}>
          <Select size="large" options={options(SERVICE_RECORD_KIND)} data-testid="my-record-kind" />
        </Form.Item>
        <Form.Item name="whom" label={tx('whom')} rules={[{ required: true, whitespace: true, message: t('my.service.whomRequired') }, { max: 100 }]}>
          <Input size="large" maxLength={100} placeholder={t('my.service.whomPlaceholder')} data-testid="my-record-whom" />
        </Form.Item>
        <Form.Item name="matter" label={tx('matter')} rules={[{ required: true, whitespace: true, message: t('my.service.matterRequired') }, { max: 1000 }]}>
          <Input.TextArea rows={2} maxLength={1000} placeholder={t('my.service.matterPlaceholder')} data-testid="my-record-matter" />
        </Form.Item>
        <Form.Item name="result" label={optional(tx('result'))} rules={[{ max: 1000 }]}>
          <Input.TextArea rows={2} maxLength={1000} data-testid="my-record-result" />
        </Form.Item>
        {/* The API counts time in hours, in half hours (CreateRecordBody.hours), as the staff form does. */}
        <Form.Item name="hours" label={optional(tx('hours'))} extra={t('my.service.hoursHint')}>
          <InputNumber size="large" min={0.5} max={240} step={0.5} inputMode="decimal" style={{ width: '100%' }} data-testid="my-record-hours" />
        </Form.Item>
        {error && (
          <Typography.Paragraph type="danger" data-testid="my-record-error">
            {error}
          </Typography.Paragraph>
        )}
        <Button type="primary" htmlType="submit" block size="large" loading={create.isPending} data-testid="my-record-submit">
          {tx('save')}
        </Button>
      </Form>
    </Drawer>
  );
}
