/*
 * The course's service worker: it keeps a copy of the whole site in the browser, so that once
 * the site has been opened, it opens and runs with no internet connection (or with the classroom
 * server switched off).
 *
 * Template: tools/site/build_site.py fills in the list of the site's files and a version that
 * changes whenever any file changes (then the new site replaces the old copy).
 *
 * JupyterLite has its own service worker (it lets the kernel read and write the notebook files,
 * and answers input()). It is kept as it is, in jupyterlite-service-worker.js: this worker loads
 * it, answers from its copy every request for a file of the site, and hands every other request
 * to JupyterLite's worker.
 *
 * The worker starts at once; the copy is made after that, in the background, once the page's first
 * kernel is ready (the kernel needs the worker as soon as it starts, and copying the site over a
 * slow network takes a while). Files the page loads meanwhile go into the copy too. An unfinished
 * copy is finished on the next visit.
 */
(() => {
  'use strict';
  const SITE_VERSION = __SITE_VERSION__;
  const SITE_FILES = __SITE_FILES__;
  const CACHE_PREFIX = 'legpain-site-';
  const CACHE_NAME = CACHE_PREFIX + SITE_VERSION;
  const ROOT = new URL('./', self.location.href);
  const FILES = new Set(SITE_FILES);
  const PARALLEL = 4;

  // Load JupyterLite's worker, keeping its fetch handler to call ourselves (two handlers
  // cannot both answer one request).
  const jupyterliteFetch = [];
  const add = self.addEventListener.bind(self);
  self.addEventListener = (type, listener, options) => {
    if (type === 'fetch') jupyterliteFetch.push(listener);
    else add(type, listener, options);
  };
  try {
    importScripts(__JUPYTERLITE_SW__);
  } finally {
    self.addEventListener = add;
  }

  // Which file of the site a URL names ('' and folders mean their index.html), or null.
  function siteFile(url) {
    if (url.origin !== ROOT.origin || !url.pathname.startsWith(ROOT.pathname)) return null;
    let path = decodeURIComponent(url.pathname.slice(ROOT.pathname.length));
    if (path === '' || path.endsWith('/')) path += 'index.html';
    return FILES.has(path) ? path : null;
  }

  let copying = null;

  // Copy every file not yet kept (a few at a time); once the copy is whole, drop older ones.
  function keepCopy() {
    if (!copying) copying = copyMissing().finally(() => { copying = null; });
    return copying;
  }

  async function copyMissing() {
    const cache = await caches.open(CACHE_NAME);
    const have = new Set((await cache.keys()).map((request) => request.url));
    const todo = SITE_FILES.map((path) => new URL(path, ROOT).href).filter((url) => !have.has(url));
    let next = 0;
    let failed = 0;
    async function copier() {
      while (next < todo.length) {
        const url = todo[next++];
        try {
          // no-cache: ask the server (it may answer "not modified"), never trust an old HTTP cache entry.
          const response = await fetch(new Request(url, { cache: 'no-cache' }));
          if (response.ok) await cache.put(url, response);
          else failed++;
        } catch (error) {
          failed++; // offline now: the next visit finishes the copy
        }
      }
    }
    await Promise.all(Array.from({ length: PARALLEL }, copier));
    if (failed === 0) {
      for (const name of await caches.keys()) {
        if (name.startsWith(CACHE_PREFIX) && name !== CACHE_NAME) await caches.delete(name);
      }
    }
  }

  async function status() {
    const cache = await caches.open(CACHE_NAME);
    return { version: SITE_VERSION, files: SITE_FILES.length, kept: (await cache.keys()).length };
  }

  async function answer(event, path) {
    const url = new URL(path, ROOT).href;
    const cache = await caches.open(CACHE_NAME);
    const kept = await cache.match(url);
    if (kept) return kept;
    try {
      const response = await fetch(event.request);
      if (response.ok && event.request.headers.get('range') === null) {
        event.waitUntil(cache.put(url, response.clone()));
      }
      return response;
    } catch (error) {
      // Offline, in the middle of an update: an older copy of the file is better than none.
      const older = await caches.match(url);
      if (older) return older;
      throw error;
    }
  }

  // The copy starts when a page asks for it (each page of the site does, once its first kernel is
  // ready: see install_service_worker in build_site.py), not when the worker starts: copying the
  // whole site while Python starts would slow the start of a first visit.
  add('message', (event) => {
    if (event.data === 'legpain-site-status') {
      event.waitUntil(status().then((s) => event.source.postMessage(s)));
    } else if (event.data === 'legpain-keep-copy') {
      event.waitUntil(keepCopy());
    }
  });
  add('fetch', (event) => {
    const request = event.request;
    const path = request.method === 'GET' ? siteFile(new URL(request.url)) : null;
    if (path !== null) {
      event.respondWith(answer(event, path));
      if (copying) event.waitUntil(copying);
      return;
    }
    for (const listener of jupyterliteFetch) listener.call(self, event);
  });
})();
