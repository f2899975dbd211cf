import { ApartmentOutlined, TeamOutlined, UserOutlined } from '@ant-design/icons';
import { Col, Row } from 'antd';
import { useTranslation } from 'react-i18next';
import { StatCard, type StatCardProps } from './StatCard.tsx';
import type { OrgDetail } from '../api/types.ts';

/** The three headline numbers of an organization. */
export function OrgStats({ org }: { org: OrgDetail }) {
  const { t } = useTranslation();
  const cards: (Omit<StatCardProps, 'testId'> & { key: string })[] = [
    { key: 'subOrgs', title: t('org.subOrgs'), value: Math.max(0, org.subtreeOrgCount - 1), hint: t('org.subOrgsHint', { count: org.childCount }), icon: <ApartmentOutlined />, tone: 'red' },
    { key: 'members', title: t('org.members'), value: org.subtreeMemberCount, hint: t('org.membersHint'), icon: <TeamOutlined />, tone: 'orange' },
    { key: 'directMembers', title: t('org.directMembers'), value: org.directMemberCount, hint: t('org.directMembersHint'), icon: <UserOutlined />, tone: 'blue' },
  ];
  return (
    <Row gutter={[{ xs: 8, sm: 16 }, 16]}>
      {cards.map((c) => (
        <Col xs={8} key={c.key}>
          <StatCard testId={`stat-${c.key}`} title={c.title} value={c.value} hint={c.hint} icon={c.icon} tone={c.tone} />
        </Col>
      ))}
    </Row>
  );
}
