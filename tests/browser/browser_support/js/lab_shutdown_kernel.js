/* Stop the kernel of the notebook JupyterLab shows. */
async () => {
    const w = window.jupyterapp.shell.currentWidget;
    if (w && w.sessionContext) await w.sessionContext.shutdown();
}
