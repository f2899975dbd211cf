import { BellOutlined } from '@ant-design/icons';
import { Badge, Tooltip } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { useMyReminders, useReminderCounts } from '../../api/reminders.ts';
import { useAuth, useMe } from '../../auth/AuthContext.tsx';
import { useNoticeText } from './noticeText.ts';
import './reminders.css';

/**
 * The header bell: overdue items in red, or (none overdue) items falling due in orange — the
 * member's own, or the staff user's whole scope from the counts-only endpoint.
 */
export function OverdueBell() {
  const { t } = useTranslation();
  const nx = useNoticeText();
  const me = useMe();
  const { can } = useAuth();
  const member = me.role === 'member';
  const staff = !member && can('member.read');
  const scope = useReminderCounts(staff);
  const own = useMyReminders(30, member && me.memberId !== null);
  if (!member && !staff) return null;
  const overdue = (member ? own.data?.overdue : scope.data?.overdue) ?? 0;
  const total = (member ? own.data?.total : scope.data?.total) ?? 0;
  const due = member ? (own.data?.items.filter((r) => r.severity === 'due').length ?? 0) : (scope.data?.due ?? 0);
  const count = overdue || due;
  return (
    <Tooltip title={`${t('reminders.headerBadge')}：${t('reminders.overdueCount', { count: overdue })} · ${nx('dueCount', { count: due })}`}>
      <Link to={member ? '/my' : '/reminders'} className="header-reminders header-icon-btn" aria-label={`${t('reminders.title')}（${total}）`} data-testid="header-reminders">
        <Badge count={count} size="small" overflowCount={99} color={overdue ? '#c8161d' : '#fa8c16'} data-testid="header-overdue" data-overdue={overdue} data-due={due}>
          <BellOutlined style={{ fontSize: 18 }} />
        </Badge>
      </Link>
    </Tooltip>
  );
}
