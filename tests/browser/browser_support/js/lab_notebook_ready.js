/* True once JupyterLab shows the notebook `name` and its kernel is idle. */
name => {
    const app = window.jupyterapp;
    if (!app) return false;
    const w = app.shell.currentWidget;
    return !!(w && w.context && w.context.path === name && w.sessionContext && w.sessionContext.session
              && w.sessionContext.session.kernel && w.sessionContext.session.kernel.status === 'idle');
}
