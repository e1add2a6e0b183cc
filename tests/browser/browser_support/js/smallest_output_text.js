/* The smallest text on screen in the rendered prose and outputs under `root` (markdown, widgets,
   figures; code cells, prompts and JupyterLab's own bars left out), in CSS pixels, with its words: {px, text} or null. */
(root) => {
    let best = null;
    const skip = '.jp-InputArea, .jp-InputPrompt, .jp-OutputPrompt, .jp-Notebook-footer, .jp-cell-toolbar, .jp-Toolbar, .jp-Collapser, .hoverlayer, .modebar, script, style';
    const consider = (el, size) => {
        const text = Array.from(el.childNodes).filter(n => n.nodeType === 3).map(n => n.textContent).join(' ').replace(/\s+/g, ' ').trim();
        if (!text) return;
        if (best === null || size < best.px) best = {px: size, text: text.slice(0, 60)};
    };
    document.querySelectorAll(root + ' *').forEach(el => {
        if (el.closest(skip)) return;
        const s = getComputedStyle(el);
        if (s.display === 'none' || s.visibility === 'hidden' || el.getClientRects().length === 0) return;
        if (el instanceof SVGElement) {
            if (el.tagName !== 'text' && el.tagName !== 'tspan') return;
            const ctm = el.getScreenCTM();
            consider(el, parseFloat(s.fontSize) * (ctm ? Math.hypot(ctm.a, ctm.b) : 1));
        } else {
            consider(el, parseFloat(s.fontSize));
        }
    });
    return best;
}
