import { ArrowLeftOutlined } from '@ant-design/icons';
import { Alert, Card, Col, Descriptions, Grid, Row, Skeleton, Space, Steps, Tag, Typography } from 'antd';
import { Link, useParams } from 'react-router-dom';
import { DEV_CASE_STATUS, DEV_CLOSE_KIND, DEV_STAGE, EDUCATION, GENDER } from '../../../src/shared/enums.ts';
import { useDevCase } from '../api/development.ts';
import { useAuth } from '../auth/AuthContext.tsx';
import { CaseActions } from '../components/development/CaseActions.tsx';
import { StepForm } from '../components/development/StepForm.tsx';
import { StepTimeline } from '../components/development/StepTimeline.tsx';
import { useDevText } from '../components/development/text.ts';
import { QueryError } from '../components/QueryError.tsx';
import { useLabel } from '../labels.ts';

/** One development case: the applicant, the five stages, the timeline of steps, and the form for the next step. */
export default function DevelopmentCasePage() {
  const tx = useDevText();
  const label = useLabel();
  const { can } = useAuth();
  const isPhone = !Grid.useBreakpoint().md;
  const id = Number(useParams().id) || 0;
  const q = useDevCase(id);
  const back = (
    <Link to="/development" data-testid="dev-back">
      <ArrowLeftOutlined /> {tx('back')}
    </Link>
  );
  if (q.isError) return <div className="page">{back}<QueryError error={q.error} onRetry={() => void q.refetch()} /></div>;
  if (!q.data) return <div className="page"><Skeleton active /></div>;
  const c = q.data;
  const stageIndex = DEV_STAGE.values.indexOf(c.stage);
  return (
    <div className="page" data-testid="development-case-page">
      <div className="page-head">
        {back}
        <Typography.Title level={3} className="page-title" data-testid="dev-case-name">
          {c.name}{' '}
          <Tag color={c.status === 'open' ? 'processing' : c.status === 'completed' ? 'success' : 'default'} data-testid="dev-case-status">
            {label(DEV_CASE_STATUS, c.status)}
          </Tag>
          <Tag color="red" data-testid="dev-case-stage">{label(DEV_STAGE, c.stage)}</Tag>
        </Typography.Title>
      </div>
      <Card className="page-card" style={{ marginBottom: 16 }}>
        <Steps
          size="small"
          orientation={isPhone ? 'vertical' : 'horizontal'}
          current={c.status === 'completed' ? DEV_STAGE.values.length : stageIndex}
          status={c.status === 'closed' ? 'error' : undefined}
          items={DEV_STAGE.values.map((s) => ({ title: label(DEV_STAGE, s) }))}
          data-testid="dev-stage-steps"
        />
      </Card>
      {c.status === 'closed' && (
        <Alert type="warning" showIcon style={{ marginBottom: 16 }} title={tx('closedInfo', { date: c.closedOn ?? '', kind: label(DEV_CLOSE_KIND, c.closeKind), reason: c.closeReason ?? '' })} />
      )}
      <Row gutter={[16, 16]}>
        <Col xs={24} lg={14}>
          {c.next && can('member.write') && (
            <Card className="page-card" title={tx('recordNext')} style={{ marginBottom: 16 }}>
              <StepForm key={c.next.step} c={c} />
            </Card>
          )}
          <Card className="page-card" title={tx('timeline')}>
            <StepTimeline c={c} />
          </Card>
        </Col>
        <Col xs={24} lg={10}>
          <Card className="page-card" title={tx('applicant')} extra={can('member.write') ? <CaseActions c={c} /> : undefined}>
            <Descriptions column={1} size="small" bordered styles={{ label: { width: 130 } }} data-testid="dev-case-info">
              <Descriptions.Item label={tx('gender')}>{label(GENDER, c.gender)}</Descriptions.Item>
              <Descriptions.Item label={tx('birthDate')}>{c.birthDate}</Descriptions.Item>
              <Descriptions.Item label={tx('idNumber')}><span className="mono">{c.idNumberMasked}</span></Descriptions.Item>
              <Descriptions.Item label={tx('education')}>{label(EDUCATION, c.education)}</Descriptions.Item>
              <Descriptions.Item label={tx('league')}>{c.isLeagueMember ? tx('yes') : tx('no')}</Descriptions.Item>
              <Descriptions.Item label={tx('workUnit')}>{c.workUnit ?? '—'}</Descriptions.Item>
              <Descriptions.Item label={tx('phone')}>{c.phone ?? '—'}</Descriptions.Item>
              <Descriptions.Item label={tx('appliedOn')}>{c.appliedOn}</Descriptions.Item>
              <Descriptions.Item label={tx('org')}>{c.orgName}</Descriptions.Item>
              <Descriptions.Item label={tx('trainingOrg')}>{c.trainingOrgName ?? '—'}</Descriptions.Item>
              {c.probationEndOn && (
                <Descriptions.Item label={tx('probationEnd')}>
                  <Space size={4}>
                    <span data-testid="dev-probation-end">{c.probationEndOn}</span>
                    {c.probationExtensionMonths !== null && <Tag color="orange">{tx('extension')} {tx('months', { count: c.probationExtensionMonths })}</Tag>}
                  </Space>
                </Descriptions.Item>
              )}
              {c.memberId !== null && (
                <Descriptions.Item label={tx('member')}>
                  <Link to={`/members?q=${encodeURIComponent(c.name)}`} data-testid="dev-member-link">{tx('viewMember')}</Link>
                </Descriptions.Item>
              )}
            </Descriptions>
          </Card>
        </Col>
      </Row>
    </div>
  );
}
