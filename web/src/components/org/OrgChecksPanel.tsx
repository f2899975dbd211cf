import { CheckCircleOutlined } from '@ant-design/icons';
import { Alert, Badge, Result, Skeleton, Space, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { useOrgChecks } from '../../api/queries.ts';
import type { CheckList } from '../../api/types.ts';
import { QueryError } from '../QueryError.tsx';

/** The reminders tab title with the number of reminders (red when any needs attention). */
export function ChecksTabLabel({ text, data }: { text: string; data: CheckList | undefined }) {
  const count = data?.items.length ?? 0;
  const warning = data?.items.some((i) => i.severity === 'warning') ?? false;
  return (
    <Space size={6} data-testid="checks-tab-label">
      {text}
      {count > 0 && <Badge count={count} size="small" color={warning ? '#c8161d' : '#1677ff'} data-testid="checks-badge" />}
    </Space>
  );
}

/** Setup and term warnings from the rule table (they advise, never block). */
export function OrgChecksPanel({ orgId }: { orgId: number }) {
  const { t } = useTranslation();
  const q = useOrgChecks(orgId);
  if (q.isError) return <QueryError error={q.error} onRetry={() => void q.refetch()} />;
  if (!q.data) return <Skeleton active paragraph={{ rows: 3 }} />;
  if (q.data.items.length === 0) {
    return <Result data-testid="org-checks-empty" icon={<CheckCircleOutlined style={{ color: '#52c41a' }} />} title={t('orgTabs.noChecks')} subTitle={t('orgTabs.noChecksHint')} />;
  }
  // Warnings first, then notes.
  const items = [...q.data.items].sort((a, b) => (a.severity === b.severity ? 0 : a.severity === 'warning' ? -1 : 1));
  return (
    <Space orientation="vertical" size={12} style={{ width: '100%' }} data-testid="org-checks">
      <Typography.Text type="secondary">{t('orgTabs.checksIntro')}</Typography.Text>
      {items.map((w, i) => (
        <Alert
          key={`${w.rule}-${i}`}
          type={w.severity === 'warning' ? 'warning' : 'info'}
          showIcon
          data-testid="org-check"
          title={
            <span>
              <Tag color={w.severity === 'warning' ? 'warning' : 'processing'}>{w.severity === 'warning' ? t('orgTabs.severityWarning') : t('orgTabs.severityInfo')}</Tag>
              {w.message}
            </span>
          }
          description={
            <div style={{ fontSize: 12 }}>
              <div>
                {t('orgTabs.ruleSource')}
                {w.source}
              </div>
              <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                {t('orgTabs.ruleVersion', { rule: w.rule, version: w.version })}
              </Typography.Text>
            </div>
          }
        />
      ))}
    </Space>
  );
}
