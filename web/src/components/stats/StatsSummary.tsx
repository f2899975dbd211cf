import { ApartmentOutlined, CheckCircleOutlined, ClockCircleOutlined, TeamOutlined } from '@ant-design/icons';
import { Col, Row } from 'antd';
import { useTranslation } from 'react-i18next';
import { StatCard, type StatCardProps } from '../StatCard.tsx';
import type { OrgStatistics } from '../../api/types.ts';
import { percent } from './format.ts';

/** Headline numbers of a statistics reply: organizations, members, full and probationary members. */
export function StatsSummary({ stats }: { stats: OrgStatistics }) {
  const { t } = useTranslation();
  const m = stats.members;
  const count = (code: string) => m.byStatus.find((c) => c.code === code)?.count ?? 0;
  const full = count('full');
  const probationary = count('probationary');
  const cards: (Omit<StatCardProps, 'testId'> & { key: string })[] = [
    { key: 'orgs', title: t('statsPage.orgs'), value: stats.organizations.total, hint: t('statsPage.orgsHint'), icon: <ApartmentOutlined />, tone: 'red' },
    { key: 'members', title: t('statsPage.members'), value: m.total, hint: t('statsPage.membersHint'), icon: <TeamOutlined />, tone: 'orange' },
    { key: 'full', title: t('statsPage.full'), value: full, hint: t('statsPage.ofMembers', { percent: percent(full, m.total) }), icon: <CheckCircleOutlined />, tone: 'blue' },
    { key: 'probationary', title: t('statsPage.probationary'), value: probationary, hint: t('statsPage.ofMembers', { percent: percent(probationary, m.total) }), icon: <ClockCircleOutlined />, tone: 'blue' },
  ];
  return (
    <Row gutter={[{ xs: 8, sm: 16 }, { xs: 8, sm: 16 }]}>
      {cards.map((c) => (
        <Col xs={12} lg={6} key={c.key}>
          <StatCard testId={`stats-${c.key}`} title={c.title} value={c.value} hint={c.hint} icon={c.icon} tone={c.tone} />
        </Col>
      ))}
    </Row>
  );
}
