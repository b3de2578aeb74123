// Loaded first by /__sk/csp.html (a page served with a strict CSP): records CSP
// violations and any use of cookies or web storage, for the embedding test to read.
window.__violations = [];
window.__storageUse = [];
document.addEventListener('securitypolicyviolation', (e) => {
  window.__violations.push(`${e.violatedDirective}: ${e.blockedURI}`);
});
for (const name of ['localStorage', 'sessionStorage', 'indexedDB']) {
  Object.defineProperty(window, name, {
    configurable: true,
    get() {
      window.__storageUse.push(name);
      return undefined;
    },
  });
}
Object.defineProperty(document, 'cookie', {
  configurable: true,
  get() {
    window.__storageUse.push('cookie');
    return '';
  },
  set() {
    window.__storageUse.push('cookie');
  },
});
