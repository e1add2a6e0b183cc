/* Each matrix panel under `root`: its width, the narrowest it may be, and the width its figure is drawn at.

   root -> [{width, min, drawn}] in pixels: the explorer gives the matrix's box a min-width (its row
   names and a readable column per cause, figures/matrix.py min_matrix_width) and lets it shrink to
   that when the chosen cell's explanation sits beside it; the figure inside should follow the box. */
root => Array.from(document.querySelectorAll(root + ' .legpain-matrix-box'))
    .filter(el => el.getClientRects().length > 0)
    .map(el => {
        const svg = el.querySelector('.js-plotly-plot svg.main-svg');
        return {
            width: el.getBoundingClientRect().width,
            min: parseFloat(getComputedStyle(el).minWidth) || 0,
            drawn: svg ? svg.getBoundingClientRect().width : 0,
        };
    })
