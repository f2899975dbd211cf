import { Empty, Segmented, Skeleton, Space, Table, Typography } from 'antd';
import { lazy, Suspense, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { GRADUATE_EDUCATION } from '../../../../src/modules/statistics/statistics.codes.ts';
import { EDUCATION, ORG_LEVEL } from '../../../../src/shared/enums.ts';
import { useRollup, type Rollup, type RollupLevel } from '../../api/rollup.ts';
import { useCodeText } from '../../labels.ts';
import { QueryError } from '../QueryError.tsx';

const RollupChart = lazy(() => import('./RollupChart.tsx'));

const LEVELS: RollupLevel[] = ['province', 'city', 'county', 'township'];

/** The levels below an organization's own that a roll-up can group by (a county: its townships). */
export function rollupLevelsBelow(level: string | undefined): RollupLevel[] {
  const i = LEVELS.indexOf(level as RollupLevel);
  return i < 0 ? [] : LEVELS.slice(i + 1);
}

type Row = Rollup['rows'][number];

/** Chart labels without what every name shares (中共嘉兴市南湖区…委员会 → 大桥镇). */
function shortNames(names: string[]): string[] {
  if (names.length < 2) return names;
  const common = (a: string, b: string) => {
    const x = [...a];
    const y = [...b];
    let i = 0;
    while (i < x.length && i < y.length && x[i] === y[i]) i++;
    return x.slice(0, i).join('');
  };
  const prefix = names.reduce((p, n) => common(p, n));
  const suffixes = ['工作委员会', '委员会'];
  return names.map((n) => {
    let s = n.slice(prefix.length);
    for (const suf of suffixes) if (s.endsWith(suf) && s.length > suf.length) s = s.slice(0, -suf.length);
    return s || n;
  });
}
const count = (list: { code: string; count: number }[], codes: readonly string[]) => list.filter((c) => codes.includes(c.code)).reduce((s, c) => s + c.count, 0);
const pct = (n: number, d: number) => (d ? `${((n / d) * 100).toFixed(1)}%` : '—');

/**
 * 各县（乡镇）党员构成: current members of every county or township below the organization,
 * as a table (sortable) and a stacked chart by education. Figures are today's (pre-aggregated).
 */
export function RollupSection({ orgId, orgLevel }: { orgId: number; orgLevel: string | undefined }) {
  const { t } = useTranslation();
  const text = useCodeText();
  const levels = rollupLevelsBelow(orgLevel);
  const [chosen, setChosen] = useState<RollupLevel | null>(null);
  const level = chosen && levels.includes(chosen) ? chosen : (levels.find((l) => l === 'county') ?? levels[0] ?? null);
  const q = useRollup(orgId, level);
  const levelName = (l: RollupLevel) => text(ORG_LEVEL, l);

  const chart = useMemo(() => {
    const rows = [...(q.data?.rows.filter((r) => r.total > 0) ?? [])].sort((a, b) => b.total - a.total);
    return {
      names: shortNames(rows.map((r) => r.name)),
      series: EDUCATION.values.map((e) => ({ name: text(EDUCATION, e), values: rows.map((r) => r.byEducation.find((c) => c.code === e)?.count ?? 0) })),
    };
  }, [q.data, text]);

  if (!level) return null;
  const columns = [
    { title: t('rollup.colName'), dataIndex: 'name', key: 'name', render: (name: string, r: Row) => <Link to={`/orgs/${r.id}/stats`}>{name}</Link> },
    { title: t('rollup.colMembers'), dataIndex: 'total', key: 'total', align: 'right' as const, sorter: (a: Row, b: Row) => a.total - b.total, defaultSortOrder: 'descend' as const },
    { title: t('rollup.colFemale'), key: 'female', align: 'right' as const, render: (_: unknown, r: Row) => pct(count(r.byGender, ['female']), r.total), sorter: (a: Row, b: Row) => count(a.byGender, ['female']) / (a.total || 1) - count(b.byGender, ['female']) / (b.total || 1) },
    { title: t('rollup.colGraduate'), key: 'graduate', align: 'right' as const, render: (_: unknown, r: Row) => pct(count(r.byEducation, GRADUATE_EDUCATION), r.total), sorter: (a: Row, b: Row) => count(a.byEducation, GRADUATE_EDUCATION) / (a.total || 1) - count(b.byEducation, GRADUATE_EDUCATION) / (b.total || 1) },
    { title: t('rollup.colProbationary'), key: 'probationary', align: 'right' as const, render: (_: unknown, r: Row) => count(r.byStatus, ['probationary']) },
  ];
  return (
    <section data-testid="rollup-section">
      <Space wrap align="center" style={{ margin: '24px 0 12px' }}>
        <Typography.Title level={4} style={{ margin: 0 }}>
          {t('rollup.title', { level: levelName(level) })}
        </Typography.Title>
        {levels.length > 1 && <Segmented size="small" value={level} onChange={(v) => setChosen(v as RollupLevel)} options={levels.map((l) => ({ value: l, label: levelName(l) }))} />}
      </Space>
      <Typography.Paragraph type="secondary" style={{ fontSize: 12 }}>
        {t('rollup.hint')}
      </Typography.Paragraph>
      {q.isError ? (
        <QueryError error={q.error} onRetry={() => void q.refetch()} />
      ) : !q.data ? (
        <Skeleton active paragraph={{ rows: 4 }} />
      ) : q.data.rows.length === 0 ? (
        <Empty description={t('rollup.empty', { level: levelName(level) })} />
      ) : (
        <>
          {chart.names.length > 0 && (
            <Suspense fallback={<Skeleton active />}>
              <RollupChart names={chart.names} series={chart.series} height={Math.min(80 + chart.names.length * 28, 640)} />
            </Suspense>
          )}
          <Table<Row> size="small" rowKey="id" columns={columns} dataSource={q.data.rows} pagination={q.data.rows.length > 20 ? { pageSize: 20, showSizeChanger: false } : false} scroll={{ x: 'max-content' }} />
        </>
      )}
    </section>
  );
}
