/* Clear the saved outputs, run every cell (or give up after `timeout` ms), and return what each cell produced. */
async (timeout) => {
    const panel = window.jupyterapp.shell.currentWidget;
    await panel.context.ready; await panel.sessionContext.ready;
    const app = window.jupyterapp;
    await app.commands.execute('notebook:clear-all-cell-outputs');
    for (const cell of panel.content.widgets) { if (cell.model.type === 'code') cell.model.executionCount = null; }
    const started = performance.now();
    const ok = await Promise.race([
        app.commands.execute('notebook:run-all-cells'),
        new Promise(r => setTimeout(() => r('timeout'), timeout)),
    ]);
    const cells = panel.content.widgets.map((cell, index) => ({
        index, type: cell.model.type, source: cell.model.sharedModel.getSource(),
        execution_count: cell.model.type === 'code' ? cell.model.executionCount : null,
        outputs: cell.model.type === 'code' ? cell.model.outputs.toJSON() : [],
    }));
    return {ok, seconds: (performance.now() - started) / 1000, cells};
}
