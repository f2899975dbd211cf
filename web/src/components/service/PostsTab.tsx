import { PlusOutlined, UserAddOutlined, WarningOutlined } from '@ant-design/icons';
import { App, Button, Card, Checkbox, Empty, Skeleton, Space, Table, Tag, Tooltip, Typography } from 'antd';
import type { TableColumnsType } from 'antd';
import { useEffect, useState } from 'react';
import { SERVICE_REVIEW_GRADE } from '../../../../src/shared/enums.ts';
import { errorMessage } from '../../api/client.ts';
import { usePosts, useUpdatePost, type ServiceAssignment, type ServicePost } from '../../api/service.ts';
import { useAuth } from '../../auth/AuthContext.tsx';
import { useLabel } from '../../labels.ts';
import { QueryError } from '../QueryError.tsx';
import { AssignModal, EndModal, NewPostModal, ReviewModal } from './PostDialogs.tsx';
import { useSvcText } from './text.ts';

const GRADE_COLOR: Record<string, string> = { excellent: 'gold', competent: 'green', basically_competent: 'orange', incompetent: 'red' };

/** 岗位: the posts of the organization and below, who holds each, and the reviews due. */
export function PostsTab({ orgId, highlight }: { orgId: number; highlight: number | null }) {
  const tx = useSvcText();
  const label = useLabel();
  const { can } = useAuth();
  const { modal, message } = App.useApp();
  const write = can('member.write');
  const [includeEnded, setIncludeEnded] = useState(false);
  const q = usePosts(orgId, includeEnded);
  const update = useUpdatePost();
  const [creating, setCreating] = useState(false);
  const [assignTo, setAssignTo] = useState<ServicePost | null>(null);
  const [reviewing, setReviewing] = useState<ServiceAssignment | null>(null);
  const [ending, setEnding] = useState<ServiceAssignment | null>(null);

  useEffect(() => {
    if (highlight && q.data) document.querySelector(`[data-row-key="${highlight}"]`)?.scrollIntoView({ block: 'center' });
  }, [highlight, q.data]);

  const retire = (p: ServicePost) =>
    modal.confirm({
      title: tx('retire'),
      content: tx('retireConfirm', { post: p.name }),
      okButtonProps: { danger: true },
      okText: tx('retire'),
      cancelText: tx('cancel'),
      onOk: () => update.mutateAsync({ id: p.id, body: { retiredOn: new Date().toLocaleDateString('en-CA', { timeZone: 'Asia/Shanghai' }) } }).then(() => void message.success(tx('saved')), (e: unknown) => void message.error(errorMessage(e))),
    });

  const columns: TableColumnsType<ServiceAssignment> = [
    {
      title: tx('member'),
      key: 'm',
      render: (_, a) => (
        <Space size={4} wrap>
          <span>{a.memberName}</span>
          {a.office && (
            <Tooltip title={tx('officeWarn', { office: a.office })}>
              <WarningOutlined style={{ color: '#fa8c16' }} aria-label={tx('officeWarn', { office: a.office })} />
            </Tooltip>
          )}
          {!a.active && <Tag>{`${tx('endsOn')} ${a.endsOn}`}</Tag>}
        </Space>
      ),
    },
    { title: tx('since'), dataIndex: 'startsOn', key: 's', width: 110 },
    { title: tx('lastReview'), key: 'l', width: 150, responsive: ['md'], render: (_, a) => (a.lastReview ? <Space size={4}><Tag color={GRADE_COLOR[a.lastReview.grade]}>{label(SERVICE_REVIEW_GRADE, a.lastReview.grade)}</Tag><span className="muted">{a.lastReview.reviewedOn}</span></Space> : '—') },
    { title: tx('nextReview'), key: 'n', width: 150, render: (_, a) => (a.nextReviewOn ? a.reviewOverdue ? <Tag color="red" data-testid="review-overdue">{`${a.nextReviewOn} ${tx('overdue')}`}</Tag> : a.nextReviewOn : '—') },
    ...(write
      ? [
          {
            title: '',
            key: 'x',
            width: 130,
            render: (_: unknown, a: ServiceAssignment) =>
              a.active && (
                <Space size={0}>
                  <Button type="link" size="small" onClick={() => setReviewing(a)} data-testid="review-btn">{tx('review')}</Button>
                  <Button type="link" size="small" danger onClick={() => setEnding(a)}>{tx('end')}</Button>
                </Space>
              ),
          },
        ]
      : []),
  ];

  if (q.isError) return <QueryError error={q.error} onRetry={() => void q.refetch()} />;
  if (!q.data) return <Skeleton active paragraph={{ rows: 6 }} />;
  return (
    <Space orientation="vertical" size={12} style={{ width: '100%' }} data-testid="posts-tab">
      <Space wrap style={{ width: '100%', justifyContent: 'space-between' }}>
        <Checkbox checked={includeEnded} onChange={(e) => setIncludeEnded(e.target.checked)}>{tx('includeEnded')}</Checkbox>
        {write && <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)} data-testid="new-post">{tx('newPost')}</Button>}
      </Space>
      {q.data.items.length === 0 ? (
        <Card size="small"><Empty description={<Space orientation="vertical" size={2}><span>{tx('noPosts')}</span><Typography.Text type="secondary">{tx('noPostsHint')}</Typography.Text></Space>} /></Card>
      ) : (
        q.data.items.map((p) => (
          <Card
            key={p.id}
            size="small"
            data-testid="post-card"
            title={<Space size={6} wrap><span>{p.name}</span>{p.orgId !== orgId && <Typography.Text type="secondary" style={{ fontWeight: 'normal', fontSize: 13 }}>{p.orgName}</Typography.Text>}{p.retiredOn && <Tag>{`${tx('retire')} ${p.retiredOn}`}</Tag>}</Space>}
            extra={write && !p.retiredOn && (
              <Space size={0} wrap>
                <Button type="link" icon={<UserAddOutlined />} onClick={() => setAssignTo(p)} data-testid="assign-btn">{tx('assign')}</Button>
                <Button type="link" danger onClick={() => (p.assignments.some((a) => a.active) ? void message.warning(tx('retireBlocked')) : retire(p))}>{tx('retire')}</Button>
              </Space>
            )}
          >
            <Typography.Paragraph style={{ marginBottom: 8 }}>{p.duties}</Typography.Paragraph>
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>{`${tx('reviewMonths')}：${tx('everyMonths', { months: p.effectiveReviewMonths })}${p.reviewMonths ? '' : `（${tx('reviewByRule', { months: q.data.ruleReviewMonths })}）`}`}</Typography.Text>
            <Table
              rowKey="id"
              size="small"
              style={{ marginTop: 8 }}
              columns={columns}
              dataSource={p.assignments}
              pagination={false}
              scroll={{ x: 'max-content' }}
              rowClassName={(a) => (a.id === highlight ? 'service-highlight' : '')}
              locale={{ emptyText: tx('noneOnPost') }}
            />
          </Card>
        ))
      )}
      <Typography.Text type="secondary" style={{ fontSize: 12 }}>{`${tx('ruleSource')}：${q.data.ruleSource}`}</Typography.Text>
      <NewPostModal orgId={orgId} ruleMonths={q.data.ruleReviewMonths} open={creating} onClose={() => setCreating(false)} />
      <AssignModal post={assignTo} onClose={() => setAssignTo(null)} />
      <ReviewModal a={reviewing} onClose={() => setReviewing(null)} />
      <EndModal a={ending} onClose={() => setEnding(null)} />
    </Space>
  );
}
