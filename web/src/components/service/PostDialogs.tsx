import { AutoComplete, DatePicker, Form, Input, Modal, Select, Typography, type ButtonProps } from 'antd';
import dayjs from 'dayjs';
import { useState } from 'react';
import { SERVICE_POST_SUGGESTION, SERVICE_REVIEW_GRADE } from '../../../../src/shared/enums.ts';
import { errorMessage } from '../../api/client.ts';
import { useAssign, useCandidates, useCreatePost, useEndAssignment, useReview, type ServiceAssignment, type ServicePost } from '../../api/service.ts';
import { useCodeOptions, useLabel } from '../../labels.ts';
import { useSvcText } from './text.ts';

const DUTIES: Record<string, string> = {
  policy: '宣传党的方针政策和惠农政策，每月入户宣讲不少于 4 户，收集群众意见建议',
  environment: '督促责任区农户落实“门前三包”，每周巡查一次村庄环境，发现问题及时报告',
  mediation: '及时掌握邻里、土地、婚姻家庭纠纷苗头，协助调解，重大矛盾当日上报',
  patrol: '参加夜间义务巡逻，关注独居老人和留守儿童安全，协助做好防火防汛',
  assistance: '结对联系困难户 1～2 户，帮助解决生产生活实际困难，每月走访不少于 2 次',
  technology: '为群众提供种养技术指导，每季度组织一次田间示范',
  supervision: '监督村务公开和集体资产管理，列席村务监督会议',
};

const today = () => dayjs().startOf('day');
const noFuture = (d: dayjs.Dayjs) => d.isAfter(dayjs(), 'day');
const fmt = (d: dayjs.Dayjs) => d.format('YYYY-MM-DD');

/** Shared footer error line and submit plumbing. */
function useSubmit() {
  const [error, setError] = useState<string | null>(null);
  return { error, setError, line: error ? <Typography.Text type="danger" data-testid="service-error">{error}</Typography.Text> : null };
}

export function NewPostModal({ orgId, ruleMonths, open, onClose }: { orgId: number; ruleMonths: number; open: boolean; onClose: () => void }) {
  const tx = useSvcText();
  const label = useLabel();
  const [form] = Form.useForm<{ name: string; duties: string; reviewMonths: number | 0 }>();
  const create = useCreatePost(orgId);
  const s = useSubmit();
  const suggestions = SERVICE_POST_SUGGESTION.values.map((v) => ({ value: label(SERVICE_POST_SUGGESTION, v), code: v }));
  const submit = async () => {
    const v = await form.validateFields();
    s.setError(null);
    create.mutate({ name: v.name, duties: v.duties, reviewMonths: v.reviewMonths ? (v.reviewMonths as 3 | 6 | 12) : null }, { onSuccess: () => (form.resetFields(), onClose()), onError: (e) => s.setError(errorMessage(e)) });
  };
  return (
    <Modal open={open} title={tx('newPost')} onCancel={onClose} onOk={() => void submit()} okText={tx('save')} cancelText={tx('cancel')} confirmLoading={create.isPending} destroyOnHidden okButtonProps={{ 'data-testid': 'post-save' } as ButtonProps}>
      <Form form={form} layout="vertical" initialValues={{ reviewMonths: 0 }}>
        <Form.Item name="name" label={tx('postName')} extra={tx('postNameHint')} rules={[{ required: true, max: 40 }]}>
          <AutoComplete
            options={suggestions}
            filterOption={(input, o) => !!o?.value.includes(input)}
            onSelect={(_v: string, o: { code: string }) => !form.getFieldValue('duties') && form.setFieldValue('duties', DUTIES[o.code])}
            data-testid="post-name"
          />
        </Form.Item>
        <Form.Item name="duties" label={tx('duties')} rules={[{ required: true, max: 2000 }]}>
          <Input.TextArea rows={3} data-testid="post-duties" />
        </Form.Item>
        <Form.Item name="reviewMonths" label={tx('reviewMonths')}>
          <Select options={[{ value: 0, label: tx('reviewByRule', { months: ruleMonths }) }, ...[3, 6, 12].map((m) => ({ value: m, label: tx('everyMonths', { months: m }) }))]} />
        </Form.Item>
        {s.line}
      </Form>
    </Modal>
  );
}

export function AssignModal({ post, onClose }: { post: ServicePost | null; onClose: () => void }) {
  const tx = useSvcText();
  const [form] = Form.useForm<{ memberId: number; startsOn: dayjs.Dayjs; note?: string }>();
  // Members of the post's own organization and below.
  const cands = useCandidates(post?.orgId ?? 0, !!post);
  const assign = useAssign();
  const s = useSubmit();
  const taken = new Set(post?.assignments.filter((a) => a.active).map((a) => a.memberId));
  const options = (cands.data?.items ?? []).map((c) => ({
    value: c.memberId,
    disabled: !!c.office || taken.has(c.memberId),
    label: `${c.name}（${c.orgName}）${c.office ? ` · ${tx('hasOffice', { office: c.office })}` : c.posts.length ? ` · ${c.posts.join('、')}` : ''}`,
  }));
  const submit = async () => {
    const v = await form.validateFields();
    s.setError(null);
    assign.mutate({ postId: post!.id, body: { memberId: v.memberId, startsOn: fmt(v.startsOn), note: v.note || null } }, { onSuccess: () => (form.resetFields(), onClose()), onError: (e) => s.setError(errorMessage(e)) });
  };
  return (
    <Modal open={!!post} title={`${tx('assign')}：${post?.name ?? ''}`} onCancel={onClose} onOk={() => void submit()} okText={tx('save')} cancelText={tx('cancel')} confirmLoading={assign.isPending} destroyOnHidden okButtonProps={{ 'data-testid': 'assign-save' } as ButtonProps}>
      <Form form={form} layout="vertical" initialValues={{ startsOn: today() }}>
        <Form.Item name="memberId" label={tx('member')} extra={tx('memberHint')} rules={[{ required: true }]}>
          <Select showSearch={{ optionFilterProp: 'label' }} loading={cands.isPending} options={options} placeholder={tx('pickMember')} data-testid="assign-member" />
        </Form.Item>
        <Form.Item name="startsOn" label={tx('startsOn')} rules={[{ required: true }]}>
          <DatePicker style={{ width: '100%' }} disabledDate={noFuture} />
        </Form.Item>
        <Form.Item name="note" label={tx('note')}>
          <Input maxLength={500} />
        </Form.Item>
        {s.line}
      </Form>
    </Modal>
  );
}

export function ReviewModal({ a, onClose }: { a: ServiceAssignment | null; onClose: () => void }) {
  const tx = useSvcText();
  const options = useCodeOptions();
  const [form] = Form.useForm<{ reviewedOn: dayjs.Dayjs; grade: string; comment?: string }>();
  const review = useReview();
  const s = useSubmit();
  const submit = async () => {
    const v = await form.validateFields();
    s.setError(null);
    review.mutate({ id: a!.id, body: { reviewedOn: fmt(v.reviewedOn), grade: v.grade as 'competent', comment: v.comment || null } }, { onSuccess: () => (form.resetFields(), onClose()), onError: (e) => s.setError(errorMessage(e)) });
  };
  return (
    <Modal open={!!a} title={tx('reviewTitle', { name: a?.memberName ?? '', post: a?.postName ?? '' })} onCancel={onClose} onOk={() => void submit()} okText={tx('save')} cancelText={tx('cancel')} confirmLoading={review.isPending} destroyOnHidden okButtonProps={{ 'data-testid': 'review-save' } as ButtonProps}>
      <Form form={form} layout="vertical" initialValues={{ reviewedOn: today(), grade: 'competent' }}>
        <Form.Item name="reviewedOn" label={tx('reviewedOn')} rules={[{ required: true }]}>
          <DatePicker style={{ width: '100%' }} disabledDate={noFuture} />
        </Form.Item>
        <Form.Item name="grade" label={tx('grade')} rules={[{ required: true }]}>
          <Select options={options(SERVICE_REVIEW_GRADE)} data-testid="review-grade" />
        </Form.Item>
        <Form.Item name="comment" label={tx('comment')}>
          <Input.TextArea rows={2} maxLength={1000} />
        </Form.Item>
        {s.line}
      </Form>
    </Modal>
  );
}

export function EndModal({ a, onClose }: { a: ServiceAssignment | null; onClose: () => void }) {
  const tx = useSvcText();
  const [form] = Form.useForm<{ endsOn: dayjs.Dayjs; reason?: string }>();
  const end = useEndAssignment();
  const s = useSubmit();
  const submit = async () => {
    const v = await form.validateFields();
    s.setError(null);
    end.mutate({ id: a!.id, endsOn: fmt(v.endsOn), reason: v.reason || null }, { onSuccess: () => (form.resetFields(), onClose()), onError: (e) => s.setError(errorMessage(e)) });
  };
  return (
    <Modal open={!!a} title={tx('endTitle', { name: a?.memberName ?? '', post: a?.postName ?? '' })} onCancel={onClose} onOk={() => void submit()} okText={tx('end')} okButtonProps={{ danger: true }} cancelText={tx('cancel')} confirmLoading={end.isPending} destroyOnHidden>
      <Typography.Paragraph type="secondary">{tx('endConfirm')}</Typography.Paragraph>
      <Form form={form} layout="vertical" initialValues={{ endsOn: today() }}>
        <Form.Item name="endsOn" label={tx('endsOn')} rules={[{ required: true }]}>
          <DatePicker style={{ width: '100%' }} disabledDate={noFuture} />
        </Form.Item>
        <Form.Item name="reason" label={tx('reason')}>
          <Input maxLength={500} />
        </Form.Item>
        {s.line}
      </Form>
    </Modal>
  );
}
