/* Widget controls under `el` without a visible text label (description, wrapping label or button text). */
el => {
    const visible = e => !!e && e.offsetParent !== null && getComputedStyle(e).display !== 'none' && getComputedStyle(e).visibility !== 'hidden';
    const text = e => (e && e.innerText || '').replace(/[\u200b\s]+/g, ' ').trim();
    const bad = [];
    const controls = el.querySelectorAll('.jupyter-widgets input, .jupyter-widgets select, .jupyter-widgets textarea, .jupyter-widgets [role=slider], .jupyter-widgets button, .widget-radio input');
    for (const c of controls) {
        if (!visible(c) && c.type !== 'checkbox' && c.type !== 'radio') continue;
        if (c.closest('.js-plotly-plot')) continue;  // plotly's own mode bar
        let label = '';
        if (c.tagName === 'BUTTON') label = text(c) || c.getAttribute('aria-label') || '';
        else if (c.type === 'checkbox' || c.type === 'radio') label = text(c.closest('label'));
        if (!label) {
            const view = c.closest('.widget-inline-hbox, .widget-radio');
            const desc = view && view.querySelector(':scope > label.widget-label');
            if (desc && visible(desc)) label = text(desc);
        }
        if (!label) bad.push((c.outerHTML || '').slice(0, 160));
    }
    return bad;
}
