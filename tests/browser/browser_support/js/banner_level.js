/* The level of the urgency banner in `el` ('self-care' ... 'emergency'), '?' for a banner without one, null without a banner. */
el => {
    const b = el.querySelector('.legpain-banner');
    if (!b) return null;
    const c = Array.from(b.classList).find(k => k.startsWith('legpain-level-'));
    return c ? c.slice('legpain-level-'.length) : '?';
}
