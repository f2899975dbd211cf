import { BarChart } from 'echarts/charts';
import { GridComponent, LegendComponent, TooltipComponent } from 'echarts/components';
import * as echarts from 'echarts/core';
import { CanvasRenderer } from 'echarts/renderers';
import { useEffect, useRef } from 'react';

echarts.use([BarChart, GridComponent, LegendComponent, TooltipComponent, CanvasRenderer]);

export interface DuesBar {
  name: string;
  dueFen: number;
  receivedFen: number;
}

/** Due vs received per organization, horizontal bars (loaded on demand: echarts stays out of the first page load). */
export default function DuesBarChart({ data, dueLabel, receivedLabel }: { data: DuesBar[]; dueLabel: string; receivedLabel: string }) {
  const ref = useRef<HTMLDivElement | null>(null);
  const height = Math.max(160, 40 + data.length * 44);
  useEffect(() => {
    const el = ref.current;
    if (!el) return;
    const chart = echarts.init(el, undefined, { renderer: 'canvas' });
    // Fen → yuan for the axis only; labels print the exact two decimals.
    const yuan = (fen: number) => fen / 100;
    const label = { show: true, position: 'right', fontSize: 11, formatter: (p: { value: number }) => p.value.toFixed(2) };
    chart.setOption({
      color: ['#c8161d', '#5b8ff9'],
      tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
      legend: { top: 0, itemWidth: 12, itemHeight: 10 },
      grid: { left: 8, right: 56, top: 28, bottom: 8, containLabel: true },
      xAxis: { type: 'value', splitLine: { lineStyle: { color: '#f0f0f0' } }, axisLabel: { fontSize: 11 } },
      yAxis: { type: 'category', inverse: true, data: data.map((d) => d.name), axisTick: { show: false }, axisLabel: { fontSize: 12, width: 130, overflow: 'truncate' } },
      series: [
        { name: dueLabel, type: 'bar', data: data.map((d) => yuan(d.dueFen)), barMaxWidth: 14, label },
        { name: receivedLabel, type: 'bar', data: data.map((d) => yuan(d.receivedFen)), barMaxWidth: 14, label },
      ],
    });
    const ro = new ResizeObserver(() => chart.resize());
    ro.observe(el);
    return () => {
      ro.disconnect();
      chart.dispose();
    };
  }, [data, dueLabel, receivedLabel]);
  return <div ref={ref} style={{ width: '100%', height }} role="img" aria-label={data.map((d) => `${d.name} ${dueLabel} ${d.dueFen / 100} ${receivedLabel} ${d.receivedFen / 100}`).join('，')} data-testid="dues-chart" />;
}
