/* Every colour that carries data in every plotly graph under `el`: marker, line, fill and colour scale. */
el => {
    const out = [];
    const add = (graph, trace, prop, value) => {
        if (value === undefined || value === null) return;
        if (Array.isArray(value)) { for (const v of value) add(graph, trace, prop, v); return; }
        if (typeof value === 'string') out.push({graph, trace, prop, colour: value});
    };
    Array.from(el.querySelectorAll('.js-plotly-plot')).forEach((gd, graph) => {
        const title = ((gd.querySelector('.gtitle') || {}).textContent || ('graph ' + graph));
        for (const t of (gd._fullData || [])) {
            if (t.visible === false || t.visible === 'legendonly') continue;
            const name = title + ' / ' + (t.name || t.type);
            const m = t.marker || {};
            const numericMarker = Array.isArray(m.color) && m.color.length && typeof m.color[0] === 'number';
            if (!numericMarker) add(name, t.type, 'marker.color', m.color);
            if (numericMarker || t.type === 'heatmap' || t.type === 'contour' || t.type === 'choropleth') {
                const scale = numericMarker ? m.colorscale : t.colorscale;
                for (const stop of (scale || [])) add(name, t.type, 'colorscale', stop[1]);
            }
            if (t.line && (t.type !== 'scatter' || String(t.mode || '').includes('lines'))) add(name, t.type, 'line.color', t.line.color);
            if (t.fill && t.fill !== 'none') add(name, t.type, 'fillcolor', t.fillcolor);
        }
    });
    return out;
}
