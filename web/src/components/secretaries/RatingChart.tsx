import { BarChart } from 'echarts/charts';
import { GridComponent, TooltipComponent } from 'echarts/components';
import * as echarts from 'echarts/core';
import { CanvasRenderer } from 'echarts/renderers';
import { useEffect, useRef } from 'react';

echarts.use([BarChart, GridComponent, TooltipComponent, CanvasRenderer]);

export interface RatingBar {
  label: string;
  count: number;
  color: string;
}

/** How many secretaries got each rating (loaded on demand: echarts stays out of the first page load). */
export default function RatingChart({ data }: { data: RatingBar[] }) {
  const ref = useRef<HTMLDivElement | null>(null);
  useEffect(() => {
    const el = ref.current;
    if (!el) return;
    const chart = echarts.init(el, undefined, { renderer: 'canvas' });
    chart.setOption({
      tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
      grid: { left: 8, right: 16, top: 16, bottom: 8, containLabel: true },
      xAxis: { type: 'category', data: data.map((d) => d.label), axisTick: { show: false } },
      yAxis: { type: 'value', minInterval: 1, splitLine: { lineStyle: { color: '#f0f0f0' } } },
      series: [{ type: 'bar', barMaxWidth: 36, data: data.map((d) => ({ value: d.count, itemStyle: { color: d.color } })), label: { show: true, position: 'top' } }],
    });
    const ro = new ResizeObserver(() => chart.resize());
    ro.observe(el);
    return () => {
      ro.disconnect();
      chart.dispose();
    };
  }, [data]);
  return <div ref={ref} style={{ width: '100%', height: 220 }} role="img" aria-label={data.map((d) => `${d.label} ${d.count}`).join('，')} data-testid="rating-chart" />;
}
