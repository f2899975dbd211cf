import { BarChart } from 'echarts/charts';
import { GridComponent, LegendComponent, TooltipComponent } from 'echarts/components';
import * as echarts from 'echarts/core';
import { CanvasRenderer } from 'echarts/renderers';
import { useEffect, useRef } from 'react';

echarts.use([BarChart, GridComponent, LegendComponent, TooltipComponent, CanvasRenderer]);

export interface MonthlySeries {
  name: string;
  data: number[];
}

/** Meetings held per month, stacked by kind (loaded on demand: echarts stays out of the first page load). */
export default function MonthlyChart({ months, series, height = 260 }: { months: string[]; series: MonthlySeries[]; height?: number }) {
  const ref = useRef<HTMLDivElement | null>(null);
  useEffect(() => {
    const el = ref.current;
    if (!el) return;
    const chart = echarts.init(el, undefined, { renderer: 'canvas' });
    chart.setOption({
      tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
      legend: { type: 'scroll', bottom: 0, textStyle: { fontSize: 11 } },
      grid: { left: 8, right: 8, top: 12, bottom: 36, containLabel: true },
      xAxis: { type: 'category', data: months, axisTick: { show: false } },
      yAxis: { type: 'value', minInterval: 1, splitLine: { lineStyle: { color: '#f0f0f0' } } },
      series: series.map((s) => ({ name: s.name, type: 'bar', stack: 'all', data: s.data, barMaxWidth: 28 })),
    });
    const ro = new ResizeObserver(() => chart.resize());
    ro.observe(el);
    return () => {
      ro.disconnect();
      chart.dispose();
    };
  }, [months, series]);
  const total = series.reduce((s, x) => s + x.data.reduce((a, b) => a + b, 0), 0);
  return <div ref={ref} style={{ width: '100%', height }} role="img" aria-label={`${months[0] ?? ''}–${months[months.length - 1] ?? ''}：${total}`} />;
}
