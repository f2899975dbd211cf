import { Card, Empty, Skeleton, Table, Typography } from 'antd';
import { lazy, Suspense, useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { percent } from './format.ts';

const CompositionChart = lazy(() => import('../CompositionChart.tsx'));

export interface BreakdownRow {
  key: string;
  name: string;
  value: number;
}

export interface BreakdownSpec {
  key: string;
  title: string;
  rows: BreakdownRow[];
  variant?: 'doughnut' | 'bar';
  /** Leave out empty buckets (long code lists such as domains). */
  hideZero?: boolean;
}

/** One breakdown: a chart with a small table (item, count, share) below it. */
export function BreakdownCard({ spec }: { spec: BreakdownSpec }) {
  const { t } = useTranslation();
  const total = spec.rows.reduce((s, r) => s + r.value, 0);
  const rows = useMemo(() => (spec.hideZero ? spec.rows.filter((r) => r.value > 0) : spec.rows), [spec]);
  const chartData = useMemo(() => rows.map((r) => ({ name: r.name, value: r.value })), [rows]);
  const hidden = rows.length < spec.rows.length;
  const chartHeight = spec.variant === 'bar' ? Math.max(160, rows.length * 30 + 24) : 200;
  return (
    <Card size="small" title={spec.title} className="inner-card" style={{ height: '100%' }} data-testid={`breakdown-${spec.key}`}>
      {total === 0 ? (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('statsPage.noData')} />
      ) : (
        <>
          <Suspense fallback={<Skeleton.Node active style={{ width: '100%', height: chartHeight }} />}>
            <CompositionChart data={chartData} height={chartHeight} variant={spec.variant} />
          </Suspense>
          <Table
            size="small"
            rowKey="key"
            style={{ marginTop: 8 }}
            pagination={false}
            dataSource={rows}
            columns={[
              { key: 'name', title: t('statsPage.colItem'), dataIndex: 'name' },
              { key: 'count', title: t('statsPage.colCount'), align: 'right', render: (_: unknown, r: BreakdownRow) => r.value.toLocaleString() },
              { key: 'percent', title: t('statsPage.colPercent'), align: 'right', render: (_: unknown, r: BreakdownRow) => percent(r.value, total) },
            ]}
            summary={() => (
              <Table.Summary.Row>
                <Table.Summary.Cell index={0}>
                  <Typography.Text strong>{t('statsPage.total')}</Typography.Text>
                </Table.Summary.Cell>
                <Table.Summary.Cell index={1} align="right">
                  <Typography.Text strong data-testid={`breakdown-${spec.key}-total`}>
                    {total.toLocaleString()}
                  </Typography.Text>
                </Table.Summary.Cell>
                <Table.Summary.Cell index={2} align="right">
                  100%
                </Table.Summary.Cell>
              </Table.Summary.Row>
            )}
          />
          {hidden && (
            <Typography.Text type="secondary" style={{ fontSize: 12, display: 'block', marginTop: 6 }}>
              {t('statsPage.zeroHidden')}
            </Typography.Text>
          )}
        </>
      )}
    </Card>
  );
}
