import { Card, Descriptions, Empty, Skeleton, Space, Switch, Table, Tag, Typography } from 'antd';
import dayjs from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ORG_POST } from '../../../../src/shared/enums.ts';
import { useOrgPosts } from '../../api/queries.ts';
import { useAuth } from '../../auth/AuthContext.tsx';
import type { PostItem, PostList } from '../../api/types.ts';
import { useLabel } from '../../labels.ts';
import { QueryError } from '../QueryError.tsx';
import { TERM_WARN_DAYS } from './codes.ts';
import { AppointButton, EndPostButton, TermButton } from './PostForms.tsx';

/** Whole days from today to a YYYY-MM-DD date (negative when it has passed). */
function daysUntil(date: string) {
  return dayjs(date).startOf('day').diff(dayjs().startOf('day'), 'day');
}

function TermStatus({ endsOn }: { endsOn: string | null }) {
  const { t } = useTranslation();
  if (!endsOn) return null;
  const left = daysUntil(endsOn);
  if (left < 0) return <Tag color="error" data-testid="term-tag">{t('orgTabs.termExpired', { days: -left })}</Tag>;
  if (left <= TERM_WARN_DAYS) return <Tag color="warning" data-testid="term-tag">{t('orgTabs.termEndingSoon', { days: left })}</Tag>;
  return <Tag color="success" data-testid="term-tag">{t('orgTabs.termOk')}</Tag>;
}

function TermCard({ data, orgId, editable }: { data: PostList; orgId: number; editable: boolean }) {
  const { t } = useTranslation();
  const none = t('common.none');
  return (
    <Card size="small" className="inner-card" title={t('orgTabs.term')} extra={
        <Space size={8}>
          <TermStatus endsOn={data.termEndsOn} />
          {editable && <TermButton orgId={orgId} startedOn={data.termStartedOn} years={data.termYears} />}
        </Space>
      } data-testid="org-term">
      {data.termStartedOn ? (
        <Descriptions size="small" column={{ xs: 1, sm: 3 }}>
          <Descriptions.Item label={t('orgTabs.termStarted')}>{data.termStartedOn}</Descriptions.Item>
          <Descriptions.Item label={t('orgTabs.termYears')}>{data.termYears ? t('orgTabs.termYearsValue', { years: data.termYears }) : none}</Descriptions.Item>
          <Descriptions.Item label={t('orgTabs.termEnds')}>{data.termEndsOn ?? none}</Descriptions.Item>
        </Descriptions>
      ) : (
        <Typography.Text type="secondary">{t('orgTabs.termNotSet')}</Typography.Text>
      )}
    </Card>
  );
}

/** Committee posts (secretary, deputies, members) and the current term of an organization. */
export function OrgPostsPanel({ orgId }: { orgId: number }) {
  const { t } = useTranslation();
  const label = useLabel();
  const [includeEnded, setIncludeEnded] = useState(false);
  const { can } = useAuth();
  const editable = can('org.write');
  const q = useOrgPosts(orgId, includeEnded);
  if (q.isError) return <QueryError error={q.error} onRetry={() => void q.refetch()} />;
  if (!q.data) return <Skeleton active paragraph={{ rows: 4 }} />;

  const columns = [
    { key: 'post', title: t('orgTabs.post'), render: (_: unknown, r: PostItem) => label(ORG_POST, r.post) },
    {
      key: 'holder',
      title: t('orgTabs.holder'),
      render: (_: unknown, r: PostItem) => (
        <Space size={6} wrap>
          <span>{r.holderName}</span>
          {r.memberId !== null && <Tag bordered={false}>{t('orgTabs.linkedMember')}</Tag>}
        </Space>
      ),
    },
    { key: 'since', title: t('orgTabs.since'), dataIndex: 'startedOn' },
    {
      key: 'until',
      title: t('orgTabs.until'),
      render: (_: unknown, r: PostItem) => r.endedOn ?? <Tag color="processing">{t('orgTabs.serving')}</Tag>,
    },
    ...(editable
      ? [{ key: 'actions', title: t('common.actions'), render: (_: unknown, r: PostItem) => (r.endedOn ? null : <EndPostButton orgId={orgId} post={r} postLabel={label(ORG_POST, r.post)} />) }]
      : []),
  ];

  return (
    <Space orientation="vertical" size={16} style={{ width: '100%' }} data-testid="org-posts">
      <TermCard data={q.data} orgId={orgId} editable={editable} />
      <div style={{ display: 'flex', justifyContent: editable ? 'space-between' : 'flex-end', gap: 8, flexWrap: 'wrap' }}>
        {editable && <AppointButton orgId={orgId} />}
        <Space size={8}>
          <Switch size="small" checked={includeEnded} onChange={setIncludeEnded} id="posts-include-ended" />
          <label htmlFor="posts-include-ended">{t('orgTabs.showEnded')}</label>
        </Space>
      </div>
      <Table
        rowKey="id"
        size="middle"
        columns={columns}
        dataSource={q.data.items}
        pagination={false}
        loading={q.isFetching && q.isPlaceholderData}
        scroll={{ x: 'max-content' }}
        locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={<><div>{t('orgTabs.noPosts')}</div><Typography.Text type="secondary">{t('orgTabs.noPostsHint')}</Typography.Text></>} /> }}
      />
    </Space>
  );
}
