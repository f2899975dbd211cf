import { BarChart } from 'echarts/charts';
import { GridComponent, LegendComponent, TooltipComponent } from 'echarts/components';
import * as echarts from 'echarts/core';
import { CanvasRenderer } from 'echarts/renderers';
import { useEffect, useRef } from 'react';

echarts.use([BarChart, GridComponent, LegendComponent, TooltipComponent, CanvasRenderer]);

export interface RollupSeries {
  name: string;
  values: number[];
}

const PALETTE = ['#c8161d', '#e8684a', '#f6bd16', '#5b8ff9', '#5ad8a6', '#9270ca', '#ff9d4d', '#269a99'];

/** Stacked horizontal bars, one per organization (first on top), one colour per category. */
export default function RollupChart({ names, series, height }: { names: string[]; series: RollupSeries[]; height: number }) {
  const ref = useRef<HTMLDivElement | null>(null);
  useEffect(() => {
    const el = ref.current;
    if (!el) return;
    const chart = echarts.init(el, undefined, { renderer: 'canvas' });
    chart.setOption({
      color: PALETTE,
      tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
      legend: { type: 'scroll', top: 0, itemWidth: 10, itemHeight: 10, textStyle: { fontSize: 12 } },
      grid: { left: 8, right: 24, top: 32, bottom: 8, containLabel: true },
      xAxis: { type: 'value', splitLine: { lineStyle: { color: '#f0f0f0' } }, axisLabel: { fontSize: 11 } },
      yAxis: { type: 'category', inverse: true, data: names, axisTick: { show: false }, axisLabel: { fontSize: 12, width: 120, overflow: 'truncate' } },
      series: series.map((s) => ({ type: 'bar', name: s.name, stack: 'all', data: s.values, barMaxWidth: 18 })),
    });
    const ro = new ResizeObserver(() => chart.resize());
    ro.observe(el);
    return () => {
      ro.disconnect();
      chart.dispose();
    };
  }, [names, series]);
  return <div ref={ref} style={{ width: '100%', height }} role="img" aria-label={names.join('，')} />;
}
