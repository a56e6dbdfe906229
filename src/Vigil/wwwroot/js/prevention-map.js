// Draws the prevention map with the vendored Apache ECharts: administrative boundaries from GeoJSON (no tiles, no
// internet), districts shaded by open hazards, risk points and hazards as coloured points. Clicking a point opens
// its record (the href the server gave it).
import { loadEcharts } from './station-chart.js';

// boundaries: the GeoJSON the first time, null when only the filters changed (the map stays registered).
export async function render(element, boundaries, option) {
    const echarts = await loadEcharts();
    if (boundaries) {
        echarts.registerMap('vigil', boundaries);
    }
    const chart = echarts.getInstanceByDom(element) ?? echarts.init(element, null, { renderer: 'canvas' });
    chart.setOption(option, true);
    if (!element.dataset.resizing) {
        element.dataset.resizing = 'true';
        new ResizeObserver(() => chart.resize()).observe(element);
        chart.on('click', params => {
            if (params.data && params.data.href) {
                window.location.assign(params.data.href);
            }
        });
    }

    element.dataset.points = String(option.series.filter(s => s.type === 'scatter').reduce((n, s) => n + s.data.length, 0));
    element.dataset.rendered = 'true';
}

export function dispose(element) {
    window.echarts?.getInstanceByDom(element)?.dispose();
}
