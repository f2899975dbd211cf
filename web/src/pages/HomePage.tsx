import { ApartmentOutlined, AuditOutlined, RightOutlined, TeamOutlined, UsergroupAddOutlined } from '@ant-design/icons';
import { Card, Col, Row, Skeleton, Typography } from 'antd';
import dayjs from 'dayjs';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { ROLE } from '../../../src/shared/enums.ts';
import { useOrgDetail } from '../api/queries.ts';
import { useAuth, useMe } from '../auth/AuthContext.tsx';
import { OrgKindTag } from '../components/OrgKindTag.tsx';
import { OrgStats } from '../components/OrgStats.tsx';
import { QueryError } from '../components/QueryError.tsx';
import { useLabel } from '../labels.ts';

function Quick({ to, icon, title, desc, testId }: { to: string; icon: ReactNode; title: string; desc: string; testId: string }) {
  return (
    <Link to={to} className="quick-link" data-testid={testId}>
      <span className="quick-icon" aria-hidden>
        {icon}
      </span>
      <span className="quick-text">
        <span className="quick-title">{title}</span>
        <span className="quick-desc">{desc}</span>
      </span>
      <RightOutlined className="muted" />
    </Link>
  );
}

export default function HomePage() {
  const { t, i18n } = useTranslation();
  const me = useMe();
  const { can } = useAuth();
  const label = useLabel();
  const scope = useOrgDetail(me.orgId);
  const date = dayjs().format(i18n.language === 'en' ? 'dddd, D MMMM YYYY' : 'YYYY年M月D日 dddd');

  return (
    <div className="page" data-testid="home-page">
      <div className="welcome">
        <div>
          <Typography.Title level={3} className="page-title" data-testid="welcome-title">
            {t('home.greeting', { name: me.displayName })}
          </Typography.Title>
          <Typography.Text type="secondary">
            {t('home.roleLine', { role: label(ROLE, me.role), org: me.orgName })} · {t('home.today', { date })}
          </Typography.Text>
        </div>
      </div>

      {can('org.read') && (
        <Card
          className="page-card"
          title={t('home.scopeTitle')}
          extra={
            <Link to={`/orgs/${me.orgId}`}>
              {t('home.viewOrg')} <RightOutlined />
            </Link>
          }
        >
          {scope.isError ? (
            <QueryError error={scope.error} onRetry={() => void scope.refetch()} />
          ) : !scope.data ? (
            <Skeleton active paragraph={{ rows: 3 }} />
          ) : (
            <>
              <div className="scope-name">
                <Link to={`/orgs/${scope.data.id}`} className="scope-link">
                  {scope.data.name}
                </Link>
                <OrgKindTag kind={scope.data.kind} />
              </div>
              <OrgStats org={scope.data} />
            </>
          )}
        </Card>
      )}

      <Card className="page-card" title={t('home.quickTitle')}>
        <Row gutter={[16, 16]}>
          {can('org.read') && (
            <Col xs={24} md={12}>
              <Quick to={`/orgs/${me.orgId}?tab=children`} icon={<ApartmentOutlined />} title={t('home.quickOrg')} desc={t('home.quickOrgDesc')} testId="quick-org" />
            </Col>
          )}
          {can('member.read') && can('org.read') && (
            <Col xs={24} md={12}>
              <Quick to="/members" icon={<TeamOutlined />} title={t('home.quickMembers')} desc={t('home.quickMembersDesc')} testId="quick-members" />
            </Col>
          )}
          {can('audit.read') && (
            <Col xs={24} md={12}>
              <Quick to="/audit" icon={<AuditOutlined />} title={t('home.quickAudit')} desc={t('home.quickAuditDesc')} testId="quick-audit" />
            </Col>
          )}
          {can('user.manage') && (
            <Col xs={24} md={12}>
              <Quick to="/users" icon={<UsergroupAddOutlined />} title={t('home.quickUsers')} desc={t('home.quickUsersDesc')} testId="quick-users" />
            </Col>
          )}
        </Row>
      </Card>
    </div>
  );
}
