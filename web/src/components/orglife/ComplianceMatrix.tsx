import { Table, Tooltip, Typography } from 'antd';
import type { TableColumnsType } from 'antd';
import type { MeetingKind, Overview, OverviewCell, OverviewRow } from '../../api/orglife.ts';
import { ORGLIFE_KIND } from '../../../../src/shared/enums.ts';
import { useLabel, useOlText } from './text.ts';

/** Green when every due period was held, red when some was missed, grey while only running periods remain. */
function tone(c: OverviewCell): { bg: string; fg: string } {
  if (c.required === 0) return { bg: '#f5f5f5', fg: '#8c8c8c' };
  if (c.held >= c.required) return { bg: '#f6ffed', fg: '#389e0d' };
  if (c.held === 0) return { bg: '#fff1f0', fg: '#cf1322' };
  return { bg: '#fff7e6', fg: '#d46b08' };
}

/** Organizations × meeting kinds for the period: held / due per cell, each cell opening its meetings. */
export function ComplianceMatrix({ data, onCell }: { data: Overview; onCell: (row: OverviewRow, kind: MeetingKind, from: string, to: string) => void }) {
  const tx = useOlText();
  const label = useLabel();
  const columns: TableColumnsType<OverviewRow> = [
    {
      title: tx('org'),
      dataIndex: 'orgName',
      key: 'org',
      fixed: 'left',
      width: 200,
      render: (name: string, r) => (
        <Typography.Text ellipsis={{ tooltip: name }} style={{ maxWidth: 190, fontWeight: r.required > 0 && r.held < r.required ? 500 : undefined }}>
          {name}
        </Typography.Text>
      ),
    },
    ...data.requirements.map((req) => ({
      title: <Tooltip title={req.label}>{label(ORGLIFE_KIND.table[req.kind], req.kind)}</Tooltip>,
      key: req.kind,
      width: 96,
      align: 'center' as const,
      render: (_: unknown, r: OverviewRow) => {
        const c = r.cells.find((x) => x.kind === req.kind);
        if (!c) return <Typography.Text type="secondary">—</Typography.Text>;
        const t = tone(c);
        const tip = c.slots.map((s) => `${s.label}：${tx(s.status)}`).join('；');
        return (
          <Tooltip title={tip}>
            <button
              type="button"
              data-testid={`cell-${r.orgId}-${req.kind}`}
              onClick={() => onCell(r, req.kind, c.slots[0]!.from, c.slots[c.slots.length - 1]!.to)}
              style={{ background: t.bg, color: t.fg, border: 'none', borderRadius: 4, padding: '2px 10px', cursor: 'pointer', minWidth: 56, fontVariantNumeric: 'tabular-nums' }}
            >
              {c.required === 0 ? tx('open') : `${c.held} / ${c.required}`}
            </button>
          </Tooltip>
        );
      },
    })),
  ];
  return (
    <Table
      rowKey="orgId"
      size="small"
      columns={columns}
      dataSource={data.rows}
      scroll={{ x: 'max-content' }}
      pagination={data.rows.length > 20 ? { pageSize: 20, showSizeChanger: false, size: 'small' } : false}
      locale={{ emptyText: tx('noRows') }}
    />
  );
}
