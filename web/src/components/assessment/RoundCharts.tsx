import { BarChart, PieChart } from 'echarts/charts';
import { GridComponent, LegendComponent, TooltipComponent } from 'echarts/components';
import * as echarts from 'echarts/core';
import { CanvasRenderer } from 'echarts/renderers';
import { useEffect, useRef } from 'react';

echarts.use([BarChart, PieChart, GridComponent, LegendComponent, TooltipComponent, CanvasRenderer]);

export interface Slice {
  name: string;
  value: number;
  color: string;
}

/** Sheets by state (bar) and by stars (pie) side by side; stacked on a phone. Loaded on demand. */
export default function RoundCharts({ states, stars, statesTitle, starsTitle }: { states: Slice[]; stars: Slice[]; statesTitle: string; starsTitle: string }) {
  const ref = useRef<HTMLDivElement | null>(null);
  useEffect(() => {
    const el = ref.current;
    if (!el) return;
    const chart = echarts.init(el, undefined, { renderer: 'canvas' });
    const narrow = el.clientWidth < 560;
    chart.setOption({
      tooltip: {},
      title: [],
      grid: narrow ? { left: 8, right: 24, top: 24, height: 150, containLabel: true } : { left: 8, right: '52%', top: 24, bottom: 8, containLabel: true },
      xAxis: { type: 'value', minInterval: 1, splitLine: { lineStyle: { color: '#f0f0f0' } } },
      yAxis: { type: 'category', inverse: true, data: states.map((s) => s.name), axisTick: { show: false } },
      series: [
        { name: statesTitle, type: 'bar', barMaxWidth: 18, data: states.map((s) => ({ value: s.value, itemStyle: { color: s.color } })), label: { show: true, position: 'right' } },
        {
          name: starsTitle,
          type: 'pie',
          radius: narrow ? ['22%', '38%'] : ['35%', '62%'],
          center: narrow ? ['50%', '78%'] : ['76%', '55%'],
          data: stars.filter((s) => s.value > 0).map((s) => ({ name: s.name, value: s.value, itemStyle: { color: s.color } })),
          label: { formatter: '{b}: {c}' },
        },
      ],
    });
    const ro = new ResizeObserver(() => chart.resize());
    ro.observe(el);
    return () => {
      ro.disconnect();
      chart.dispose();
    };
  }, [states, stars, statesTitle, starsTitle]);
  const label = [...states, ...stars].map((s) => `${s.name} ${s.value}`).join('，');
  return <div ref={ref} style={{ width: '100%', height: 300 }} role="img" aria-label={label} data-testid="round-chart" />;
}
