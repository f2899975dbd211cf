import { Card, Col, Empty, Row, Skeleton, Typography } from 'antd';
import { lazy, Suspense, useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { AGE_BAND } from '../../../src/modules/statistics/statistics.codes.ts';
import { EDUCATION, GENDER, MEMBER_STATUS, ORG_DOMAIN } from '../../../src/shared/enums.ts';
import type { Label } from '../../../src/shared/enums.ts';
import { useOrgStatistics } from '../api/queries.ts';
import type { StatCount } from '../api/types.ts';
import { useCodeText } from '../labels.ts';
import { QueryError } from './QueryError.tsx';

const CompositionChart = lazy(() => import('./CompositionChart.tsx'));

interface ChartSpec {
  key: string;
  title: string;
  list: { table: Readonly<Record<string, Label>> };
  data: StatCount[];
  /** Drop empty buckets (long code lists like domains). */
  hideZero?: boolean;
}

/** Composition of the members and sub-organizations of a subtree, as small doughnut charts. */
export function OrgStatsPanel({ orgId }: { orgId: number }) {
  const { t } = useTranslation();
  const text = useCodeText();
  const q = useOrgStatistics(orgId);

  const specs = useMemo<ChartSpec[]>(() => {
    if (!q.data) return [];
    const m = q.data.members;
    return [
      { key: 'gender', title: t('stats.gender'), list: GENDER, data: m.byGender },
      { key: 'age', title: t('stats.age'), list: AGE_BAND, data: m.byAgeBand },
      { key: 'education', title: t('stats.education'), list: EDUCATION, data: m.byEducation },
      { key: 'status', title: t('stats.status'), list: MEMBER_STATUS, data: m.byStatus },
      { key: 'domain', title: t('stats.domain'), list: ORG_DOMAIN, data: q.data.organizations.byDomain, hideZero: true },
    ];
  }, [q.data, t]);

  if (q.isError) return <QueryError error={q.error} onRetry={() => void q.refetch()} />;
  if (!q.data) return <Skeleton active paragraph={{ rows: 6 }} />;
  if (q.data.members.total === 0 && q.data.organizations.total <= 1) return <Empty description={t('stats.empty')} />;

  return (
    <div data-testid="org-stats">
      <Typography.Paragraph type="secondary" className="stats-asof">
        {t('stats.asOf', { date: q.data.asOf, members: q.data.members.total.toLocaleString(), orgs: q.data.organizations.total.toLocaleString() })}
      </Typography.Paragraph>
      <Row gutter={[16, 16]}>
        {specs.map((s) => {
          const data = s.data.filter((c) => !s.hideZero || c.count > 0).map((c) => ({ name: text(s.list, c.code), value: c.count }));
          return (
            <Col xs={24} md={12} xl={8} key={s.key}>
              <Card size="small" title={s.title} className="inner-card">
                {data.every((d) => d.value === 0) ? (
                  <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('stats.none')} />
                ) : (
                  <Suspense fallback={<Skeleton.Node active style={{ width: '100%', height: 200 }} />}>
                    <CompositionChart data={data} height={200} />
                  </Suspense>
                )}
              </Card>
            </Col>
          );
        })}
      </Row>
    </div>
  );
}
