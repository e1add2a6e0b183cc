/* The layout of every plotly figure and course widget under `root`, as a list of problems in words.

   [root, minPx] -> [{figure, kind, detail}]. For each figure (named by its title, else its number):
   - overlap: two text boxes (titles, tick labels, legend entries, value labels, annotations) that
     overlap by more than 2 px each way;
   - cut: a text box that reaches past the figure's edge, or past the edge of its notebook cell;
   - unlabelled: a trace whose data gives a value label (`text`) to more points than show one;
   - small: text smaller than minPx (measured on screen, so any zoom counts), when minPx > 0.
   For each course widget: a label, button or menu whose text is cut short (ellipsis or clipping). */
([root, minPx]) => {
    const problems = [];
    const visible = el => {
        const s = getComputedStyle(el);
        if (s.display === 'none' || s.visibility === 'hidden' || Number(s.opacity) === 0) return false;
        const r = el.getBoundingClientRect();
        return r.width > 0.5 && r.height > 0.5 && !!el.closest('body') && el.getClientRects().length > 0;
    };
    const words = el => (el.textContent || '').replace(/\s+/g, ' ').trim();
    const box = el => el.getBoundingClientRect();
    const overlap = (a, b) => Math.min(a.right, b.right) - Math.max(a.left, b.left) > 2 && Math.min(a.bottom, b.bottom) - Math.max(a.top, b.top) > 2;
    const cellOf = el => el.closest('.jp-Cell .jp-OutputArea-output, .jp-OutputArea-output, section.slide, .reveal .slides > section, body');
    const graphs = Array.from(document.querySelectorAll(root + ' .js-plotly-plot')).filter(visible);
    const kindOf = t => {
        if (t.closest('.xtick, .x2tick')) return 'x tick';
        if (t.closest('.ytick, .y2tick')) return 'y tick';
        if (t.closest('.g-xtitle, .g-x2title')) return 'x-axis title';
        if (t.closest('.g-ytitle')) return 'y-axis title';
        if (t.closest('.g-gtitle')) return 'title';
        if (t.closest('.legend')) return 'legend';
        if (t.closest('.annotation')) return 'annotation';
        if (t.closest('.textpoint, .bartext, .hm text, .heatmaplayer, .textpoint')) return 'value label';
        return 'text';
    };
    graphs.forEach((gd, index) => {
        const title = gd.layout && gd.layout.title ? (typeof gd.layout.title === 'string' ? gd.layout.title : gd.layout.title.text) : '';
        const name = (title || `figure ${index + 1}`).replace(/<[^>]+>/g, ' ').replace(/\s+/g, ' ').trim();
        const svgBox = box(gd.querySelector('svg.main-svg') || gd);
        const cell = cellOf(gd);
        const cellBox = cell ? box(cell) : null;
        const texts = Array.from(gd.querySelectorAll('svg text'))
            .filter(t => words(t) && visible(t) && !t.closest('.hoverlayer, .modebar, .infolayer .rangeslider'))
            .map(t => ({el: t, text: words(t), kind: kindOf(t), rect: box(t)}));
        texts.forEach(t => {
            const r = t.rect;
            const edge = 1;
            if (r.left < svgBox.left - edge || r.right > svgBox.right + edge || r.top < svgBox.top - edge || r.bottom > svgBox.bottom + edge)
                problems.push({figure: name, kind: 'cut', detail: `${t.kind} '${t.text}' reaches past the figure's edge`});
            else if (cellBox && cell.tagName !== 'BODY' && (r.right > cellBox.right + edge || r.left < cellBox.left - edge))
                problems.push({figure: name, kind: 'cut', detail: `${t.kind} '${t.text}' reaches past its cell's edge`});
            if (minPx > 0) {
                const ctm = t.el.getScreenCTM();
                const size = parseFloat(getComputedStyle(t.el).fontSize) * (ctm ? Math.hypot(ctm.a, ctm.b) : 1);
                if (size + 0.05 < minPx) problems.push({figure: name, kind: 'small', detail: `${t.kind} '${t.text}' is ${size.toFixed(1)} px (at least ${minPx})`});
            }
        });
        for (let i = 0; i < texts.length; i++) {
            for (let j = i + 1; j < texts.length; j++) {
                const a = texts[i], b = texts[j];
                if (a.el.contains(b.el) || b.el.contains(a.el)) continue;
                if (overlap(a.rect, b.rect)) problems.push({figure: name, kind: 'overlap', detail: `${a.kind} '${a.text}' overlaps ${b.kind} '${b.text}'`});
            }
        }
        (gd._fullData || []).forEach((trace, ti) => {
            if (trace.visible !== true) return;
            const mode = trace.mode || '';
            const labelled = trace.type === 'bar' || trace.type === 'heatmap' || mode.includes('text');
            if (!labelled || !Array.isArray(trace.text)) return;
            const flat = trace.type === 'heatmap' ? trace.text.flat() : trace.text;
            const given = flat.filter((s, k) => s !== null && s !== undefined && String(s).trim() !== ''
                && (trace.type !== 'scatter' || (trace.x && trace.x[k] !== null && trace.x[k] !== undefined))).length;
            const layer = Array.from(gd.querySelectorAll('.trace, .hm')).filter(g => g.__data__ && g.__data__[0] && g.__data__[0].trace && g.__data__[0].trace.index === ti);
            const shown = new Set(layer.flatMap(g => Array.from(g.querySelectorAll('.textpoint text, .bartext, text'))).filter(t => words(t) && visible(t)));
            if (shown.size < given) problems.push({figure: name, kind: 'unlabelled', detail: `trace '${trace.name || ti}' gives ${given} value labels but shows ${shown.size}`});
        });
    });
    // Widget controls whose words are cut short.
    const controls = Array.from(document.querySelectorAll(
        `${root} .legpain-widget .widget-label, ${root} .legpain-widget .widget-label-basic span, ${root} .legpain-widget button, ` +
        `${root} .legpain-widget select, ${root} .legpain-widget .widget-toggle-button`)).filter(visible);
    controls.forEach(el => {
        const s = getComputedStyle(el);
        const text = el.tagName === 'SELECT' ? (el.selectedOptions[0] ? words(el.selectedOptions[0]) : '') : words(el);
        if (!text) return;
        const clipsX = el.scrollWidth > el.clientWidth + 1 && s.overflowX !== 'visible';
        const clipsY = el.tagName === 'SELECT'
            ? parseFloat(s.fontSize) * 1.15 > el.clientHeight - parseFloat(s.paddingTop) - parseFloat(s.paddingBottom) + 1
            : el.scrollHeight > el.clientHeight + 1 && s.overflowY !== 'visible';
        if (clipsX || clipsY || (s.textOverflow === 'ellipsis' && el.scrollWidth > el.clientWidth + 1)) {
            const panel = el.closest('.legpain-widget');
            const heading = panel && panel.querySelector('h3, h4, strong');
            problems.push({figure: `widget ${heading ? words(heading) : ''}`.trim(), kind: 'cut', detail: `${el.tagName.toLowerCase()} '${text}' is cut short`});
        }
    });
    return problems;
}
