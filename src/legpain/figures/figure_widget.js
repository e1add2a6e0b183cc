// The browser side of the course's live figures (legpain/figures/figure_widget.py).
//
// anywidget gives up on a widget whose module has not started within 2 seconds, and then drops
// every message from Python to it. plotly's own widget module is about 5 MB, and a page compiled it
// once per figure: the page stayed busy past the deadline, and a figure could be drawn yet ignore
// its controls. So this small module stands in for it: it starts at once, loads plotly's module in
// the background (once per page, however many figures there are), and keeps any change that Python
// sends meanwhile, to hand it to plotly when plotly is ready. Each figure then draws itself as
// plotly's FigureWidget would.

// The model changes that plotly's widget model listens to (plotly.py, js/src/widget.ts).
const PLOTLY_MODEL_EVENTS = [
  "_widget_data",
  "_widget_layout",
  "_py2js_addTraces",
  "_py2js_deleteTraces",
  "_py2js_moveTraces",
  "_py2js_restyle",
  "_py2js_relayout",
  "_py2js_update",
  "_py2js_animate",
  "_py2js_removeLayoutProps",
  "_py2js_removeTraceProps",
];

// Starting plotly's module keeps the page busy for about a second (longer on a slow laptop).
// It waits until no figure has asked for it for this long, so that every figure of a page that is
// opening has started before the page gets busy.
const QUIET_MS = 300;

// plotly's module, compiled once per page and shared by every figure (keyed by its version).
function loadPlotlyModule(key, code) {
  const shared = (globalThis.__legpainPlotlyWidget ??= new Map());
  let entry = shared.get(key);
  if (entry === undefined) {
    let start;
    const loading = new Promise((resolve) => (start = resolve)).then(() => {
      const url = URL.createObjectURL(new Blob([code], { type: "text/javascript" }));
      return import(/* webpackIgnore: true */ /* @vite-ignore */ url).finally(() => URL.revokeObjectURL(url));
    });
    entry = { loading, start, timer: null, started: false };
    loading.catch(() => shared.delete(key)); // a figure drawn later may try again
    shared.set(key, entry);
  }
  if (!entry.started) {
    clearTimeout(entry.timer);
    entry.timer = setTimeout(() => {
      entry.started = true;
      entry.start();
    }, QUIET_MS);
  }
  return entry.loading;
}

// A figure whose layout sets no width takes the width of the space it is shown in, and follows it
// when that changes (presentation mode, the file browser closed, a window resized). plotly's widget
// draws before its element is on the page, when it has no width yet, so it falls back to 700 px;
// plotly's "responsive" option then resizes a figure only when the window fires a resize event.
// When Python changes a figure's height (high contrast, a filter), plotly pins its width to the
// width of the moment (it cannot autosize one side only), and would no longer follow the space:
// a width that Python did not set is let go before each resize.
function fitWidth(el, model) {
  let last = 0;
  let frame = 0;
  const fit = () => {
    const width = Math.round(el.getBoundingClientRect().width);
    if (width > 0 && Math.abs(width - last) > 2) {
      last = width;
      const pinned = el.layout && el.layout.width;
      if (pinned && !(model.get("_widget_layout") || {}).width) delete el.layout.width;
      cancelAnimationFrame(frame);
      frame = requestAnimationFrame(() => window.dispatchEvent(new Event("resize")));
    }
  };
  if (typeof ResizeObserver === "undefined") {
    setTimeout(fit, 0);
    return () => {};
  }
  const observer = new ResizeObserver(fit);
  observer.observe(el);
  return () => observer.disconnect();
}

export default () => {
  // This figure's plotly widget, once plotly's module is loaded and its model initialised.
  let plotlyWidget = null;

  return {
    initialize({ model, ...context }) {
      // Keep every change that arrives before plotly listens.
      const missed = [];
      const keepers = PLOTLY_MODEL_EVENTS.map((name) => {
        const keep = () => missed.push([name, model.get(name)]);
        model.on(`change:${name}`, keep);
        return [name, keep];
      });

      plotlyWidget = loadPlotlyModule(model.get("_plotly_bundle_key"), model.get("_plotly_bundle")).then(
        async (module) => {
          const widget = typeof module.default === "function" ? await module.default() : module.default;
          // plotly sees the model through this view of it, which notes its listeners and, while a
          // kept change is replayed, shows that change's value.
          const listeners = new Map();
          let replaying = null;
          const seenByPlotly = {
            ...model,
            get: (name) => (replaying !== null && replaying[0] === name ? replaying[1] : model.get(name)),
            on: (event, callback) => {
              model.on(event, callback);
              if (!listeners.has(event)) listeners.set(event, []);
              listeners.get(event).push(callback);
            },
          };
          // plotly's initialize adds its listeners at once; replay the kept changes straight after,
          // before any new change can arrive.
          const initialised = widget.initialize?.({ ...context, model: seenByPlotly });
          for (const [name, keep] of keepers) model.off(`change:${name}`, keep);
          for (const change of missed) {
            replaying = change;
            for (const callback of listeners.get(`change:${change[0]}`) ?? []) callback();
          }
          replaying = null;
          await initialised;
          return widget;
        },
      );
      plotlyWidget.catch((error) => console.error("[legpain] plotly's figure code did not load", error));
    },

    async render({ el, ...context }) {
      el.textContent = "Drawing the figure…";
      let widget;
      try {
        widget = await plotlyWidget;
      } catch (error) {
        el.textContent = "This figure could not be drawn. Reload the page to try again.";
        return undefined;
      }
      el.textContent = "";
      if (context.signal?.aborted) return undefined;
      const cleanup = await widget.render?.({ ...context, el });
      const stopFitting = fitWidth(el, context.model);
      return () => {
        stopFitting();
        if (typeof cleanup === "function") cleanup();
      };
    },
  };
};
