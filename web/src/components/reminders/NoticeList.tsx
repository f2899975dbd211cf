import { Alert, Badge, Collapse, Empty, Space, Typography } from 'antd';
import dayjs from 'dayjs';
import { useTranslation } from 'react-i18next';
import type { ReminderItem, ReminderList as ReminderListData } from '../../api/reminders.ts';
import { ReminderRow } from './ReminderList.tsx';
import { useNoticeText } from './noticeText.ts';

export type Grouping = 'source' | 'org' | 'date';

interface Group {
  key: string;
  label: string;
  items: ReminderItem[];
}

/** The notice centre's list: grouped by source, organization or due date; overdue groups open. */
export function NoticeList({ data, grouping }: { data: ReminderListData; grouping: Grouping }) {
  const { i18n } = useTranslation();
  const nx = useNoticeText();
  const en = i18n.language === 'en';
  const sourceName = new Map(data.sources.map((s) => [s.source, en ? s.nameEn : s.name]));
  const weekEnd = dayjs(data.today).add(7, 'day').format('YYYY-MM-DD');
  const keyOf = (r: ReminderItem): [string, string] => {
    if (grouping === 'source') return [r.source, sourceName.get(r.source) ?? r.source];
    if (grouping === 'org') return [String(r.orgId), r.orgName];
    if (r.severity === 'overdue') return ['0', nx('overdueGroup')];
    if (!r.dueOn) return ['9', nx('undated')];
    if (r.dueOn <= weekEnd) return ['1', nx('thisWeek')];
    return [`2${r.dueOn.slice(0, 7)}`, nx('later', { from: `${r.dueOn.slice(0, 7)}` })];
  };
  const groups = new Map<string, Group>();
  for (const r of data.items) {
    const [key, label] = keyOf(r);
    const g = groups.get(key) ?? { key, label, items: [] };
    g.items.push(r);
    groups.set(key, g);
  }
  const ordered = [...groups.values()].sort((a, b) =>
    grouping === 'date' ? a.key.localeCompare(b.key) : b.items.filter((r) => r.severity === 'overdue').length - a.items.filter((r) => r.severity === 'overdue').length || b.items.length - a.items.length || a.label.localeCompare(b.label, 'zh-CN'),
  );
  const failed = data.sources.filter((s) => s.failed);
  return (
    <Space orientation="vertical" size={12} style={{ width: '100%' }} data-testid="notice-list">
      {failed.length > 0 && <Alert type="warning" showIcon title={data.failures.map((f) => f.message).join('；')} data-testid="reminder-failures" />}
      {ordered.length === 0 ? (
        <Empty
          data-testid="reminders-empty"
          image={Empty.PRESENTED_IMAGE_SIMPLE}
          description={
            <Space orientation="vertical" size={4}>
              <span>{nx('emptyTitle')}</span>
              <Typography.Text type="secondary">{nx('emptyCovered', { sources: data.sources.filter((s) => !s.failed).map((s) => (en ? s.nameEn : s.name)).join(en ? ', ' : '、') })}</Typography.Text>
              <Typography.Text type="secondary">{nx('emptyHint')}</Typography.Text>
            </Space>
          }
        />
      ) : (
        <Collapse
          key={grouping}
          defaultActiveKey={ordered.filter((g, i) => i < 3 || g.items.some((r) => r.severity === 'overdue')).map((g) => g.key)}
          items={ordered.map((g) => {
            const overdue = g.items.filter((r) => r.severity === 'overdue').length;
            return {
              key: g.key,
              label: (
                <Space size={8} wrap data-testid="notice-group" data-group={g.key}>
                  <span>{g.label}</span>
                  <Badge count={g.items.length} overflowCount={999} color="#8c8c8c" showZero />
                  {overdue > 0 && <Badge count={`${nx('overdue')} ${overdue}`} color="#c8161d" />}
                </Space>
              ),
              children: (
                <div className="reminder-rows">
                  {g.items.map((r, i) => (
                    <ReminderRow key={`${r.kind}-${r.orgId}-${r.memberId ?? 0}-${i}`} r={r} showOrg={grouping !== 'org'} />
                  ))}
                </div>
              ),
            };
          })}
        />
      )}
      {data.truncated && <Typography.Text type="secondary">{nx('more', { count: data.total - data.items.length })}</Typography.Text>}
    </Space>
  );
}
