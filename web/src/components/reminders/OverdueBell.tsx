import { BellOutlined } from '@ant-design/icons';
import { Badge, Tooltip } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { useMyReminders, useReminders } from '../../api/reminders.ts';
import { useAuth, useMe } from '../../auth/AuthContext.tsx';
import './reminders.css';

/** The header bell: how many items are overdue (the member's own, or the staff user's whole scope). */
export function OverdueBell() {
  const { t } = useTranslation();
  const me = useMe();
  const { can } = useAuth();
  const member = me.role === 'member';
  const staff = !member && can('member.read');
  const scope = useReminders({ horizonDays: 30 }, staff);
  const own = useMyReminders(30, member && me.memberId !== null);
  const data = member ? own.data : scope.data;
  if (!member && !staff) return null;
  const overdue = data?.overdue ?? 0;
  return (
    <Tooltip title={`${t('reminders.headerBadge')}${overdue ? `：${overdue}` : ''}`}>
      <Link to={member ? '/my' : '/reminders'} className="header-reminders header-icon-btn" aria-label={t('reminders.title')} data-testid="header-reminders">
        <Badge count={overdue} size="small" overflowCount={99} data-testid="header-overdue">
          <BellOutlined style={{ fontSize: 18 }} />
        </Badge>
      </Link>
    </Tooltip>
  );
}
