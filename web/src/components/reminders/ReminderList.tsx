import { ClockCircleOutlined, RightOutlined } from '@ant-design/icons';
import { Alert, Badge, Button, Collapse, Empty, Space, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import type { ReminderItem, ReminderList as ReminderListData } from '../../api/reminders.ts';
import { useKindLabel } from './kinds.ts';

const SEVERITY_COLOR = { overdue: 'error', due: 'warning', info: 'processing' } as const;

export function SeverityTag({ severity }: { severity: ReminderItem['severity'] }) {
  const { t } = useTranslation();
  return (
    <Tag color={SEVERITY_COLOR[severity]} data-testid={`severity-${severity}`} style={{ marginInlineEnd: 0 }}>
      {t(`reminders.${severity}`)}
    </Tag>
  );
}

/** One reminder: a card-like row with a big touch target when it links to a record. */
export function ReminderRow({ r, showOrg = true }: { r: ReminderItem; showOrg?: boolean }) {
  const { t, i18n } = useTranslation();
  const overdue = r.severity === 'overdue';
  const body = (
    <div className={`reminder-row${overdue ? ' reminder-overdue' : ''}`} data-testid="reminder" data-kind={r.kind} data-severity={r.severity}>
      <div className="reminder-main">
        <Space size={6} wrap>
          <SeverityTag severity={r.severity} />
          <Typography.Text type={overdue ? 'danger' : undefined} style={{ fontSize: 12 }}>
            <ClockCircleOutlined /> {r.dueOn ?? t('reminders.undated')}
          </Typography.Text>
        </Space>
        <div className="reminder-title" style={overdue ? { color: '#c8161d' } : undefined}>
          {i18n.language === 'en' ? r.titleEn : r.title}
        </div>
        {showOrg && (
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {r.orgName}
            {r.memberName ? ` · ${r.memberName}` : ''}
          </Typography.Text>
        )}
      </div>
      {r.link && <RightOutlined className="muted" aria-hidden />}
    </div>
  );
  return r.link ? (
    <Link to={r.link} className="reminder-link" aria-label={`${t('reminders.open')}：${r.title}`}>
      {body}
    </Link>
  ) : (
    body
  );
}

/** Reminders grouped by kind (with counts, overdue in red), the groups with overdue items open. */
export function ReminderList({ data, showOrg = true, emptyHint, onShowKind }: { data: ReminderListData; showOrg?: boolean; emptyHint?: string; onShowKind?: (kind: string) => void }) {
  const { t } = useTranslation();
  const kindLabel = useKindLabel();
  const groups = data.counts.map((c) => ({ ...c, items: data.items.filter((r) => r.kind === c.kind) })).filter((g) => g.items.length > 0);
  return (
    <Space orientation="vertical" size={12} style={{ width: '100%' }} data-testid="reminder-list">
      {data.failures.length > 0 && (
        <Alert type="warning" showIcon title={t('reminders.partial')} description={data.failures.map((f) => f.message).join('；')} data-testid="reminder-failures" />
      )}
      {groups.length === 0 ? (
        <Empty data-testid="reminders-empty" image={Empty.PRESENTED_IMAGE_SIMPLE} description={<span>{t('reminders.empty')}<br /><Typography.Text type="secondary">{emptyHint ?? t('reminders.emptyHint')}</Typography.Text></span>} />
      ) : (
        <Collapse
          defaultActiveKey={groups.filter((g, i) => g.overdue > 0 || i === 0).map((g) => g.kind)}
          items={groups.map((g) => ({
            key: g.kind,
            label: (
              <Space size={8} wrap data-testid="reminder-group" data-kind={g.kind}>
                <span>{kindLabel(g.kind)}</span>
                <Badge count={g.total} overflowCount={999} color="#8c8c8c" showZero />
                {g.overdue > 0 && <Badge count={t('reminders.overdueCount', { count: g.overdue })} color="#c8161d" data-testid="group-overdue" />}
              </Space>
            ),
            children: (
              <div className="reminder-rows">
                {g.items.map((r, i) => (
                  <ReminderRow key={`${r.kind}-${r.orgId}-${r.memberId ?? 0}-${i}`} r={r} showOrg={showOrg} />
                ))}
                {g.total > g.items.length && (
                  <Typography.Text type="secondary" data-testid="group-more">
                    {t('reminders.groupMore', { shown: g.items.length, total: g.total })}
                    {onShowKind && (
                      <Button type="link" size="small" onClick={() => onShowKind(g.kind)}>
                        {t('reminders.showKind')}
                      </Button>
                    )}
                  </Typography.Text>
                )}
              </div>
            ),
          }))}
        />
      )}
    </Space>
  );
}
