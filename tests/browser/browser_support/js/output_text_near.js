/* The visible output text of the widget tree around the control `el` (not the controls themselves). */
el => {
    let top = el;
    while (top.parentElement && !top.parentElement.classList.contains('jp-OutputArea-output')
           && top.parentElement.tagName !== 'BODY') top = top.parentElement;
    return Array.from(top.querySelectorAll('.widget-html-content, .widget-output, .js-plotly-plot'))
        .map(e => e.innerText).join('\n');
}
