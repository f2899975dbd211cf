import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { App, Button, Card, Popconfirm, Skeleton, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { SERVICE_RECORD_KIND, SERVICE_REVIEW_GRADE } from '../../../../src/shared/enums.ts';
import { errorMessage } from '../../api/client.ts';
import { useDeleteRecord, useMyService, type MemberService, type ServiceRecord } from '../../api/service.ts';
import { useLabel } from '../../labels.ts';
import { QueryError } from '../QueryError.tsx';
import { InfoRow } from '../reminders/MyCards.tsx';
import { useSvcText } from '../service/text.ts';
import { MyRecordDrawer } from './MyRecordDrawer.tsx';
import './self.css';

/** How many of the latest records the card lists (the API returns up to 100). */
const LATEST = 5;

/** The member's current posts, each with its last review; or why there is none. */
function Posts({ s }: { s: MemberService }) {
  const { t } = useTranslation();
  const tx = useSvcText();
  const label = useLabel();
  const active = s.assignments.filter((a) => a.active);
  if (active.length === 0) {
    return (
      <Typography.Paragraph type="secondary" data-testid="my-service-no-post">
        {s.office ? t('my.service.hasOffice', { office: s.office }) : t('my.service.noPost')}
      </Typography.Paragraph>
    );
  }
  return (
    <div className="my-rows">
      {active.map((a) => (
        <div key={a.id} className="my-post" data-testid="my-service-post">
          <div className="my-post-head">
            <Typography.Text strong>{a.postName}</Typography.Text>
            {a.reviewOverdue && <Tag color="warning">{tx('overdue')}</Tag>}
          </div>
          <Typography.Text type="secondary" className="my-post-meta">
            {[a.orgName, t('my.service.since', { date: a.startsOn })].join(' · ')}
          </Typography.Text>
          {a.postDuties && (
            <Typography.Paragraph className="my-post-duties" data-testid="my-service-duties" style={{ marginBottom: 4 }}>
              {a.postDuties}
            </Typography.Paragraph>
          )}
          <InfoRow label={t('my.service.lastReview')} testId="my-service-review">
            {a.lastReview ? `${label(SERVICE_REVIEW_GRADE, a.lastReview.grade)}（${a.lastReview.reviewedOn}）` : t('my.service.noReview')}
          </InfoRow>
          {a.nextReviewOn && (
            <Typography.Text type={a.reviewOverdue ? 'warning' : 'secondary'} className="my-post-meta">
              {t('my.service.nextReview', { date: a.nextReviewOn })}
            </Typography.Text>
          )}
        </div>
      ))}
    </div>
  );
}

/** One record on a phone: date and kind, whom and what; a self-entered one can be deleted. */
function RecordRow({ r }: { r: ServiceRecord }) {
  const { t } = useTranslation();
  const tx = useSvcText();
  const label = useLabel();
  const { message } = App.useApp();
  const del = useDeleteRecord();
  const remove = () => del.mutateAsync(r.id).then(() => void message.success(tx('deleted')), (e: unknown) => void message.error(errorMessage(e)));
  return (
    <div className="my-record" data-testid="my-record" data-id={r.id} data-entered-by={r.enteredBy}>
      <div className="my-record-body">
        <div className="my-record-head">
          <Typography.Text type="secondary">{r.occurredOn}</Typography.Text>
          <Tag color="red">{label(SERVICE_RECORD_KIND, r.kind)}</Tag>
        </div>
        <div className="my-record-text">
          <Typography.Text strong>{r.whom}</Typography.Text>
          {'：'}
          {r.matter}
          {r.result && <Typography.Text type="secondary">{` → ${r.result}`}</Typography.Text>}
        </div>
        <Typography.Text type="secondary" className="my-post-meta">
          {r.enteredBy === 'self' ? t('my.service.self') : t('my.service.byStaff', { name: r.createdByName })}
        </Typography.Text>
      </div>
      {r.enteredBy === 'self' && (
        <Popconfirm title={t('my.service.deleteConfirm')} description={t('my.service.deleteHint')} onConfirm={remove} okText={tx('delete')} cancelText={tx('cancel')} okButtonProps={{ danger: true, loading: del.isPending }} placement="topRight">
          <Button type="text" danger size="large" icon={<DeleteOutlined />} aria-label={tx('delete')} data-testid="my-record-delete" />
        </Popconfirm>
      )}
    </div>
  );
}

/** 我的岗位与记实: the member's 设岗定责 post and their 记实 records, with adding their own (GET /api/me/service). */
export function MyServiceCard({ memberId }: { memberId: number }) {
  const { t } = useTranslation();
  const tx = useSvcText();
  const q = useMyService();
  const [adding, setAdding] = useState(false);
  const s = q.data;
  return (
    <Card title={tx('myTitle')} data-testid="my-service">
      {q.isError ? (
        <QueryError error={q.error} onRetry={() => void q.refetch()} />
      ) : !s ? (
        <Skeleton active paragraph={{ rows: 3 }} />
      ) : (
        <>
          <Posts s={s} />
          <div className="my-records-head">
            <Typography.Text strong>{t('my.service.recent')}</Typography.Text>
            <Typography.Text type="secondary" data-testid="my-service-count" data-count={s.counts.thisYear}>
              {tx('myCount', { count: s.counts.thisYear, hours: s.counts.hoursThisYear })}
            </Typography.Text>
          </div>
          {s.records.length === 0 ? (
            <Typography.Paragraph type="secondary" style={{ marginTop: 8 }} data-testid="my-records-empty">
              {t('my.service.noRecords')}
            </Typography.Paragraph>
          ) : (
            <div className="my-records">
              {s.records.slice(0, LATEST).map((r) => (
                <RecordRow key={r.id} r={r} />
              ))}
            </div>
          )}
        </>
      )}
      <Button type="primary" block size="large" icon={<PlusOutlined />} className="my-service-add" onClick={() => setAdding(true)} data-testid="my-add-record">
        {tx('newRecord')}
      </Button>
      <MyRecordDrawer memberId={memberId} open={adding} onClose={() => setAdding(false)} />
    </Card>
  );
}
