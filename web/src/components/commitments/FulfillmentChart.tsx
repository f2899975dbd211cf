import { BarChart } from 'echarts/charts';
import { GridComponent, LegendComponent, MarkLineComponent, TooltipComponent } from 'echarts/components';
import * as echarts from 'echarts/core';
import { CanvasRenderer } from 'echarts/renderers';
import { useEffect, useRef } from 'react';

echarts.use([BarChart, GridComponent, LegendComponent, MarkLineComponent, TooltipComponent, CanvasRenderer]);

export interface RateBar {
  name: string;
  org: number | null;
  member: number | null;
}

interface Props {
  data: RateBar[];
  orgTarget: number;
  memberTarget: number;
  orgLabel: string;
  memberLabel: string;
  orgTargetLabel: string;
  memberTargetLabel: string;
}

const asPct = (r: number | null) => (r === null ? '-' : Math.round(r * 1000) / 10);

/** Fulfillment rates per organization, with the targets as dashed lines (loaded on demand). */
export default function FulfillmentChart({ data, orgTarget, memberTarget, orgLabel, memberLabel, orgTargetLabel, memberTargetLabel }: Props) {
  const ref = useRef<HTMLDivElement | null>(null);
  const height = Math.max(180, 60 + data.length * 46);
  useEffect(() => {
    const el = ref.current;
    if (!el) return;
    const chart = echarts.init(el, undefined, { renderer: 'canvas' });
    const line = (value: number, color: string, text: string) => ({ symbol: 'none', silent: true, lineStyle: { type: 'dashed', color, width: 1.5 }, label: { formatter: text, fontSize: 11, color, position: 'insideEndTop' }, data: [{ xAxis: value }] });
    chart.setOption({
      color: ['#c8161d', '#5b8ff9'],
      tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' }, valueFormatter: (v: unknown) => (typeof v === 'number' ? `${v}%` : '—') },
      legend: { top: 0, itemWidth: 12, itemHeight: 10 },
      grid: { left: 8, right: 48, top: 28, bottom: 8, containLabel: true },
      xAxis: { type: 'value', min: 0, max: 100, axisLabel: { fontSize: 11, formatter: '{value}%' }, splitLine: { lineStyle: { color: '#f0f0f0' } } },
      yAxis: { type: 'category', inverse: true, data: data.map((d) => d.name), axisTick: { show: false }, axisLabel: { fontSize: 12, width: 120, overflow: 'truncate' } },
      series: [
        { name: orgLabel, type: 'bar', data: data.map((d) => asPct(d.org)), barMaxWidth: 14, label: { show: true, position: 'right', fontSize: 11, formatter: '{c}%' }, markLine: line(orgTarget, '#c8161d', orgTargetLabel) },
        { name: memberLabel, type: 'bar', data: data.map((d) => asPct(d.member)), barMaxWidth: 14, label: { show: true, position: 'right', fontSize: 11, formatter: '{c}%' }, markLine: line(memberTarget, '#5b8ff9', memberTargetLabel) },
      ],
    });
    const ro = new ResizeObserver(() => chart.resize());
    ro.observe(el);
    return () => {
      ro.disconnect();
      chart.dispose();
    };
  }, [data, orgTarget, memberTarget, orgLabel, memberLabel, orgTargetLabel, memberTargetLabel]);
  return (
    <div
      ref={ref}
      style={{ width: '100%', height }}
      role="img"
      aria-label={data.map((d) => `${d.name} ${orgLabel} ${asPct(d.org)} ${memberLabel} ${asPct(d.member)}`).join('，')}
      data-testid="commitment-chart"
    />
  );
}
