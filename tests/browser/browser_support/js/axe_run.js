/* axe-core's violations in the part of the page that `sel` selects (the whole page when it is null). */
async (sel) => {
    const context = sel ? {include: [sel]} : document;
    const result = await window.axe.run(context, {resultTypes: ['violations']});
    return result.violations.map(v => ({
        id: v.id, impact: v.impact, help: v.help,
        nodes: v.nodes.map(n => ({target: n.target.join(' '), html: n.html.slice(0, 200), summary: (n.failureSummary || '').slice(0, 300)})),
    }));
}
