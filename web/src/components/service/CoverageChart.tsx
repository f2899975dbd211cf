import { BarChart } from 'echarts/charts';
import { GridComponent, TooltipComponent } from 'echarts/components';
import * as echarts from 'echarts/core';
import { CanvasRenderer } from 'echarts/renderers';
import { useEffect, useRef } from 'react';

echarts.use([BarChart, GridComponent, TooltipComponent, CanvasRenderer]);

export interface CoverageBar {
  name: string;
  /** 0…100, null when the organization has no member without office. */
  percent: number | null;
  posted: number;
  withoutOffice: number;
  records: number;
}

/** Post coverage per sub-organization as horizontal bars, weakest first in red (loaded on demand). */
export default function CoverageChart({ data, recordsLabel }: { data: CoverageBar[]; recordsLabel: string }) {
  const ref = useRef<HTMLDivElement | null>(null);
  const height = Math.max(160, 24 + data.length * 34);
  useEffect(() => {
    const el = ref.current;
    if (!el) return;
    const chart = echarts.init(el, undefined, { renderer: 'canvas' });
    chart.setOption({
      tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' }, formatter: (ps: { dataIndex: number }[]) => { const d = data[ps[0]!.dataIndex]!; return `${d.name}<br/>${d.posted} / ${d.withoutOffice}（${d.percent ?? '—'}%）<br/>${recordsLabel} ${d.records}`; } },
      grid: { left: 8, right: 100, top: 8, bottom: 8, containLabel: true },
      xAxis: { type: 'value', max: 100, splitLine: { lineStyle: { color: '#f0f0f0' } }, axisLabel: { fontSize: 11, formatter: '{value}%' } },
      yAxis: { type: 'category', inverse: true, data: data.map((d) => d.name), axisTick: { show: false }, axisLabel: { fontSize: 12, width: 150, overflow: 'truncate' } },
      series: [
        {
          type: 'bar',
          barMaxWidth: 16,
          data: data.map((d) => ({ value: d.percent ?? 0, itemStyle: { color: d.percent === null ? '#d9d9d9' : d.percent < 50 ? '#c8161d' : d.percent < 80 ? '#fa8c16' : '#52c41a' } })),
          label: { show: true, position: 'right', fontSize: 11, formatter: (p: { dataIndex: number }) => { const d = data[p.dataIndex]!; return `${d.percent ?? '—'}% · ${recordsLabel} ${d.records}`; } },
        },
      ],
    });
    const ro = new ResizeObserver(() => chart.resize());
    ro.observe(el);
    return () => {
      ro.disconnect();
      chart.dispose();
    };
  }, [data, recordsLabel]);
  return <div ref={ref} style={{ width: '100%', height }} role="img" aria-label={data.map((d) => `${d.name} ${d.percent ?? '—'}%`).join('，')} data-testid="coverage-chart" />;
}
