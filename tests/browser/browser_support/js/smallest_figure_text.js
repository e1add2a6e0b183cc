/* The smallest text on screen in the plotly figures under `root`, in CSS pixels (null when none). */
(root) => {
    let smallest = null;
    document.querySelectorAll(root + ' .js-plotly-plot svg text').forEach(t => {
        if (!(t.textContent || '').trim() || t.closest('.hoverlayer, .modebar')) return;
        const s = getComputedStyle(t);
        if (s.display === 'none' || s.visibility === 'hidden' || t.getClientRects().length === 0) return;
        const ctm = t.getScreenCTM();
        const size = parseFloat(s.fontSize) * (ctm ? Math.hypot(ctm.a, ctm.b) : 1);
        if (smallest === null || size < smallest) smallest = size;
    });
    return smallest;
}
