/*
 * The start notice of the browser version: while a lesson's Python starts (in the browser, which
 * takes a few seconds), a box at the top of the lesson says so, how long it usually takes, and
 * what to do if it never finishes; the box goes as soon as Python is ready. The start page
 * (lesson 00) also keeps a short note on what the browser version is.
 *
 * Template: tools/site/build_site.py fills in the words (__NOTICE__) and adds this script to the
 * site's JupyterLab page. It reads JupyterLab's state through window.jupyterapp (the site sets
 * exposeAppInBrowser) and only adds and removes its own boxes.
 */
(() => {
  'use strict';
  const NOTICE = __NOTICE__;
  const CHECK_MS = 250;
  const started = new Map(); // notebook panel id -> performance.now() when its start was first seen

  const STYLE = `
.legpain-start-notice, .legpain-site-note {
  margin: 8px 12px 4px 12px; padding: 10px 14px; border-radius: 4px; font-size: 15px; line-height: 1.45;
  font-family: var(--jp-ui-font-family, sans-serif); max-width: 60em;
}
.legpain-start-notice { position: sticky; top: 0; z-index: 10; background: #FFF4CE; color: #1A1A1A; border: 2px solid #8A6D00; }
.legpain-site-note { background: #EAF2FB; color: #1A1A1A; border: 1px solid #1F5F99; }
.legpain-start-notice p, .legpain-site-note p { margin: 0.25em 0; }
.legpain-start-notice .legpain-start-slow { font-weight: bold; }
`;

  function addStyle() {
    if (document.getElementById('legpain-start-notice-style')) return;
    const style = document.createElement('style');
    style.id = 'legpain-start-notice-style';
    style.textContent = STYLE;
    document.head.appendChild(style);
  }

  function paragraph(text, className) {
    const p = document.createElement('p');
    p.textContent = text;
    if (className) p.className = className;
    return p;
  }

  // Where the boxes go: the top of the notebook's scrolling area, above the first cell.
  function topOf(panel) {
    const node = panel.content && panel.content.node;
    if (!node) return null;
    return node.querySelector(':scope > .jp-WindowedPanel-outer') || node;
  }

  function kernelState(panel) {
    const context = panel.sessionContext;
    const session = context && context.session;
    const kernel = session && session.kernel;
    if (context && context.isReady && !session) return 'none'; // the student chose No Kernel
    if (!kernel) return 'starting';
    if (kernel.status === 'idle' || kernel.status === 'busy') return 'ready';
    if (kernel.status === 'dead') return 'dead';
    return 'starting'; // unknown, starting, restarting, autorestarting
  }

  function seconds(ms) {
    return Math.max(0, Math.round(ms / 1000));
  }

  function showStarting(panel, top, since) {
    let box = top.querySelector(':scope > .legpain-start-notice');
    if (!box) {
      box = document.createElement('div');
      box.className = 'legpain-start-notice';
      box.setAttribute('role', 'status');
      box.setAttribute('aria-live', 'polite');
      box.append(paragraph(NOTICE.starting), paragraph(NOTICE.how_long), paragraph(NOTICE.if_stuck),
                 paragraph('', 'legpain-start-elapsed'), paragraph('', 'legpain-start-slow'));
      top.prepend(box);
    }
    const waited = seconds(performance.now() - since);
    const elapsed = box.querySelector('.legpain-start-elapsed');
    const text = NOTICE.elapsed.replace('{seconds}', String(waited));
    if (elapsed.textContent !== text) elapsed.textContent = text;
    const slow = box.querySelector('.legpain-start-slow');
    const slowText = waited >= NOTICE.slow_after_s ? NOTICE.slow : '';
    if (slow.textContent !== slowText) slow.textContent = slowText;
  }

  function showDead(top) {
    let box = top.querySelector(':scope > .legpain-start-notice');
    if (!box) {
      box = document.createElement('div');
      box.className = 'legpain-start-notice';
      box.setAttribute('role', 'status');
      top.prepend(box);
    }
    if (!box.classList.contains('legpain-start-dead')) {
      box.classList.add('legpain-start-dead');
      box.replaceChildren(paragraph(NOTICE.dead));
    }
  }

  function siteNote(panel, top) {
    const path = panel.context && panel.context.path;
    if (path !== NOTICE.first_page || top.querySelector(':scope > .legpain-site-note')) return;
    const note = document.createElement('div');
    note.className = 'legpain-site-note';
    note.setAttribute('role', 'note');
    note.setAttribute('aria-label', NOTICE.site_note_label);
    for (const text of NOTICE.site_note) note.append(paragraph(text));
    const notice = top.querySelector(':scope > .legpain-start-notice');
    if (notice) notice.after(note); else top.prepend(note);
  }

  function check() {
    const app = window.jupyterapp;
    if (!app || !app.shell) return;
    addStyle();
    for (const panel of app.shell.widgets('main')) {
      if (!panel.sessionContext || !panel.content) continue;
      const top = topOf(panel);
      if (!top) continue;
      siteNote(panel, top);
      const state = kernelState(panel);
      if (state === 'ready' || state === 'none') {
        started.delete(panel.id);
        const box = top.querySelector(':scope > .legpain-start-notice');
        if (box) box.remove();
      } else if (state === 'dead') {
        showDead(top);
      } else {
        // The first lesson of the page started with the page itself: count from its loading.
        if (!started.has(panel.id)) started.set(panel.id, started.size === 0 && !window.__legpainStartSeen ? 0 : performance.now());
        window.__legpainStartSeen = true;
        showStarting(panel, top, started.get(panel.id));
      }
    }
  }

  setInterval(check, CHECK_MS);
  document.addEventListener('DOMContentLoaded', check);
})();
