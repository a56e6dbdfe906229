// Draws the prevention map on a tile base map with the vendored Leaflet (wwwroot/lib/leaflet, BSD-2-Clause), used only
// when the deployment configures a tile service (Vigil:Map:Tiles). The server sends every coordinate in the tiles'
// datum (WGS-84 or GCJ-02). Districts are shaded by open hazards, risk points are circles and hazards diamonds in
// their colour; each point is a focusable marker with its name as title, and opens its record.
import { loadScript } from './load-script.js';

const maps = new WeakMap();

function loadLeaflet() {
    return loadScript('lib/leaflet/leaflet.js', 'L', 'lib/leaflet/leaflet.css');
}

// tiles: the tile layer's settings; boundaries: GeoJSON the first time, null when only the filters changed;
// layers: { fills: { adcode: { colour, open } }, points: [{ name, lat, lon, colour, symbol, href }] }.
export async function render(element, tiles, boundaries, layers) {
    const L = await loadLeaflet();
    let state = maps.get(element);
    if (!state) {
        const map = L.map(element, { minZoom: tiles.minZoom, maxZoom: tiles.maxZoom });
        const tileLayer = L.tileLayer(tiles.url, {
            subdomains: tiles.subdomains || 'abc',
            attribution: tiles.attribution,
            minZoom: tiles.minZoom,
            maxZoom: tiles.maxZoom,
        });
        tileLayer.on('tileload', () => { element.dataset.tilesLoaded = String(Number(element.dataset.tilesLoaded || 0) + 1); });
        tileLayer.addTo(map);
        state = { map, districts: null, points: L.layerGroup().addTo(map) };
        maps.set(element, state);
        new ResizeObserver(() => map.invalidateSize()).observe(element);
    }

    if (boundaries) {
        state.districts = L.geoJSON(boundaries, { interactive: false }).addTo(state.map);
        state.map.fitBounds(state.districts.getBounds(), { padding: [16, 16] });
    }

    state.districts?.setStyle(feature => ({
        color: '#555555',
        weight: 1.2,
        fillColor: layers.fills[feature.properties.adcode]?.colour ?? '#f4f1ea',
        fillOpacity: 0.45,
    }));
    state.points.clearLayers();
    for (const p of layers.points) {
        // The colour is set through the DOM: the Content-Security-Policy admits no inline style attributes.
        const dot = document.createElement('span');
        dot.style.background = p.colour;
        const icon = L.divIcon({ className: 'map-point map-point-' + p.symbol, html: dot, iconSize: [16, 16] });
        L.marker([p.lat, p.lon], { icon, title: p.name, alt: p.name, keyboard: true })
            .on('click', () => window.location.assign(p.href))
            .on('keypress', e => { if (e.originalEvent.key === 'Enter') { window.location.assign(p.href); } })
            .addTo(state.points);
    }

    element.dataset.points = String(layers.points.length);
    element.dataset.rendered = 'true';
}

export function dispose(element) {
    maps.get(element)?.map.remove();
    maps.delete(element);
}
