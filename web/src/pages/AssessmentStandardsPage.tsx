import { ArrowLeftOutlined, EditOutlined, PlusOutlined } from '@ant-design/icons';
import { Alert, App, Button, Card, Collapse, Descriptions, Input, Modal, Select, Space, Table, Tag, Typography } from 'antd';
import { useMemo, useState } from 'react';
import { Link } from 'react-router-dom';
import { useIndicatorProviders, useSaveStandard, useStandards, type AsmStandard, type SaveStandardBody } from '../api/assessment.ts';
import { errorMessage } from '../api/client.ts';
import { useAuth } from '../auth/AuthContext.tsx';
import { useAsmText } from '../components/assessment/text.ts';
import { QueryError } from '../components/QueryError.tsx';
import { PageHeading } from '../components/PageHeading.tsx';

type Indicator = AsmStandard['definition']['items'][number]['indicators'][number];

/** 考核标准: the standards as data (items → indicators, pass rule, stars), each version kept; editing saves a new version. */
export default function AssessmentStandardsPage() {
  const tx = useAsmText();
  const { can } = useAuth();
  const standards = useStandards();
  const providers = useIndicatorProviders();
  const [editing, setEditing] = useState<AsmStandard | 'new' | null>(null);
  const [shown, setShown] = useState<Record<string, number>>({});
  const byCode = useMemo(() => {
    const m = new Map<string, AsmStandard[]>();
    for (const s of standards.data?.items ?? []) m.set(s.code, [...(m.get(s.code) ?? []), s]);
    return [...m.values()];
  }, [standards.data]);
  const providerName = new Map((providers.data?.items ?? []).map((p) => [p.code, p.name]));

  if (standards.isError) return <QueryError error={standards.error} onRetry={() => void standards.refetch()} />;
  const columns = [
    { title: tx('indicator'), dataIndex: 'name', key: 'name' },
    { title: tx('kind'), key: 'type', render: (_: unknown, i: Indicator) => (i.type === 'computed' ? <Tag color="blue">{`${tx('computed')} · ${providerName.get(i.provider) ?? `${i.provider}（${tx('unavailable')}）`}`}</Tag> : <Tag color="purple">{tx('manual')}</Tag>) },
    { title: tx('full'), dataIndex: 'full', key: 'full', width: 70 },
  ];

  return (
    <Space orientation="vertical" size={16} style={{ width: '100%' }}>
      <Link to="/assessment">
        <ArrowLeftOutlined /> {tx('back')}
      </Link>
      <PageHeading title={tx('standardsTitle')} intro={tx('standardsIntro')} />
      {can('org.write') && (
        <div>
          <Button icon={<PlusOutlined />} onClick={() => setEditing('new')}>
            {tx('newStandard')}
          </Button>
        </div>
      )}
      {byCode.map((versions) => {
        const s = versions.find((v) => v.id === shown[versions[0]!.code]) ?? versions[0]!;
        return (
          <Card
            key={s.code}
            size="small"
            title={s.name}
            data-testid="standard-card"
            extra={
              <Space wrap>
                <Select size="small" value={s.id} onChange={(id: number) => setShown((x) => ({ ...x, [s.code]: id }))} options={versions.map((v) => ({ value: v.id, label: `v${v.version}${v.latest ? ` ${tx('latest')}` : ''}` }))} />
                {can('org.write') && (
                  <Button size="small" icon={<EditOutlined />} onClick={() => setEditing(s)}>
                    {tx('edit')}
                  </Button>
                )}
              </Space>
            }
          >
            <Descriptions size="small" column={{ xs: 1, md: 3 }}>
              <Descriptions.Item label={tx('category')}>{s.categoryLabel}</Descriptions.Item>
              <Descriptions.Item label={tx('roundsUsing')}>{s.rounds}</Descriptions.Item>
              <Descriptions.Item label={tx('result')}>{tx('passRule', { item: s.definition.pass.itemMinPct, total: s.definition.pass.totalMinPct })}</Descriptions.Item>
              <Descriptions.Item label={tx('stars')}>{s.definition.stars.map((x) => `${'★'.repeat(x.stars)} ≥ ${x.minPct}%`).join('；') || '—'}</Descriptions.Item>
              <Descriptions.Item label={tx('source')}>{s.source}</Descriptions.Item>
            </Descriptions>
            <Collapse
              size="small"
              items={s.definition.items.map((item) => ({
                key: item.key,
                label: `${item.name}（${item.indicators.reduce((a, i) => a + i.full, 0)} 分）`,
                children: <Table rowKey="key" size="small" pagination={false} columns={columns} dataSource={item.indicators} scroll={{ x: 'max-content' }} />,
              }))}
            />
          </Card>
        );
      })}
      {editing && <EditModal standard={editing === 'new' ? null : editing} known={new Set(providerName.keys())} onClose={() => setEditing(null)} />}
    </Space>
  );
}

const TEMPLATE: SaveStandardBody = {
  code: 'new_standard',
  name: '新标准',
  nameEn: '',
  categoryLabel: '村级党组织',
  appliesTo: { levels: ['village'] },
  definition: { items: [{ key: 'item1', name: '考核项目', nameEn: '', indicators: [{ key: 'ind1', name: '指标', nameEn: '', type: 'manual', full: 10, guide: '' }] }], pass: { itemMinPct: 60, totalMinPct: 85 }, stars: [] },
  source: '',
};

/** JSON editing with validation: parsed here, checked by the server's schema on save (errors shown with their field). */
function EditModal({ standard, known, onClose }: { standard: AsmStandard | null; known: Set<string>; onClose: () => void }) {
  const tx = useAsmText();
  const { message } = App.useApp();
  const save = useSaveStandard();
  const initial: SaveStandardBody = standard ? { code: standard.code, name: standard.name, nameEn: standard.nameEn, categoryLabel: standard.categoryLabel, appliesTo: standard.appliesTo, definition: standard.definition, source: standard.source } : TEMPLATE;
  const [text, setText] = useState(JSON.stringify(initial, null, 2));
  const [error, setError] = useState<string | null>(null);
  let parsed: SaveStandardBody | null = null;
  let parseError: string | null = null;
  try {
    parsed = JSON.parse(text) as SaveStandardBody;
  } catch (e) {
    parseError = tx('badJson', { msg: (e as Error).message });
  }
  const unknown = parsed?.definition?.items?.flatMap((i) => i.indicators ?? []).filter((i) => i.type === 'computed' && !known.has(i.provider)).map((i) => (i as { provider: string }).provider) ?? [];
  return (
    <Modal open title={standard ? `${tx('edit')}：${standard.name}` : tx('newStandard')} width={820} onCancel={onClose} okText={tx('save')} cancelText={tx('cancel')} okButtonProps={{ disabled: !parsed }} confirmLoading={save.isPending}
      onOk={() => parsed && save.mutateAsync(parsed).then(() => (void message.success(tx('saved')), onClose()), (err: unknown) => setError(errorMessage(err)))}>
      <Typography.Paragraph type="secondary">{tx('jsonHint')}</Typography.Paragraph>
      <Input.TextArea value={text} onChange={(e) => setText(e.target.value)} rows={22} style={{ fontFamily: 'monospace', fontSize: 12 }} spellCheck={false} />
      {parseError && <Alert type="error" showIcon title={parseError} style={{ marginTop: 8 }} />}
      {unknown.length > 0 && <Alert type="warning" showIcon title={tx('unknownProvider', { codes: [...new Set(unknown)].join('、') })} style={{ marginTop: 8 }} />}
      {error && <Alert type="error" showIcon title={error} style={{ marginTop: 8 }} />}
    </Modal>
  );
}
