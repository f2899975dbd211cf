import { useTranslation } from 'react-i18next';

// The notice centre's own words (zh first, en second); the shared reminder words stay in i18n.
const zh = {
  title: '待办中心',
  subtitle: '您管辖范围内各项工作的到期与逾期事项，一处查看：发展党员、组织关系转接、党费、组织生活、承诺、设岗定责、整顿等。逾期的排在最前，点击即可去办理。',
  all: '全部',
  overdue: '已逾期',
  due: '即将到期',
  info: '提示',
  source: '来源',
  allSources: '全部来源',
  severity: '状态',
  groupBy: '分组',
  bySource: '按来源',
  byOrg: '按组织',
  byDate: '按到期日',
  undated: '无具体日期',
  thisWeek: '本周内',
  overdueGroup: '已逾期',
  later: '{{from}} 起',
  failed: '暂时无法读取',
  emptyTitle: '没有需要办理的事项',
  emptyCovered: '已检查的来源：{{sources}}。',
  emptyHint: '在所选组织和时间范围内没有到期或逾期的事项；可以放宽时间范围，或选择上级组织查看。',
  summary: '共 {{total}} 项，其中逾期 {{overdue}} 项',
  dueCount: '即将到期 {{count}} 项',
  badge: '待办',
  more: '该组还有 {{count}} 项未列出，请按来源筛选查看全部',
};
type Key = keyof typeof zh;
const en: Record<Key, string> = {
  title: 'Notice centre',
  subtitle: 'Everything due or overdue in your scope, from every module in one place: development, transfers, dues, organizational life, commitments, posts, rectification… Overdue first; click an item to act on it.',
  all: 'All',
  overdue: 'Overdue',
  due: 'Due soon',
  info: 'Notes',
  source: 'Source',
  allSources: 'All sources',
  severity: 'Status',
  groupBy: 'Group',
  bySource: 'By source',
  byOrg: 'By organization',
  byDate: 'By due date',
  undated: 'No date',
  thisWeek: 'Within 7 days',
  overdueGroup: 'Overdue',
  later: 'From {{from}}',
  failed: 'could not be read',
  emptyTitle: 'Nothing to do',
  emptyCovered: 'Sources checked: {{sources}}.',
  emptyHint: 'Nothing falls due in the chosen organization and window; widen the window or choose a higher organization.',
  summary: '{{total}} in all, {{overdue}} overdue',
  dueCount: '{{count}} due soon',
  badge: 'To do',
  more: '{{count}} more in this group; filter by source to see them all',
};

export function useNoticeText() {
  const { i18n } = useTranslation();
  const table: Record<Key, string> = i18n.language === 'en' ? en : zh;
  return (key: Key, params: Record<string, string | number> = {}) => table[key].replace(/\{\{(\w+)\}\}/g, (_, k: string) => String(params[k] ?? ''));
}
