// Timing harness shared by both pages: the time from the last keystroke (the last `input`
// event, captured before anything else sees it) to the results for that text being in the
// DOM and laid out. `window.skBench.waitFor(q)` resolves with the latency for text `q`.
let lastInput = 0;
window.addEventListener('input', () => { lastInput = performance.now(); }, true);

let pending = null;
window.skBench = {
  apiBase: new URLSearchParams(location.search).get('api'),
  waitFor(q) {
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`no results rendered for "${q}" within 15 s`)), 15000);
      pending = { q, resolve: (v) => { clearTimeout(timer); resolve(v); }, reject };
    });
  },
  /** Called by the page once the results for `q` are in the DOM. */
  rendered(q, resultsNode, extra) {
    if (!pending || pending.q !== q) return;
    const p = pending;
    pending = null;
    resultsNode.getBoundingClientRect(); // include style and layout, as a user would wait for them
    p.resolve({ ms: performance.now() - lastInput, ...extra });
  },
};
