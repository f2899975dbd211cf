import { SearchOutlined } from '@ant-design/icons';
import { Button, Card, DatePicker, Empty, Form, Input, Select, Table, Tag, Typography } from 'antd';
import type { TableColumnsType } from 'antd';
import type { Dayjs } from 'dayjs';
import dayjs from 'dayjs';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { useAudit, type AuditFilter } from '../api/queries.ts';
import type { AuditItem } from '../api/types.ts';
import { QueryError } from '../components/QueryError.tsx';
import { ROLE } from '../../../src/shared/enums.ts';
import zhCN from '../i18n/zh-CN.ts';
import { useLabel } from '../labels.ts';

type ActionCode = keyof typeof zhCN.audit.actions;
type EntityCode = keyof typeof zhCN.audit.entities;
type FieldCode = keyof typeof zhCN.audit.fields;
const ACTION_CODES = Object.keys(zhCN.audit.actions) as ActionCode[];

const ACTION_COLORS: Partial<Record<string, string>> = {
  'auth.login': 'green',
  'auth.loginFailed': 'orange',
  'auth.lockout': 'red',
  'auth.passwordChanged': 'blue',
  'user.resetPassword': 'purple',
  'member.revealIdNumber': 'magenta',
  'user.create': 'cyan',
  'user.update': 'geekblue',
};

function useAuditLabels() {
  const { t } = useTranslation();
  return {
    action: (code: string) => (code in zhCN.audit.actions ? t(`audit.actions.${code as ActionCode}`) : code),
    entity: (code: string) => (code in zhCN.audit.entities ? t(`audit.entities.${code as EntityCode}`) : code),
    field: (code: string) => (code in zhCN.audit.fields ? t(`audit.fields.${code as FieldCode}`) : code),
  };
}

function show(v: unknown): string {
  if (v === undefined) return '';
  if (v === null) return '—';
  if (typeof v === 'string') return v;
  return JSON.stringify(v);
}

/** Field values in words where the code is known (roles, languages, yes/no); else the raw value. */
function useValueText() {
  const { t } = useTranslation();
  const label = useLabel();
  return (field: string, v: unknown): string => {
    if (v === undefined) return '';
    if (typeof v === 'boolean') return v ? t('common.yes') : t('common.no');
    if (field === 'role' && typeof v === 'string' && v in ROLE.table) return `${label(ROLE, v as keyof typeof ROLE.table)}（${v}）`;
    if (field === 'locale' && (v === 'zh-CN' || v === 'en')) return v === 'en' ? 'English' : '简体中文';
    return show(v);
  };
}

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** Before/after side by side, one row per field, changed fields marked. */
function AuditDiff({ item }: { item: AuditItem }) {
  const { t } = useTranslation();
  const labels = useAuditLabels();
  const valueText = useValueText();
  const before = item.before;
  const after = item.after;
  const meta = (
    <div className="audit-meta">
      <span>
        {t('audit.ip')}：<span className="mono">{item.ip ?? '—'}</span>
      </span>
      <span>
        {t('audit.requestId')}：<span className="mono">{item.requestId ?? '—'}</span>
      </span>
    </div>
  );
  if ((before === null || before === undefined) && (after === null || after === undefined)) {
    return (
      <div className="audit-detail">
        <Typography.Text type="secondary">{t('audit.noDetail')}</Typography.Text>
        {meta}
      </div>
    );
  }
  if (isRecord(before ?? {}) && isRecord(after ?? {})) {
    const b = (before ?? {}) as Record<string, unknown>;
    const a = (after ?? {}) as Record<string, unknown>;
    const keys = [...new Set([...Object.keys(b), ...Object.keys(a)])];
    const rows = keys.map((k) => ({ k, b: valueText(k, b[k]), a: valueText(k, a[k]), changed: before !== null && before !== undefined && show(b[k]) !== show(a[k]) }));
    return (
      <div className="audit-detail">
        <table className="audit-diff">
          <thead>
            <tr>
              <th>{t('audit.field')}</th>
              <th>{t('audit.before')}</th>
              <th>{t('audit.after')}</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((r) => (
              <tr key={r.k} className={r.changed ? 'changed' : undefined}>
                <td>
                  {labels.field(r.k)} <span className="mono muted">{r.k}</span>
                </td>
                <td className="mono">{r.b || '—'}</td>
                <td className="mono">
                  {r.a || '—'} {r.changed && <Tag color="gold">{t('audit.changed')}</Tag>}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
        {meta}
      </div>
    );
  }
  return (
    <div className="audit-detail">
      <div className="audit-json">
        <div>
          <div className="audit-json-head">{t('audit.before')}</div>
          <pre>{JSON.stringify(before, null, 2)}</pre>
        </div>
        <div>
          <div className="audit-json-head">{t('audit.after')}</div>
          <pre>{JSON.stringify(after, null, 2)}</pre>
        </div>
      </div>
      {meta}
    </div>
  );
}

interface FilterForm {
  action?: string;
  actor?: string;
  range?: [Dayjs | null, Dayjs | null] | null;
}

const EMPTY: AuditFilter = { action: '', actor: '', from: '', to: '' };

export default function AuditPage() {
  const { t } = useTranslation();
  const labels = useAuditLabels();
  const [form] = Form.useForm<FilterForm>();
  const [filter, setFilter] = useState<AuditFilter>(EMPTY);
  const q = useAudit(filter);
  const rows = useMemo(() => q.data?.pages.flatMap((p) => p.items) ?? [], [q.data]);
  const filtered = filter.action !== '' || filter.actor !== '' || filter.from !== '' || filter.to !== '';

  const apply = (v: FilterForm) => {
    const [start, end] = v.range ?? [null, null];
    setFilter({
      action: v.action ?? '',
      actor: (v.actor ?? '').trim(),
      from: start ? start.format('YYYY-MM-DD') : '',
      // The API's "to" is exclusive: the day after the last chosen day.
      to: end ? end.add(1, 'day').format('YYYY-MM-DD') : '',
    });
  };

  const columns: TableColumnsType<AuditItem> = [
    { title: t('audit.time'), dataIndex: 'at', width: 180, render: (at: string) => <span className="mono">{dayjs(at).format('YYYY-MM-DD HH:mm:ss')}</span> },
    { title: t('audit.actor'), dataIndex: 'actorName', width: 130, render: (n: string, r) => (r.actorId === null && n === 'system' ? t('audit.system') : n) },
    {
      title: t('audit.action'),
      dataIndex: 'action',
      width: 170,
      render: (a: string) => (
        <Tag color={ACTION_COLORS[a] ?? 'default'} title={a}>
          {labels.action(a)}
        </Tag>
      ),
    },
    { title: t('audit.entity'), dataIndex: 'entity', width: 100, render: (e: string) => labels.entity(e), responsive: ['sm'] },
    {
      title: t('audit.entityId'),
      dataIndex: 'entityId',
      width: 110,
      responsive: ['md'],
      render: (id: string | null, r) => (id === null ? '—' : r.entity === 'organization' ? <Link to={`/orgs/${id}`}>{id}</Link> : <span className="mono">{id}</span>),
    },
    { title: t('audit.ip'), dataIndex: 'ip', width: 140, responsive: ['lg'], render: (ip: string | null) => <span className="mono">{ip ?? '—'}</span> },
  ];

  return (
    <div className="page" data-testid="audit-page">
      <div className="page-head">
        <Typography.Title level={3} className="page-title">
          {t('audit.title')}
        </Typography.Title>
        <Typography.Paragraph type="secondary" className="page-intro">
          {t('audit.intro')}
        </Typography.Paragraph>
      </div>
      <Card className="page-card">
        <Form<FilterForm> form={form} layout="inline" onFinish={apply} className="filter-form">
          <Form.Item name="action">
            <Select
              allowClear
              placeholder={t('audit.allActions')}
              options={ACTION_CODES.map((c) => ({ value: c, label: labels.action(c) }))}
              style={{ width: 180 }}
              aria-label={t('audit.action')}
              data-testid="audit-action-filter"
            />
          </Form.Item>
          <Form.Item name="actor">
            <Input allowClear placeholder={t('audit.actorPlaceholder')} style={{ width: 180 }} aria-label={t('audit.actor')} />
          </Form.Item>
          <Form.Item name="range">
            <DatePicker.RangePicker allowEmpty={[true, true]} aria-label={t('audit.dateRange')} />
          </Form.Item>
          <Form.Item>
            <Button type="primary" htmlType="submit" icon={<SearchOutlined />}>
              {t('common.search')}
            </Button>
          </Form.Item>
          <Form.Item>
            <Button
              onClick={() => {
                form.resetFields();
                setFilter(EMPTY);
              }}
            >
              {t('common.reset')}
            </Button>
          </Form.Item>
        </Form>
        {q.isError ? (
          <QueryError error={q.error} onRetry={() => void q.refetch()} />
        ) : (
          <>
            <Table<AuditItem>
              rowKey="seq"
              size="middle"
              columns={columns}
              dataSource={rows}
              loading={q.isPending || (q.isFetching && !q.isFetchingNextPage)}
              pagination={false}
              scroll={{ x: 'max-content' }}
              expandable={{ expandedRowRender: (r) => <AuditDiff item={r} />, expandRowByClick: true }}
              locale={{
                emptyText: (
                  <Empty
                    image={Empty.PRESENTED_IMAGE_SIMPLE}
                    description={
                      <>
                        <div>{t('audit.empty')}</div>
                        {filtered && <Typography.Text type="secondary">{t('audit.emptyHint')}</Typography.Text>}
                      </>
                    }
                  />
                ),
              }}
              data-testid="audit-table"
            />
            {rows.length > 0 && (
              <div className="load-more">
                {q.hasNextPage ? (
                  <Button onClick={() => void q.fetchNextPage()} loading={q.isFetchingNextPage} data-testid="audit-more">
                    {t('common.loadMore')}
                  </Button>
                ) : (
                  <Typography.Text type="secondary">{t('common.allLoaded')}</Typography.Text>
                )}
                <Typography.Text type="secondary">{t('audit.loaded', { count: rows.length })}</Typography.Text>
              </div>
            )}
          </>
        )}
      </Card>
    </div>
  );
}
