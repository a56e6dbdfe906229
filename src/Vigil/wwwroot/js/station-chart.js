// Draws a station-day chart with the vendored Apache ECharts (wwwroot/lib/echarts, Apache-2.0). Nothing is fetched
// from the internet: the library is loaded from this server, once, the first time a chart is drawn.
import { loadScript } from './load-script.js';

export function loadEcharts() {
    return loadScript('lib/echarts/echarts.min.js', 'echarts');
}

export async function render(element, option) {
    const echarts = await loadEcharts();
    const chart = echarts.getInstanceByDom(element) ?? echarts.init(element, null, { renderer: 'canvas' });
    chart.setOption(option, true);
    if (!element.dataset.resizing) {
        element.dataset.resizing = 'true';
        new ResizeObserver(() => chart.resize()).observe(element);
    }

    element.dataset.rendered = 'true';
}

export function dispose(element) {
    window.echarts?.getInstanceByDom(element)?.dispose();
}
