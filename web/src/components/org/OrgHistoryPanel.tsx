import { Empty, Skeleton, Tag, Timeline, Typography } from 'antd';
import dayjs from 'dayjs';
import { useTranslation } from 'react-i18next';
import { ORG_POST } from '../../../../src/shared/enums.ts';
import { useOrgEvents } from '../../api/queries.ts';
import { useCodeText } from '../../labels.ts';
import { QueryError } from '../QueryError.tsx';
import { EVENT_COLOR, ORG_EVENT_KIND } from './codes.ts';

/** History of an organization (establishment, renaming, moves, mergers, splits, posts), newest first. */
export function OrgHistoryPanel({ orgId }: { orgId: number }) {
  const { t } = useTranslation();
  const text = useCodeText();
  const q = useOrgEvents(orgId);
  if (q.isError) return <QueryError error={q.error} onRetry={() => void q.refetch()} />;
  if (!q.data) return <Skeleton active paragraph={{ rows: 4 }} />;
  if (q.data.items.length === 0) {
    return (
      <Empty
        data-testid="org-history-empty"
        description={
          <>
            <div>{t('orgTabs.noEvents')}</div>
            <Typography.Text type="secondary">{t('orgTabs.noEventsHint')}</Typography.Text>
          </>
        }
      />
    );
  }
  // Summaries are written by the server in Chinese; a post may appear there by its code: show its name.
  const summary = (s: string) => s.replace(/（([a-z_]+)）/g, (all, code: string) => (code in ORG_POST.table ? `（${text(ORG_POST, code)}）` : all));
  return (
    <Timeline
      data-testid="org-history"
      style={{ paddingTop: 12 }}
      items={q.data.items.map((e) => ({
        key: e.id,
        color: EVENT_COLOR[e.kind] ?? 'blue',
        content: (
          <div className="org-event">
            <div style={{ display: 'flex', flexWrap: 'wrap', alignItems: 'center', gap: 8 }}>
              <Typography.Text strong className="mono">
                {e.effectiveOn}
              </Typography.Text>
              <Tag bordered={false} color={EVENT_COLOR[e.kind] === 'red' ? 'red' : undefined}>
                {text(ORG_EVENT_KIND, e.kind)}
              </Tag>
            </div>
            <div style={{ margin: '4px 0 2px' }}>{summary(e.summary)}</div>
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {t('orgTabs.recordedBy', { actor: e.actorName, time: dayjs(e.createdAt).format('YYYY-MM-DD HH:mm') })}
            </Typography.Text>
          </div>
        ),
      }))}
    />
  );
}
