import { LineChart } from 'echarts/charts';
import { GridComponent, LegendComponent, MarkLineComponent, TooltipComponent } from 'echarts/components';
import * as echarts from 'echarts/core';
import { CanvasRenderer } from 'echarts/renderers';
import { useEffect, useRef } from 'react';

echarts.use([LineChart, GridComponent, LegendComponent, MarkLineComponent, TooltipComponent, CanvasRenderer]);

/** The share reaching the standard per round period, with the target as a dashed line. Loaded on demand. */
export default function TargetChart({ points, target, actualLabel, targetLabel }: { points: { label: string; pct: number | null }[]; target: number; actualLabel: string; targetLabel: string }) {
  const ref = useRef<HTMLDivElement | null>(null);
  useEffect(() => {
    const el = ref.current;
    if (!el) return;
    const chart = echarts.init(el, undefined, { renderer: 'canvas' });
    chart.setOption({
      color: ['#c8161d'],
      tooltip: { trigger: 'axis', valueFormatter: (v: number) => `${v}%` },
      legend: { top: 0, data: [actualLabel, targetLabel] },
      grid: { left: 8, right: 24, top: 32, bottom: 8, containLabel: true },
      xAxis: { type: 'category', data: points.map((p) => p.label), boundaryGap: false },
      yAxis: { type: 'value', min: 0, max: 100, axisLabel: { formatter: '{value}%' } },
      series: [
        {
          name: actualLabel,
          type: 'line',
          data: points.map((p) => p.pct),
          symbolSize: 8,
          label: { show: true, formatter: '{c}%' },
          // A mark line, not a second series: a series of one point (a single round so far) draws no line at all.
          markLine: { symbol: 'none', silent: true, data: [{ yAxis: target }], lineStyle: { type: 'dashed', color: '#fa8c16', width: 2 }, label: { formatter: `${target}%`, position: 'insideEndTop', color: '#fa8c16' } },
        },
        // The legend's entry for the target line.
        { name: targetLabel, type: 'line', data: [], symbol: 'none', lineStyle: { type: 'dashed', color: '#fa8c16' }, itemStyle: { color: '#fa8c16' } },
      ],
    });
    const ro = new ResizeObserver(() => chart.resize());
    ro.observe(el);
    return () => {
      ro.disconnect();
      chart.dispose();
    };
  }, [points, target, actualLabel, targetLabel]);
  return <div ref={ref} style={{ width: '100%', height: 240 }} role="img" aria-label={points.map((p) => `${p.label} ${p.pct ?? '—'}%`).join('，') + `，${targetLabel} ${target}%`} data-testid="target-chart" />;
}
