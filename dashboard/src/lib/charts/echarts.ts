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
  /**
   * The language the options' formatters speak: formatters run when ECharts draws, so a change of language alone
   * would leave the old labels; a new value here draws the chart again.
   */
  lang?: string;
}

/** Marks the element a chart draws in, so its frame can find it for the picture. */
const CHART_ATTRIBUTE = 'data-chart';

/** The picture of the chart inside an element (its frame), as a PNG data URL at twice the size; null when none. */
export function chartPicture(container: HTMLElement): string | null {
  const node = container.querySelector<HTMLElement>(`[${CHART_ATTRIBUTE}]`);
  const instance = node && echarts.getInstanceByDom(node);
  return instance ? instance.getDataURL({ type: 'png', pixelRatio: 2, backgroundColor: '#ffffff' }) : null;
}

export function chart(node: HTMLElement, params: ChartParams) {
  node.setAttribute(CHART_ATTRIBUTE, '');
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
