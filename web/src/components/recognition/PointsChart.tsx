import { BarChart } from 'echarts/charts';
import { GridComponent, LegendComponent, MarkLineComponent, TooltipComponent } from 'echarts/components';
import * as echarts from 'echarts/core';
import { CanvasRenderer } from 'echarts/renderers';
import { useEffect, useRef } from 'react';
import type { TownshipPoints } from '../../api/recognition.ts';

echarts.use([BarChart, GridComponent, LegendComponent, MarkLineComponent, TooltipComponent, CanvasRenderer]);

const bare = (name: string) => name.replace(/^中共/, '').replace(/(工作委员会|委员会)$/, '');

/** Township names without what they all share (中共 + the county's name), so the axis reads 凤桥镇, 建设街道. */
function shortNames(names: string[]): string[] {
  const b = names.map(bare);
  let k = 0;
  while (b.length > 1 && b.every((n) => n.length > k + 2 && n[k] === b[0]![k])) k++;
  return b.map((n) => n.slice(k));
}

/** Active contact points and demonstration points per township, with the rule's minimum of demonstration points as a line. */
export default function PointsChart({ townships, demoMin, labels }: { townships: TownshipPoints[]; demoMin: number; labels: { contact: string; demo: string } }) {
  const ref = useRef<HTMLDivElement | null>(null);
  useEffect(() => {
    const el = ref.current;
    if (!el) return;
    const chart = echarts.init(el, undefined, { renderer: 'canvas' });
    chart.setOption({
      color: ['#c8161d', '#f6bd16'],
      tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
      legend: { top: 0, itemWidth: 10, itemHeight: 10 },
      grid: { left: 8, right: 24, top: 28, bottom: 8, containLabel: true },
      xAxis: { type: 'value', minInterval: 1, splitLine: { lineStyle: { color: '#f0f0f0' } } },
      yAxis: { type: 'category', inverse: true, data: shortNames(townships.map((t) => t.name)), axisTick: { show: false }, axisLabel: { fontSize: 12, width: 110, overflow: 'truncate' } },
      series: [
        { name: labels.contact, type: 'bar', data: townships.map((t) => t.activeContacts), barMaxWidth: 12, label: { show: true, position: 'right', fontSize: 11 } },
        {
          name: labels.demo,
          type: 'bar',
          data: townships.map((t) => ({ value: t.activeDemos, itemStyle: t.activeDemos < demoMin ? { color: '#fa8c16', opacity: 0.6 } : undefined })),
          barMaxWidth: 12,
          label: { show: true, position: 'right', fontSize: 11 },
          markLine: { symbol: 'none', data: [{ xAxis: demoMin }], lineStyle: { type: 'dashed', color: '#fa8c16' }, label: { formatter: `≥${demoMin}`, position: 'start' } },
        },
      ],
    });
    const ro = new ResizeObserver(() => chart.resize());
    ro.observe(el);
    return () => {
      ro.disconnect();
      chart.dispose();
    };
  }, [townships, demoMin, labels]);
  const height = Math.max(160, 40 + townships.length * 34);
  return <div ref={ref} style={{ width: '100%', height }} role="img" aria-label={townships.map((t) => `${t.name} ${t.activeContacts}/${t.activeDemos}`).join('，')} />;
}
