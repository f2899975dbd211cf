import { BarChart, PieChart } from 'echarts/charts';
import { GridComponent, LegendComponent, TooltipComponent } from 'echarts/components';
import * as echarts from 'echarts/core';
import { CanvasRenderer } from 'echarts/renderers';
import { useEffect, useRef } from 'react';

echarts.use([PieChart, BarChart, GridComponent, LegendComponent, TooltipComponent, CanvasRenderer]);

export interface Slice {
  name: string;
  value: number;
}

const PALETTE = ['#c8161d', '#e8684a', '#f6bd16', '#5b8ff9', '#5ad8a6', '#9270ca', '#ff9d4d', '#269a99', '#6dc8ec', '#ff99c3', '#5d7092', '#e86452'];

function doughnut(data: Slice[]) {
  return {
    color: PALETTE,
    tooltip: { trigger: 'item', formatter: '{b}: {c} ({d}%)' },
    legend: { type: 'scroll', orient: 'vertical', right: 0, top: 'middle', itemWidth: 10, itemHeight: 10, textStyle: { fontSize: 12 } },
    series: [
      {
        type: 'pie',
        radius: ['45%', '72%'],
        center: ['32%', '50%'],
        avoidLabelOverlap: true,
        label: { show: false },
        itemStyle: { borderColor: '#fff', borderWidth: 2 },
        data,
      },
    ],
  };
}

/** Horizontal bars, first item on top: for ordered scales (age bands, education) and long lists. */
function bars(data: Slice[]) {
  return {
    color: PALETTE,
    tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
    grid: { left: 8, right: 40, top: 8, bottom: 8, containLabel: true },
    xAxis: { type: 'value', splitLine: { lineStyle: { color: '#f0f0f0' } }, axisLabel: { fontSize: 11 } },
    yAxis: { type: 'category', inverse: true, data: data.map((d) => d.name), axisTick: { show: false }, axisLabel: { fontSize: 12 } },
    series: [{ type: 'bar', data: data.map((d) => d.value), barMaxWidth: 18, itemStyle: { borderRadius: [0, 3, 3, 0] }, label: { show: true, position: 'right', fontSize: 11 } }],
  };
}

/** A small doughnut (or bar) chart (loaded on demand: echarts stays out of the first page load). */
export default function CompositionChart({ data, height = 240, variant = 'doughnut' }: { data: Slice[]; height?: number; variant?: 'doughnut' | 'bar' }) {
  const ref = useRef<HTMLDivElement | null>(null);
  useEffect(() => {
    const el = ref.current;
    if (!el) return;
    const chart = echarts.init(el, undefined, { renderer: 'canvas' });
    chart.setOption(variant === 'bar' ? bars(data) : doughnut(data));
    const ro = new ResizeObserver(() => chart.resize());
    ro.observe(el);
    return () => {
      ro.disconnect();
      chart.dispose();
    };
  }, [data, variant]);
  return <div ref={ref} style={{ width: '100%', height }} role="img" aria-label={data.map((d) => `${d.name} ${d.value}`).join('，')} />;
}
