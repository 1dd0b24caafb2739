/**
 * The only module that touches ECharts: a Svelte action that owns one chart instance on an element.
 * Modular imports keep the bundle to what the dashboard draws (bars, lines, heat maps).
 */
import * as echarts from 'echarts/core';
import { BarChart, HeatmapChart, LineChart } from 'echarts/charts';
import { GridComponent, TooltipComponent, LegendComponent, DataZoomComponent, VisualMapPiecewiseComponent } from 'echarts/components';
import { CanvasRenderer } from 'echarts/renderers';
import type { EChartsCoreOption } from 'echarts/core';

echarts.use([BarChart, LineChart, HeatmapChart, GridComponent, TooltipComponent, LegendComponent, DataZoomComponent, VisualMapPiecewiseComponent, CanvasRenderer]);

export type ChartOptions = EChartsCoreOption;

export interface ChartParams {
  options: ChartOptions;
  /** Called with the clicked data point's index. */
  onSelect?: (dataIndex: number) => void;
}

export function chart(node: HTMLElement, params: ChartParams) {
  const instance = echarts.init(node, undefined, { renderer: 'canvas' });
  let current = params;
  instance.setOption(current.options);
  instance.on('click', (event) => {
    if (typeof event.dataIndex === 'number') current.onSelect?.(event.dataIndex);
  });
  const resize = new ResizeObserver(() => instance.resize());
  resize.observe(node);
  return {
    update(next: ChartParams) {
      current = next;
      instance.setOption(next.options, { notMerge: true });
    },
    destroy() {
      resize.disconnect();
      instance.dispose();
    },
  };
}
