import { Card, Col, Empty, Progress, Row, Table, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { ORG_DOMAIN, UNIT_KIND } from '../../../../src/shared/enums.ts';
import type { OrgStatistics } from '../../api/types.ts';
import { useLabel } from '../../labels.ts';

type Coverage = OrgStatistics['coverage'];
type UnitRow = Coverage['unitsWithoutOrg']['items'][number];
type VillageRow = Coverage['villagesWithoutGraduate']['items'][number];

const PAGE = 10;

function UnitsWithoutOrg({ data }: { data: Coverage['unitsWithoutOrg'] }) {
  const { t } = useTranslation();
  const label = useLabel();
  return (
    <Card size="small" className="inner-card" title={t('statsPage.unitsWithoutOrg')} style={{ height: '100%' }} data-testid="coverage-units">
      {data.total === 0 ? (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('statsPage.unitsWithoutOrgEmpty')} />
      ) : (
        <>
          <Typography.Paragraph>
            {t('statsPage.unitsWithoutOrgSummary', { units: data.total.toLocaleString(), members: data.members.toLocaleString() })}
            {data.items.length < data.total && <Typography.Text type="secondary">{t('statsPage.unitsShown', { count: data.items.length })}</Typography.Text>}
          </Typography.Paragraph>
          <Table
            size="small"
            rowKey="id"
            dataSource={data.items}
            scroll={{ x: 'max-content' }}
            pagination={data.items.length > PAGE ? { pageSize: PAGE, showSizeChanger: false, size: 'small' } : false}
            columns={[
              { key: 'name', title: t('statsPage.colUnit'), dataIndex: 'name' },
              { key: 'kind', title: t('statsPage.colUnitKind'), render: (_: unknown, u: UnitRow) => label(UNIT_KIND, u.kind) },
              { key: 'org', title: t('statsPage.colResponsible'), render: (_: unknown, u: UnitRow) => <Link to={`/orgs/${u.orgId}`}>{u.orgName}</Link> },
              { key: 'members', title: t('statsPage.colMembers'), align: 'right', render: (_: unknown, u: UnitRow) => u.members.toLocaleString() },
            ]}
          />
        </>
      )}
    </Card>
  );
}

function VillagesWithoutGraduate({ data }: { data: Coverage['villagesWithoutGraduate'] }) {
  const { t } = useTranslation();
  const label = useLabel();
  const rate = data.rate === null ? '—' : `${(data.rate * 100).toFixed(1)}%`;
  return (
    <Card size="small" className="inner-card" title={t('statsPage.villages')} style={{ height: '100%' }} data-testid="coverage-villages">
      {data.villages === 0 ? (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('statsPage.villagesNone')} />
      ) : (
        <>
          <Typography.Paragraph style={{ marginBottom: 8 }}>{t('statsPage.villagesSummary', { villages: data.villages, covered: data.covered, rate })}</Typography.Paragraph>
          <Progress percent={Math.round((data.rate ?? 0) * 1000) / 10} strokeColor={data.lacking === 0 ? '#52c41a' : '#faad14'} />
          {data.lacking === 0 ? (
            <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('statsPage.villagesAllCovered')} />
          ) : (
            <>
              <Typography.Paragraph type="secondary" style={{ margin: '8px 0' }}>
                {t('statsPage.villagesLacking', { count: data.lacking })}
              </Typography.Paragraph>
              <Table
                size="small"
                rowKey="id"
                dataSource={data.items}
                scroll={{ x: 'max-content' }}
                pagination={data.items.length > PAGE ? { pageSize: PAGE, showSizeChanger: false, size: 'small' } : false}
                columns={[
                  { key: 'name', title: t('statsPage.colVillage'), render: (_: unknown, v: VillageRow) => <Link to={`/orgs/${v.id}`}>{v.name}</Link> },
                  { key: 'domain', title: t('statsPage.colDomain'), render: (_: unknown, v: VillageRow) => label(ORG_DOMAIN, v.domain) },
                  { key: 'members', title: t('statsPage.colMembers'), align: 'right', render: (_: unknown, v: VillageRow) => v.members.toLocaleString() },
                ]}
              />
            </>
          )}
        </>
      )}
    </Card>
  );
}

/** Units without a Party organization, and villages/communities without a college-graduate member. */
export function CoverageSection({ coverage }: { coverage: Coverage }) {
  return (
    <Row gutter={[16, 16]}>
      <Col xs={24} xl={12}>
        <UnitsWithoutOrg data={coverage.unitsWithoutOrg} />
      </Col>
      <Col xs={24} xl={12}>
        <VillagesWithoutGraduate data={coverage.villagesWithoutGraduate} />
      </Col>
    </Row>
  );
}
