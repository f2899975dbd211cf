import { Button, Card, Tag, Timeline, Tooltip, Typography } from 'antd';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import type { SelfRecord, SelfSection } from '../../api/reminders.ts';

const TONE_TAG = { default: 'default', success: 'success', warning: 'warning', danger: 'error' } as const;
const TONE_TEXT = { default: undefined, success: 'success', warning: 'warning', danger: 'danger' } as const;

/** Label on the left, value on the right: a row that reads on a 390px screen (no table). */
export function InfoRow({ label, children, testId }: { label: ReactNode; children: ReactNode; testId?: string }) {
  return (
    <div className="my-row" data-testid={testId}>
      <span className="my-row-label">{label}</span>
      <span className="my-row-value">{children}</span>
    </div>
  );
}

/** A module's card on 「我的」 (dues, development, transfer…), drawn from its plain rows and dated entries. */
export function SectionCard({ s }: { s: SelfSection }) {
  const { t, i18n } = useTranslation();
  const en = i18n.language === 'en';
  return (
    <Card
      title={en ? s.titleEn : s.title}
      data-testid={`my-section-${s.key}`}
      extra={s.status ? <Tag color={TONE_TAG[s.status.tone]}>{en ? s.status.labelEn : s.status.label}</Tag> : undefined}
      actions={s.link ? [<Link key="open" to={s.link}>{t('common.view')}</Link>] : undefined}
    >
      <div className="my-rows">
        {s.rows.map((r) => (
          <InfoRow key={r.label} label={en ? r.labelEn : r.label}>
            <Typography.Text type={TONE_TEXT[r.tone]} strong={r.tone !== 'default'}>
              {r.value}
            </Typography.Text>
          </InfoRow>
        ))}
      </div>
      {s.items.length > 0 && (
        <Timeline
          style={{ marginTop: 16 }}
          items={s.items.map((it, i) => ({
            key: i,
            color: it.tone === 'danger' ? 'red' : it.tone === 'success' ? 'green' : it.tone === 'warning' ? 'orange' : 'gray',
            content: (
              <div>
                <div>{en ? it.titleEn : it.title}</div>
                <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                  {[it.date, it.status].filter(Boolean).join(' · ')}
                </Typography.Text>
              </div>
            ),
          }))}
        />
      )}
    </Card>
  );
}

/** 组织关系: the current organization with the ones above it, and the membership history. */
export function OrgRelationCard({ r }: { r: SelfRecord }) {
  const { t } = useTranslation();
  return (
    <Card title={t('my.orgRelation')} data-testid="my-org">
      <div className="my-rows">
        <InfoRow label={t('my.currentOrg')}>
          <Typography.Text strong>{r.org.name}</Typography.Text>
        </InfoRow>
      </div>
      {r.periods.length > 0 && (
        <>
          <Typography.Text strong>{t('my.history')}</Typography.Text>
          <Timeline
            style={{ marginTop: 12 }}
            items={r.periods.map((p, i) => ({
              key: i,
              color: p.to ? 'gray' : 'red',
              content: (
                <div data-testid="my-period">
                  <div>{p.orgName}</div>
                  <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                    {p.to ? t('my.period', { from: p.from, to: p.to }) : t('my.since', { date: p.from })}
                  </Typography.Text>
                </div>
              ),
            }))}
          />
        </>
      )}
    </Card>
  );
}

/** Requests a member makes: each opens its module's form, or is shown disabled until that module offers one. */
export interface MyAction {
  key: string;
  label: string;
  /** Opens the form; absent while the module offers none (the button shows disabled with a hint). */
  onClick?: (() => void) | undefined;
  /** Why it is disabled, when it is for a reason other than the module not offering it yet. */
  disabledReason?: string | undefined;
}

export function ActionsCard({ actions }: { actions: MyAction[] }) {
  const { t } = useTranslation();
  return (
    <Card title={t('my.actions')} data-testid="my-actions">
      <div className="my-actions">
        {actions.map((a) =>
          a.onClick ? (
            <Button key={a.key} block size="large" type="primary" ghost onClick={a.onClick} data-testid={`my-action-${a.key}`}>
              {a.label}
            </Button>
          ) : (
            <Tooltip key={a.key} title={a.disabledReason ?? t('my.notOpen')} trigger={['hover', 'click']}>
              <span>
                <Button block size="large" disabled data-testid={`my-action-${a.key}`}>
                  {a.label}
                </Button>
              </span>
            </Tooltip>
          ),
        )}
      </div>
    </Card>
  );
}

export function EmptyCard({ title, text, hint, testId }: { title: string; text: string; hint: string; testId: string }) {
  return (
    <Card title={title} data-testid={testId}>
      <Typography.Text>{text}</Typography.Text>
      {hint && (
        <Typography.Paragraph type="secondary" style={{ fontSize: 12, margin: '4px 0 0' }}>
          {hint}
        </Typography.Paragraph>
      )}
    </Card>
  );
}
