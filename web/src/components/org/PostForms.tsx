import { App, Button, DatePicker, Form, Input, InputNumber, Modal, Popconfirm, Radio, Select, Space, Typography } from 'antd';
import { useQueryClient } from '@tanstack/react-query';
import dayjs, { type Dayjs } from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ORG_POST } from '../../../../src/shared/enums.ts';
import { ApiError, api, errorMessage } from '../../api/client.ts';
import type { PostItem } from '../../api/types.ts';
import { useCodeOptions } from '../../labels.ts';
import { MemberSearch } from '../dues/MemberSearch.tsx';

const ISO = 'YYYY-MM-DD';
const notFuture = (d: Dayjs) => d.isAfter(dayjs(), 'day');

/** Refresh what a change of posts or term shows: the posts, the setup checks and the reminders. */
function useRefresh(orgId: number) {
  const qc = useQueryClient();
  return () => Promise.all([qc.invalidateQueries({ queryKey: ['orgPosts', orgId] }), qc.invalidateQueries({ queryKey: ['orgChecks', orgId] }), qc.invalidateQueries({ queryKey: ['reminders'] })]);
}

interface AppointForm {
  post: string;
  who: 'member' | 'name';
  memberId?: number;
  holderName?: string;
  startedOn: Dayjs;
}

/** 任职登记: a post, the member holding it (or the name of a holder not on this register), the date. */
export function AppointButton({ orgId }: { orgId: number }) {
  const { t } = useTranslation();
  const codeOptions = useCodeOptions();
  const { message } = App.useApp();
  const refresh = useRefresh(orgId);
  const [open, setOpen] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [form] = Form.useForm<AppointForm>();
  const who = Form.useWatch('who', form);

  const submit = async (v: AppointForm) => {
    setBusy(true);
    setError(null);
    try {
      await api.post(`/api/orgs/${orgId}/posts`, { post: v.post, startedOn: v.startedOn.format(ISO), ...(v.who === 'member' ? { memberId: v.memberId } : { holderName: v.holderName?.trim() }) });
      message.success(t('orgTabs.appointed'));
      await refresh();
      setOpen(false);
    } catch (err) {
      const fields = err instanceof ApiError ? err.fieldErrors.filter((f) => ['post', 'memberId', 'holderName', 'startedOn'].includes(f.field)) : [];
      if (fields.length > 0) form.setFields(fields.map((f) => ({ name: f.field as keyof AppointForm, errors: [f.message] })));
      else setError(errorMessage(err));
    } finally {
      setBusy(false);
    }
  };

  return (
    <>
      <Button type="primary" onClick={() => { form.resetFields(); setError(null); setOpen(true); }} data-testid="post-appoint">
        {t('orgTabs.appoint')}
      </Button>
      <Modal open={open} title={t('orgTabs.appointTitle')} onCancel={() => setOpen(false)} onOk={() => form.submit()} okText={t('common.save')} cancelText={t('common.cancel')} confirmLoading={busy} forceRender destroyOnHidden>
        {error && <Typography.Paragraph type="danger">{error}</Typography.Paragraph>}
        <Form<AppointForm> form={form} layout="vertical" requiredMark={false} onFinish={submit} initialValues={{ who: 'member', startedOn: dayjs() }} data-testid="post-form">
          <Form.Item name="post" label={t('orgTabs.post')} rules={[{ required: true, message: t('orgTabs.postRequired') }]}>
            <Select options={codeOptions(ORG_POST)} data-testid="post-kind" />
          </Form.Item>
          <Form.Item name="who" label={t('orgTabs.holder')}>
            <Radio.Group options={[{ value: 'member', label: t('orgTabs.holderMember') }, { value: 'name', label: t('orgTabs.holderName') }]} />
          </Form.Item>
          {who === 'name' ? (
            <Form.Item name="holderName" extra={t('orgTabs.holderNameHint')} rules={[{ required: true, whitespace: true, min: 2, max: 30, message: t('orgTabs.holderNameRequired') }]}>
              <Input maxLength={30} />
            </Form.Item>
          ) : (
            <Form.Item name="memberId" extra={t('orgTabs.holderMemberHint')} rules={[{ required: true, message: t('orgTabs.holderMemberRequired') }]}>
              <MemberSearch orgId={orgId} placeholder={t('orgTabs.holderSearch')} style={{ width: '100%' }} testId="post-member" />
            </Form.Item>
          )}
          <Form.Item name="startedOn" label={t('orgTabs.since')} rules={[{ required: true }]}>
            <DatePicker style={{ width: '100%' }} disabledDate={notFuture} inputReadOnly allowClear={false} />
          </Form.Item>
        </Form>
      </Modal>
    </>
  );
}

/** 免职: the end date, confirmed; a post ends once. */
export function EndPostButton({ orgId, post, postLabel }: { orgId: number; post: PostItem; postLabel: string }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const refresh = useRefresh(orgId);
  const [date, setDate] = useState<Dayjs>(dayjs());
  const end = async () => {
    try {
      await api.post(`/api/orgs/${orgId}/posts/${post.id}/end`, { endedOn: date.format(ISO) });
      message.success(t('orgTabs.ended', { name: post.holderName }));
      await refresh();
    } catch (err) {
      message.error(errorMessage(err));
      throw err;
    }
  };
  return (
    <Popconfirm
      title={t('orgTabs.endTitle', { name: post.holderName, post: postLabel })}
      description={
        <Space orientation="vertical" size={4}>
          <span>{t('orgTabs.endedOn')}</span>
          <DatePicker value={date} onChange={(d) => d && setDate(d)} disabledDate={(d) => notFuture(d) || d.isBefore(dayjs(post.startedOn), 'day')} allowClear={false} inputReadOnly />
        </Space>
      }
      okText={t('orgTabs.end')}
      okButtonProps={{ danger: true }}
      cancelText={t('common.cancel')}
      onConfirm={end}
    >
      <Button type="link" size="small" danger data-testid={`post-end-${post.id}`}>
        {t('orgTabs.end')}
      </Button>
    </Popconfirm>
  );
}

interface TermForm {
  startedOn: Dayjs;
  years?: number | null;
}

/** 登记换届: the start of the current term; the length comes from the rule for the kind unless set. */
export function TermButton({ orgId, startedOn, years }: { orgId: number; startedOn: string | null; years: number | null }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const refresh = useRefresh(orgId);
  const [open, setOpen] = useState(false);
  const [busy, setBusy] = useState(false);
  const [form] = Form.useForm<TermForm>();
  const submit = async (v: TermForm) => {
    setBusy(true);
    try {
      await api.put(`/api/orgs/${orgId}/term`, { startedOn: v.startedOn.format(ISO), ...(v.years ? { years: v.years } : {}) });
      message.success(t('orgTabs.termSaved'));
      await refresh();
      setOpen(false);
    } catch (err) {
      message.error(errorMessage(err));
    } finally {
      setBusy(false);
    }
  };
  return (
    <>
      <Button size="small" onClick={() => setOpen(true)} data-testid="term-edit">
        {t('orgTabs.termEdit')}
      </Button>
      <Modal open={open} title={t('orgTabs.termEdit')} onCancel={() => setOpen(false)} onOk={() => form.submit()} okText={t('common.save')} cancelText={t('common.cancel')} confirmLoading={busy} destroyOnHidden>
        <Form<TermForm> form={form} layout="vertical" requiredMark={false} onFinish={submit} initialValues={{ startedOn: startedOn ? dayjs(startedOn) : dayjs(), years }}>
          <Form.Item name="startedOn" label={t('orgTabs.termStarted')} rules={[{ required: true }]}>
            <DatePicker style={{ width: '100%' }} disabledDate={notFuture} inputReadOnly allowClear={false} />
          </Form.Item>
          <Form.Item name="years" label={t('orgTabs.termYears')} extra={t('orgTabs.termYearsHint')}>
            <InputNumber min={1} max={10} style={{ width: '100%' }} />
          </Form.Item>
        </Form>
      </Modal>
    </>
  );
}
