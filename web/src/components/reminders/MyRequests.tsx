import { App, Button, DatePicker, Drawer, Form, Input, Segmented, Select, Typography } from 'antd';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import dayjs, { type Dayjs } from 'dayjs';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { z } from 'zod';
import type { ReceivingOrgList } from '../../../../src/modules/transfers/transfers.schemas.ts';
import { api, errorMessage } from '../../api/client.ts';

type Orgs = z.infer<typeof ReceivingOrgList>;

/** Receiving organizations by name (the transfers module's directory: names and codes only). */
function ReceivingOrgSelect({ value, onChange }: { value?: string; onChange?: (code: string) => void }) {
  const { t } = useTranslation();
  const [text, setText] = useState('');
  const [term, setTerm] = useState('');
  useEffect(() => {
    const h = setTimeout(() => setTerm(text.trim()), 300);
    return () => clearTimeout(h);
  }, [text]);
  const q = useQuery({
    queryKey: ['receivingOrgs', term] as const,
    queryFn: ({ signal }) => api.get<Orgs>('/api/transfers/receiving-orgs', { name: term, limit: 20 }, signal),
    enabled: [...term].length >= 2,
  });
  return (
    <Select
      showSearch={{ filterOption: false, onSearch: setText }}
      value={value}
      onChange={onChange}
      placeholder={t('my.form.orgSearch')}
      notFoundContent={[...term].length >= 2 ? t('my.form.noOrg') : t('my.form.typeTwo')}
      loading={q.isFetching}
      options={(q.data?.items ?? []).map((o) => ({ value: o.code, label: o.parentName ? `${o.name}（${o.parentName}）` : o.name }))}
      size="large"
      data-testid="transfer-org"
    />
  );
}

interface TransferForm {
  where: 'inside' | 'outside';
  toOrgCode?: string;
  toOrgName?: string;
  toOrgAddress?: string;
  reason: string;
}

/** 申请组织关系转接: the member's own request, handled by their branch (POST /api/transfers/request/:memberId). */
export function TransferRequestDrawer({ memberId, open, onClose }: { memberId: number; open: boolean; onClose: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const qc = useQueryClient();
  const [form] = Form.useForm<TransferForm>();
  const where = Form.useWatch('where', form) ?? 'inside';
  const send = useMutation({
    mutationFn: (v: TransferForm) =>
      api.post(`/api/transfers/request/${memberId}`, v.where === 'inside' ? { toOrgCode: v.toOrgCode, reason: v.reason } : { toOrgName: v.toOrgName, toOrgAddress: v.toOrgAddress || undefined, reason: v.reason }),
    onSuccess: () => {
      message.success(t('my.form.transferSent'));
      void qc.invalidateQueries({ queryKey: ['myRecord'] });
      void qc.invalidateQueries({ queryKey: ['myReminders'] });
      form.resetFields();
      onClose();
    },
  });
  return (
    <Drawer open={open} onClose={onClose} placement="bottom" size="auto" title={t('my.requestTransfer')} destroyOnHidden data-testid="transfer-drawer">
      <Form form={form} layout="vertical" initialValues={{ where: 'inside' }} onFinish={(v) => send.mutate(v)} requiredMark={false}>
        <Typography.Paragraph type="secondary">{t('my.form.transferHint')}</Typography.Paragraph>
        <Form.Item name="where">
          <Segmented block size="large" options={[{ value: 'inside', label: t('my.form.inside') }, { value: 'outside', label: t('my.form.outside') }]} />
        </Form.Item>
        {where === 'inside' ? (
          <Form.Item name="toOrgCode" label={t('my.form.toOrg')} rules={[{ required: true, message: t('my.form.toOrgRequired') }]}>
            <ReceivingOrgSelect />
          </Form.Item>
        ) : (
          <>
            <Form.Item name="toOrgName" label={t('my.form.toOrgName')} rules={[{ required: true, whitespace: true, message: t('my.form.toOrgRequired') }]}>
              <Input size="large" maxLength={100} />
            </Form.Item>
            <Form.Item name="toOrgAddress" label={t('my.form.toOrgAddress')}>
              <Input size="large" maxLength={200} />
            </Form.Item>
          </>
        )}
        <Form.Item name="reason" label={t('my.form.reason')} rules={[{ required: true, whitespace: true, message: t('my.form.reasonRequired') }]}>
          <Input size="large" maxLength={200} placeholder={t('my.form.reasonPlaceholder')} data-testid="transfer-reason" />
        </Form.Item>
        {send.isError && <Typography.Paragraph type="danger">{errorMessage(send.error)}</Typography.Paragraph>}
        <Button type="primary" htmlType="submit" block size="large" loading={send.isPending} data-testid="transfer-submit">
          {t('my.form.submit')}
        </Button>
      </Form>
    </Drawer>
  );
}

interface OutflowForm {
  place: string;
  since: Dayjs;
  phone?: string;
  reason?: string;
  hostOrgName?: string;
}

/** 登记外出流动: the member registers going away (POST /api/mobile/outflows with their own id). */
export function OutflowDrawer({ memberId, open, onClose }: { memberId: number; open: boolean; onClose: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const qc = useQueryClient();
  const [form] = Form.useForm<OutflowForm>();
  const send = useMutation({
    mutationFn: (v: OutflowForm) =>
      api.post('/api/mobile/outflows', { memberId, place: v.place, since: v.since.format('YYYY-MM-DD'), phone: v.phone || undefined, reason: v.reason || undefined, hostOrgName: v.hostOrgName || undefined }),
    onSuccess: () => {
      message.success(t('my.form.outflowSent'));
      void qc.invalidateQueries({ queryKey: ['myRecord'] });
      form.resetFields();
      onClose();
    },
  });
  return (
    <Drawer open={open} onClose={onClose} placement="bottom" size="auto" title={t('my.registerOutflow')} destroyOnHidden data-testid="outflow-drawer">
      <Form form={form} layout="vertical" initialValues={{ since: dayjs() }} onFinish={(v) => send.mutate(v)} requiredMark={false}>
        <Form.Item name="place" label={t('my.form.place')} rules={[{ required: true, whitespace: true, message: t('my.form.placeRequired') }]}>
          <Input size="large" maxLength={100} placeholder={t('my.form.placePlaceholder')} />
        </Form.Item>
        <Form.Item name="since" label={t('my.form.since')} rules={[{ required: true }]}>
          <DatePicker size="large" style={{ width: '100%' }} disabledDate={(d) => d.isAfter(dayjs(), 'day')} inputReadOnly />
        </Form.Item>
        <Form.Item name="phone" label={t('my.form.phone')} rules={[{ pattern: /^[0-9+\- ]{7,20}$/, message: t('my.form.phoneInvalid') }]}>
          <Input size="large" inputMode="tel" maxLength={20} />
        </Form.Item>
        <Form.Item name="reason" label={t('my.form.outflowReason')}>
          <Input size="large" maxLength={100} placeholder={t('my.form.outflowReasonPlaceholder')} />
        </Form.Item>
        <Form.Item name="hostOrgName" label={t('my.form.hostOrg')}>
          <Input size="large" maxLength={100} />
        </Form.Item>
        {send.isError && <Typography.Paragraph type="danger">{errorMessage(send.error)}</Typography.Paragraph>}
        <Button type="primary" htmlType="submit" block size="large" loading={send.isPending} data-testid="outflow-submit">
          {t('my.form.submit')}
        </Button>
      </Form>
    </Drawer>
  );
}
