/* True once every plotly graph under `root` has its SVG, and at least one is drawn when `expected` figures are. */
([root, expected]) => {
    const graphs = Array.from(document.querySelectorAll(root + ' .js-plotly-plot'));
    const drawn = graphs.filter(g => g.querySelector('svg.main-svg')).length;
    return (expected === 0 || drawn > 0) && drawn === graphs.length;
}
