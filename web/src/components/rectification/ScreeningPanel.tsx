import { SearchOutlined } from '@ant-design/icons';
import { Alert, App, Button, Card, Empty, Popconfirm, Progress, Space, Table, Tag, Typography } from 'antd';
import type { TableColumnsType } from 'antd';
import dayjs from 'dayjs';
import { useState } from 'react';
import { Link } from 'react-router-dom';
import { errorMessage } from '../../api/client.ts';
import { useConfirm, useContinueScreening, useCriteria, useRunScreening, useScreenings, type Candidate, type Screening } from '../../api/rectification.ts';
import { QueryError } from '../QueryError.tsx';
import { EvidenceList } from './EvidenceList.tsx';
import { useRectText } from './text.ts';

/** Run a screening of the subtree (stepping with a progress bar), see the candidates with their reasons and records, confirm them into the list. */
export function ScreeningPanel({ orgId, orgName, year, canWrite }: { orgId: number; orgName: string; year: number; canWrite: boolean }) {
  const tx = useRectText();
  const { message } = App.useApp();
  const list = useScreenings(orgId, year);
  const criteria = useCriteria();
  const [progress, setProgress] = useState<Screening | null>(null);
  const run = useRunScreening(orgId, setProgress);
  const resume = useContinueScreening(setProgress);
  const s = progress?.orgId === orgId && progress.year === year && (run.isPending || resume.isPending) ? progress : (list.data?.latest ?? null);
  const confirm = useConfirm(s?.id ?? 0);
  const [selected, setSelected] = useState<number[]>([]);
  const busy = run.isPending || resume.isPending;

  const start = () =>
    run.mutate(year, {
      onError: (err) => void message.error(errorMessage(err)),
      onSuccess: () => setSelected([]),
    });
  const doConfirm = () =>
    confirm.mutate(selected, {
      onSuccess: (r) => {
        setSelected([]);
        void message.success(tx('saved') + `（${r.created}）`);
      },
      onError: (err) => void message.error(errorMessage(err)),
    });

  const columns: TableColumnsType<Candidate> = [
    { title: tx('orgName'), key: 'org', width: 220, render: (_: unknown, c) => <Link to={`/rectification/orgs/${c.orgId}?year=${year}`}>{c.orgName}</Link> },
    {
      title: tx('reasons'),
      key: 'hits',
      render: (_: unknown, c) => (
        <Space orientation="vertical" size={4} style={{ width: '100%' }}>
          {c.hits.map((h) => (
            <div key={h.key}>
              <Typography.Text strong>{h.description}</Typography.Text>
              <Typography.Text type="secondary">{`：${h.display}`}</Typography.Text>
              <EvidenceList items={h.evidence} total={h.evidenceTotal} more={(shown, total) => tx('evidenceMore', { shown, total })} />
            </div>
          ))}
          {c.notEvaluated.length > 0 && <Typography.Text type="secondary">{`${tx('notEvaluated')}：${c.notEvaluated.map((n) => n.description).join('、')}`}</Typography.Text>}
        </Space>
      ),
    },
    { title: tx('state'), key: 'listed', width: 100, render: (_: unknown, c) => (c.listed && c.listed.state !== 'removed' ? <Tag color="red">{tx('listed')}</Tag> : '—') },
  ];

  if (list.isError) return <QueryError error={list.error} onRetry={() => void list.refetch()} />;
  return (
    <Space orientation="vertical" size={12} style={{ width: '100%' }}>
      <Card size="small" title={tx('criteria')}>
        <Typography.Paragraph type="secondary" style={{ marginBottom: 8 }}>
          {tx('criteriaHint')}
        </Typography.Paragraph>
        <Space wrap size={[8, 8]} data-testid="criteria">
          {(criteria.data?.items ?? []).map((c) => (
            <Tag key={c.key} color={c.indicatorName ? 'blue' : 'default'} title={c.source ?? ''} style={{ whiteSpace: 'normal' }}>
              {c.description}
              {!c.indicatorName && `（${tx('notRegistered')}）`}
            </Tag>
          ))}
        </Space>
      </Card>
      <Card size="small">
        <Space wrap style={{ width: '100%', justifyContent: 'space-between' }}>
          <Typography.Text type="secondary">
            {s ? `${tx('lastRun', { at: dayjs(s.createdAt).format('YYYY-MM-DD HH:mm'), by: s.createdByName, total: s.total, count: s.candidates.length })}；${tx('period', { from: s.from, to: s.to })}` : tx('noScreening')}
          </Typography.Text>
          {canWrite && (
            <Space>
              {s?.state === 'running' && !busy && <Button onClick={() => resume.mutate(s.id)}>{tx('continueRun')}</Button>}
              <Popconfirm title={tx('runConfirm', { org: orgName })} okText={tx('ok')} cancelText={tx('cancel')} onConfirm={start}>
                <Button type="primary" icon={<SearchOutlined />} loading={busy} data-testid="run-screening">
                  {tx('runScreening')}
                </Button>
              </Popconfirm>
            </Space>
          )}
        </Space>
        {s && s.state === 'running' && (
          <div style={{ marginTop: 12 }} data-testid="screening-progress">
            <Progress percent={s.total ? Math.round((s.done / s.total) * 100) : 0} status="active" strokeColor="#c8161d" />
            <Typography.Text type="secondary">{tx('progress', { done: s.done, total: s.total })}</Typography.Text>
          </div>
        )}
      </Card>
      {s && s.notEvaluated.length > 0 && (
        <Alert
          type="warning"
          showIcon
          title={tx('notEvaluatedHint')}
          description={
            <ul style={{ margin: 0, paddingLeft: 18 }} data-testid="not-evaluated">
              {s.notEvaluated.map((n) => (
                <li key={n.key}>{`${n.description} — ${tx('orgsCount', { count: n.orgs })}：${n.reasons[0] ?? ''}`}</li>
              ))}
            </ul>
          }
        />
      )}
      {s ? (
        <Card
          size="small"
          title={`${tx('candidates')}（${s.candidates.length}）`}
          extra={
            canWrite && (
              <Popconfirm title={tx('confirmListing', { count: selected.length, year })} okText={tx('ok')} cancelText={tx('cancel')} onConfirm={doConfirm} disabled={selected.length === 0}>
                <Button type="primary" danger disabled={selected.length === 0} loading={confirm.isPending} data-testid="confirm-candidates">
                  {tx('confirmSelected', { count: selected.length })}
                </Button>
              </Popconfirm>
            )
          }
        >
          <Table
            rowKey="orgId"
            size="small"
            columns={columns}
            dataSource={s.candidates}
            pagination={s.candidates.length > 20 ? { pageSize: 20 } : false}
            scroll={{ x: 'max-content' }}
            rowSelection={canWrite ? { selectedRowKeys: selected, onChange: (keys) => setSelected(keys as number[]), getCheckboxProps: (c) => ({ disabled: !!c.listed && c.listed.state !== 'removed' }) } : undefined}
            locale={{ emptyText: <Empty description={tx('noCandidates')} /> }}
          />
        </Card>
      ) : (
        !list.isPending && <Empty description={<Space orientation="vertical" size={2}><span>{tx('noScreening')}</span><Typography.Text type="secondary">{tx('noScreeningHint')}</Typography.Text></Space>} />
      )}
    </Space>
  );
}
