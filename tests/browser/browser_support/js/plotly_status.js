/* Each plotly graph under `el`: whether an SVG with drawn traces is inside it. */
el => Array.from(el.querySelectorAll('.js-plotly-plot')).map(gd => ({
    svg: !!gd.querySelector('svg.main-svg'),
    traces: gd.querySelectorAll('.trace, .hm, .heatmaplayer image, .barlayer .point, .scatterlayer .point, .scatterlayer path.js-line').length,
    title: (gd.querySelector('.gtitle') || {}).textContent || '',
    // Values to draw; 0 for a chart that is empty on purpose (e.g. before anything is ticked).
    values: (gd.data || []).reduce((n, t) => n + Math.max(...['x', 'y', 'z', 'values', 'r', 'lat']
        .map(k => (t[k] && t[k].length) || 0)), 0),
}))
