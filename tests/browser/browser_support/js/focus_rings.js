/* The focus ring of every kind of course control under `root` (tick box, menu, button, text box):
   each is focused in turn and its outline read. A ring thinner than 2px, or with a contrast under
   3:1 against the page behind it, is a problem in words. */
(root) => {
    const rgb = c => { const m = (c || '').match(/rgba?\(([^)]+)\)/); if (!m) return null; const p = m[1].split(',').map(Number); return p.length > 3 && p[3] === 0 ? null : p.slice(0, 3); };
    const lum = ([r, g, b]) => { const f = v => { v /= 255; return v <= 0.03928 ? v / 12.92 : Math.pow((v + 0.055) / 1.055, 2.4); }; return 0.2126 * f(r) + 0.7152 * f(g) + 0.0722 * f(b); };
    const contrast = (a, b) => { const [x, y] = [lum(a), lum(b)].sort((p, q) => q - p); return (x + 0.05) / (y + 0.05); };
    const behind = el => { for (let e = el.parentElement; e; e = e.parentElement) { const c = rgb(getComputedStyle(e).backgroundColor); if (c) return c; } return [255, 255, 255]; };
    const kinds = {'tick box': 'input[type=checkbox]', 'menu': 'select', 'button': 'button', 'text box': 'input[type=text], input[type=number], textarea'};
    const problems = [];
    const checked = {};
    for (const [kind, selector] of Object.entries(kinds)) {
        const all = Array.from(document.querySelectorAll(`${root} .legpain-widget ${selector}`))
            .filter(el => !el.disabled && el.getClientRects().length > 0);
        checked[kind] = all.length;
        for (const el of all.slice(0, 3)) {
            el.focus({preventScroll: true});
            const s = getComputedStyle(el);
            const width = s.outlineStyle === 'none' ? 0 : parseFloat(s.outlineWidth);
            const colour = rgb(s.outlineColor);
            const ratio = colour ? contrast(colour, behind(el)) : 0;
            const name = (el.closest('.widget-inline-hbox, .widget-checkbox, .jupyter-widgets') || el).innerText || el.value || kind;
            if (width < 2 || ratio < 3)
                problems.push({figure: 'focus ring', kind: 'weak', detail: `${kind} '${String(name).trim().slice(0, 40)}': outline ${width}px, contrast ${ratio.toFixed(1)}:1`});
            el.blur();
        }
    }
    return {problems, checked};
}
