/* Error outputs a student would see under `el`: stderr and tracebacks, and any of the `texts`. */
(el, texts) => {
    const found = [];
    for (const out of el.querySelectorAll('.jp-OutputArea-output[data-mime-type="application/vnd.jupyter.stderr"], .jp-RenderedText[data-mime-type="application/vnd.jupyter.stderr"]'))
        found.push('stderr/error output: ' + out.innerText.slice(0, 300));
    const text = el.innerText;
    for (const t of texts) if (text.includes(t)) found.push('visible text: ' + t);
    return found;
}
