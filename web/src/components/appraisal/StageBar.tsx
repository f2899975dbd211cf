import { App, Button, Modal, Popconfirm, Space, Steps, Typography } from 'antd';
import { APPRAISAL_STATE } from '../../../../src/shared/enums.ts';
import { errorMessage } from '../../api/client.ts';
import { useTransition, type RoundDetail } from '../../api/appraisal.ts';
import { useLabel } from '../../labels.ts';
import { useAprText } from './text.ts';

/** The stages as steps, and the one button that moves the round on (publishing asks twice). */
export function StageBar({ round, writable }: { round: RoundDetail; writable: boolean }) {
  const tx = useAprText();
  const label = useLabel();
  const { message } = App.useApp();
  const move = useTransition(round.id);
  const current = APPRAISAL_STATE.values.indexOf(round.state);
  const next = round.nextState;
  const go = () =>
    next &&
    move.mutate({ to: next }, { onSuccess: () => void message.success(label(APPRAISAL_STATE, next)), onError: (err) => void message.error(errorMessage(err)) });
  const counts = { excellent: 0, qualified: 0, basic: 0, unqualified: 0 };
  for (const p of round.participantList) {
    if (p.grade === 'excellent') counts.excellent++;
    else if (p.grade === 'qualified') counts.qualified++;
    else if (p.grade === 'basically_qualified') counts.basic++;
    else if (p.grade === 'unqualified') counts.unqualified++;
  }
  const publish = () =>
    Modal.confirm({
      title: tx('publish'),
      content: (
        <Space orientation="vertical">
          <span>{tx('publishSummary', { ...counts, total: round.participants })}</span>
          <Typography.Text type="warning">{tx('publishConfirm')}</Typography.Text>
        </Space>
      ),
      okText: tx('publish'),
      cancelText: tx('cancel'),
      onOk: go,
    });
  return (
    <Space orientation="vertical" size={12} style={{ width: '100%', marginTop: 12 }}>
      <Steps size="small" current={current} responsive items={APPRAISAL_STATE.values.map((s) => ({ title: label(APPRAISAL_STATE, s) }))} />
      {writable && next && (
        <div>
          {next === 'published' ? (
            <Button type="primary" danger onClick={publish} loading={move.isPending} data-testid="advance">
              {tx('publish')}
            </Button>
          ) : (
            <Popconfirm title={tx('nextConfirm', { stage: label(APPRAISAL_STATE, next) })} onConfirm={go} okText={tx('save')} cancelText={tx('cancel')}>
              <Button type="primary" loading={move.isPending} data-testid="advance">
                {next === 'closed' ? tx('closeRound') : tx('next', { stage: label(APPRAISAL_STATE, next) })}
              </Button>
            </Popconfirm>
          )}
        </div>
      )}
      {!next && <Typography.Text type="secondary">{tx('finished')}</Typography.Text>}
    </Space>
  );
}
