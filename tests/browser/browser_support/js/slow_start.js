/* Run in a page before it loads (as an init script): a slow laptop, made certain.

anywidget gives each widget 2 seconds to start its module, and afterwards drops every message from
Python to a widget that missed it. Starting plotly's figure code (a module of about 5 MB) keeps
the page busy for about a second here, and for longer on a slow laptop: while the page is busy,
the deadlines of figures that have not started yet run out. So the first time the page makes a
large module (over 1 MB) from text, it is kept busy for `stallMs`, as a slow laptop would be. The
page also counts those modules in window.__largeModules: plotly's figure code is one of them. */
stallMs => {
    const createObjectURL = URL.createObjectURL.bind(URL);
    window.__largeModules = 0;
    URL.createObjectURL = obj => {
        if (obj instanceof Blob && obj.size > 1e6 && /javascript/.test(obj.type)) {
            window.__largeModules += 1;
            if (window.__largeModules === 1) {
                const end = performance.now() + stallMs;
                while (performance.now() < end) { /* busy, as while compiling a large module */ }
            }
        }
        return createObjectURL(obj);
    };
}
