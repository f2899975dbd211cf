import { UserOutlined } from '@ant-design/icons';
import { Alert, Avatar, Card, Result, Skeleton, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { EDUCATION, GENDER, MEMBER_CATEGORY } from '../../../src/shared/enums.ts';
import { ApiError } from '../api/client.ts';
import { useMyRecord, useMyReminders } from '../api/reminders.ts';
import { useAuth } from '../auth/AuthContext.tsx';
import { MemberStatusTag } from '../components/MemberStatusTag.tsx';
import { QueryError } from '../components/QueryError.tsx';
import { ActionsCard, EmptyCard, InfoRow, OrgRelationCard, SectionCard, type MyAction } from '../components/reminders/MyCards.tsx';
import { OutflowDrawer, TransferRequestDrawer } from '../components/reminders/MyRequests.tsx';
import { ReminderRow } from '../components/reminders/ReminderList.tsx';
import '../components/reminders/reminders.css';
import { MyServiceCard } from '../components/self/MyServiceCard.tsx';
import { useLabel } from '../labels.ts';

/** Sections shown under 「发展与转接」, in this order; the rest follow after dues. */
const PROGRESS = ['development', 'transfers', 'mobile'];


/** 「我的」: a member's own record on a phone first — cards, big touch targets, no wide tables. */
export default function MyPage() {
  const { t } = useTranslation();
  const label = useLabel();
  const { me } = useAuth();
  const record = useMyRecord();
  const reminders = useMyReminders(90, !record.isError);
  const [form, setForm] = useState<'transfer' | 'outflow' | null>(null);

  if (record.isError) {
    if (record.error instanceof ApiError && record.error.status === 404) {
      return (
        <div className="page my-page" data-testid="my-page">
          <Result status="info" title={t('my.notLinked')} subTitle={t('my.notLinkedHint')} data-testid="my-not-linked" />
        </div>
      );
    }
    return <QueryError error={record.error} onRetry={() => void record.refetch()} />;
  }
  const r = record.data;
  if (!r) {
    return (
      <div className="page my-page">
        <Skeleton active avatar paragraph={{ rows: 2 }} />
        <Skeleton active paragraph={{ rows: 6 }} />
      </div>
    );
  }
  const m = r.member;
  const none = t('common.none');
  const dues = r.sections.find((s) => s.key === 'dues');
  const progress = PROGRESS.map((k) => r.sections.find((s) => s.key === k)).filter((s) => s !== undefined);
  const others = r.sections.filter((s) => s.key !== 'dues' && !PROGRESS.includes(s.key));
  const transferCard = r.sections.find((s) => s.key === 'transfers');
  const openTransfer = transferCard?.status?.tone === 'warning';
  const mobileCard = r.sections.find((s) => s.key === 'mobile');
  const away = !!mobileCard && mobileCard.status?.tone !== 'success';
  const actions: MyAction[] = [
    // The transfers and mobile modules' member endpoints: a request while none is open, one outflow at a time.
    { key: 'transfer', label: t('my.requestTransfer'), onClick: openTransfer ? undefined : () => setForm('transfer'), disabledReason: openTransfer ? t('my.transferOpen') : undefined },
    { key: 'outflow', label: t('my.registerOutflow'), onClick: away ? undefined : () => setForm('outflow'), disabledReason: away ? t('my.alreadyAway') : undefined },
  ];
  const mine = reminders.data;

  return (
    <div className="page my-page" data-testid="my-page">
      <Card data-testid="my-hero">
        <div className="my-hero">
          <Avatar size={56} icon={<UserOutlined />} style={{ background: '#c8161d' }} />
          <div style={{ minWidth: 0 }}>
            <div className="my-hero-name" data-testid="my-name">
              {m.name} <MemberStatusTag status={m.status} />
            </div>
            <Typography.Text type="secondary">{r.org.name}</Typography.Text>
          </div>
        </div>
      </Card>
      {r.failures.length > 0 && <Alert type="warning" showIcon title={t('my.partial')} description={r.failures.map((f) => f.message).join('；')} />}

      <Card title={t('my.reminders')} data-testid="my-reminders" extra={mine && mine.overdue > 0 ? <Typography.Text type="danger">{t('reminders.overdueCount', { count: mine.overdue })}</Typography.Text> : undefined}>
        {!mine ? (
          <Skeleton active paragraph={{ rows: 2 }} />
        ) : mine.items.length === 0 ? (
          <Typography.Text type="secondary" data-testid="my-reminders-empty">
            {t('my.remindersNone')}
          </Typography.Text>
        ) : (
          <div className="reminder-rows">
            {mine.items.map((x, i) => (
              <ReminderRow key={`${x.kind}-${i}`} r={x} showOrg={false} />
            ))}
          </div>
        )}
      </Card>

      {dues ? <SectionCard s={dues} /> : <EmptyCard title={t('my.dues')} text={t('my.duesNone')} hint={t('my.duesNoneHint')} testId="my-section-dues" />}
      {progress.length > 0 ? progress.map((s) => <SectionCard key={s.key} s={s} />) : <EmptyCard title={t('my.progress')} text={t('my.progressNone')} hint="" testId="my-progress" />}
      <ActionsCard actions={actions} />
      <TransferRequestDrawer memberId={m.id} open={form === 'transfer'} onClose={() => setForm(null)} />
      <OutflowDrawer memberId={m.id} open={form === 'outflow'} onClose={() => setForm(null)} />
      {/* 设岗定责与记实: only a member signed in with their own record may add to it (entered_by 'self'). */}
      {me?.role === 'member' && me.memberId ? <MyServiceCard memberId={me.memberId} /> : null}

      <Card title={t('my.basic')} data-testid="my-basic">
        <div className="my-rows">
          <InfoRow label={t('member.gender')}>{label(GENDER, m.gender)}</InfoRow>
          <InfoRow label={t('member.birthDate')}>{m.birthDate}</InfoRow>
          <InfoRow label={t('member.idNumber')} testId="my-id-number">
            <span className="mono">{m.idNumberMasked}</span>
          </InfoRow>
          <InfoRow label={t('member.ethnicity')}>{m.ethnicity}</InfoRow>
          <InfoRow label={t('member.education')}>{label(EDUCATION, m.education)}</InfoRow>
          <InfoRow label={t('member.category')}>{label(MEMBER_CATEGORY, m.category)}</InfoRow>
          <InfoRow label={t('member.joinedOn')}>{m.joinedOn}</InfoRow>
          <InfoRow label={t('member.fullMemberOn')}>{m.fullMemberOn ?? none}</InfoRow>
          <InfoRow label={t('my.phone')}>{m.phone ?? none}</InfoRow>
          <InfoRow label={t('my.workUnit')}>{m.workUnit ?? none}</InfoRow>
        </div>
      </Card>
      <OrgRelationCard r={r} />
      {others.map((s) => (
        <SectionCard key={s.key} s={s} />
      ))}
    </div>
  );
}
