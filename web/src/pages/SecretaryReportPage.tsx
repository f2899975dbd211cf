import { ArrowLeftOutlined } from '@ant-design/icons';
import { Alert, App, Button, Card, Col, Empty, Input, Popconfirm, Row, Skeleton, Space, Table, Typography } from 'antd';

import { useEffect, useState } from 'react';
import { Link, useParams, useSearchParams } from 'react-router-dom';
import { errorMessage } from '../api/client.ts';
import { useCreateReport, useReportPage, useSaveReport, useSubmitReport, type Report } from '../api/secretaries.ts';
import { useAuth } from '../auth/AuthContext.tsx';
import { QueryError } from '../components/QueryError.tsx';
import { RatingTag, ReportStateTag } from '../components/secretaries/RatingTag.tsx';
import { RecordsPanel } from '../components/secretaries/RecordsPanel.tsx';
import { ReviewCard } from '../components/secretaries/ReviewCard.tsx';
import { useSecText } from '../components/secretaries/text.ts';

/** One organization's secretary report for a year: the text, the records gathered from every module, the review and the secretary's history. */
export default function SecretaryReportPage() {
  const tx = useSecText();
  const { can } = useAuth();
  const { message } = App.useApp();
  const orgId = Number(useParams().orgId);
  const [sp] = useSearchParams();
  const year = Number(sp.get('year')) || undefined;
  const q = useReportPage(orgId, year);
  const create = useCreateReport();
  if (q.isError) return <QueryError error={q.error} onRetry={() => void q.refetch()} />;
  if (!q.data) return <Skeleton active />;
  const { org, report, secretary, records, history, canRate } = q.data;
  const y = q.data.year;
  return (
    <Space orientation="vertical" size={16} style={{ width: '100%' }} data-testid="secretary-report-page">
      <Link to={`/secretary-reports?year=${y}`}>
        <ArrowLeftOutlined /> {tx('back')}
      </Link>
      <Space wrap align="center">
        <Typography.Title level={3} style={{ margin: 0 }}>
          {`${org.name} · ${y}`}
        </Typography.Title>
        {report && <ReportStateTag state={report.state} />}
        {report?.rating && <RatingTag rating={report.rating} />}
      </Space>
      {secretary && <Typography.Text type="secondary">{`${tx('secretary')}：${report?.holderName ?? secretary.holderName}（${secretary.since} 起）`}</Typography.Text>}
      <Row gutter={[16, 16]}>
        <Col xs={24} lg={14}>
          <Space orientation="vertical" size={16} style={{ width: '100%' }}>
            {report ? (
              <ReportCard report={report} canWrite={can('member.write')} />
            ) : (
              <Card>
                {secretary ? (
                  <Empty description={tx('noReport', { year: y })}>
                    {can('member.write') && (
                      <Button type="primary" loading={create.isPending} onClick={() => create.mutate({ orgId, year: y }, { onError: (e) => void message.error(errorMessage(e)) })} data-testid="create-report">
                        {tx('create')}
                      </Button>
                    )}
                  </Empty>
                ) : (
                  <Alert type="warning" showIcon title={tx('noSecretary', { year: y })} />
                )}
              </Card>
            )}
            {report && report.state !== 'draft' && <ReviewCard report={report} canRate={canRate} />}
            <Card size="small" title={tx('history')}>
              <Table
                rowKey="id"
                size="small"
                pagination={false}
                dataSource={history}
                locale={{ emptyText: tx('historyEmpty') }}
                columns={[
                  { title: tx('year'), dataIndex: 'year', key: 'year', width: 80, render: (v: number, r) => <Link to={`/secretary-reports/orgs/${r.orgId}?year=${v}`}>{v}</Link> },
                  { title: tx('orgName'), dataIndex: 'orgName', key: 'org' },
                  { title: tx('rating'), key: 'rating', width: 90, render: (_: unknown, r) => <RatingTag rating={r.rating} /> },
                ]}
              />
            </Card>
          </Space>
        </Col>
        <Col xs={24} lg={10}>
          <RecordsPanel records={records} />
        </Col>
      </Row>
    </Space>
  );
}

function ReportCard({ report, canWrite }: { report: Report; canWrite: boolean }) {
  const tx = useSecText();
  const { message } = App.useApp();
  const [text, setText] = useState(report.text);
  useEffect(() => setText(report.text), [report.text]);
  const save = useSaveReport(report.id);
  const submit = useSubmitReport(report.id);
  const draft = report.state === 'draft' && canWrite;
  const fail = (e: unknown) => void message.error(errorMessage(e));
  return (
    <Card size="small" title={tx('report')} extra={report.submittedOn && <Typography.Text type="secondary">{`${tx('submittedOn')} ${report.submittedOn}`}</Typography.Text>}>
      {draft ? (
        <Space orientation="vertical" style={{ width: '100%' }}>
          <Input.TextArea value={text} onChange={(e) => setText(e.target.value)} autoSize={{ minRows: 8, maxRows: 24 }} maxLength={20000} placeholder={tx('reportPlaceholder')} data-testid="report-text" />
          <Space wrap>
            <Button loading={save.isPending} onClick={() => save.mutate(text, { onSuccess: () => void message.success(tx('saved')), onError: fail })} data-testid="save-report">
              {tx('saveDraft')}
            </Button>
            <Popconfirm title={tx('submitConfirm')} onConfirm={() => save.mutateAsync(text).then(() => submit.mutate(undefined, { onError: fail }), fail)}>
              <Button type="primary" loading={submit.isPending} data-testid="submit-report">
                {tx('submit')}
              </Button>
            </Popconfirm>
          </Space>
        </Space>
      ) : (
        <Typography.Paragraph style={{ whiteSpace: 'pre-wrap', marginBottom: 0 }}>{report.text || '—'}</Typography.Paragraph>
      )}
    </Card>
  );
}

