/* True once `widgets` widget views and (when `plots` > 0) a plotly figure are drawn under the element `root`.
   A widget view is a container of ipywidgets (.jupyter-widgets) or, for a plotly FigureWidget shown on its
   own, the figure's element (.js-plotly-plot), which carries no ipywidgets class. */
([root, widgets, plots]) => {
    const el = document.querySelector(root);
    if (!el) return false;
    const drawn = Array.from(el.querySelectorAll('.jp-OutputArea-output'))
        .filter(o => o.querySelector(':scope > .jupyter-widgets, :scope > .js-plotly-plot')).length;
    const graphs = el.querySelectorAll('.js-plotly-plot svg.main-svg').length;
    return drawn >= widgets && graphs >= Math.min(plots, 1);
}
