/* The current reveal.js slide: its blocks (heading, lines, banner, plot, summary) that reach past the
   1280 x 720 canvas or overlap one another, as problems in words; and the slide's scale on screen. */
() => {
    const slide = Reveal.getCurrentSlide();
    const canvas = document.querySelector('.reveal .slides').getBoundingClientRect();
    const scale = Reveal.getScale();
    const words = el => (el.innerText || el.textContent || '').replace(/\s+/g, ' ').trim().slice(0, 60);
    const blocks = Array.from(slide.querySelectorAll(':scope > h1, :scope > h2, :scope > p, :scope > ul, :scope > div'))
        .filter(el => el.getClientRects().length > 0 && !el.classList.contains('notes'));
    const problems = [];
    blocks.forEach(el => {
        const r = el.getBoundingClientRect();
        if (r.left < canvas.left - 1 || r.right > canvas.right + 1 || r.top < canvas.top - 1 || r.bottom > canvas.bottom + 1)
            problems.push({figure: 'slide', kind: 'cut', detail: `'${words(el)}' reaches past the 1280 x 720 slide`});
    });
    for (let i = 0; i < blocks.length; i++) {
        for (let j = i + 1; j < blocks.length; j++) {
            const a = blocks[i].getBoundingClientRect(), b = blocks[j].getBoundingClientRect();
            if (Math.min(a.right, b.right) - Math.max(a.left, b.left) > 2 && Math.min(a.bottom, b.bottom) - Math.max(a.top, b.top) > 2)
                problems.push({figure: 'slide', kind: 'overlap', detail: `'${words(blocks[i])}' overlaps '${words(blocks[j])}'`});
        }
    }
    return {scale, problems, heading: words(slide.querySelector('h1, h2') || slide)};
}
