/* What a plotly graph under `el` draws: its traces' data, as text to compare before and after a change. */
el => {
    const gd = el.querySelector('.js-plotly-plot');
    return gd && gd.data ? JSON.stringify(gd.data.map(t => [t.x, t.y, t.z, t.text, t.fillcolor, t.line, t.marker])) : null;
}
