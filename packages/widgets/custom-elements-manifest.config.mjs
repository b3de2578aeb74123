// custom-elements.json: what IDEs, docs and framework wrappers read (package.json "customElements").
// Elements register through the guarded `defineElement(tag, class)` in their folder's
// define.ts; the analyzer does not follow that helper, so the definitions are added here
// from each class's @tagname (and the helper's own generic `customElements.define` dropped).
function guardedDefinitions() {
  return {
    name: 'sk-guarded-definitions',
    packageLinkPhase({ customElementsManifest }) {
      const modules = customElementsManifest.modules;
      for (const m of modules) m.exports = (m.exports ?? []).filter((e) => e.kind !== 'custom-element-definition' || e.name.includes('-'));
      for (const m of modules) {
        for (const d of m.declarations ?? []) {
          if (!d.customElement || !d.tagName) continue;
          const definePath = m.path.replace(/[^/]+$/, 'define.ts');
          const target = modules.find((x) => x.path === definePath) ?? m;
          target.exports ??= [];
          if (!target.exports.some((e) => e.kind === 'custom-element-definition' && e.name === d.tagName)) {
            target.exports.push({ kind: 'custom-element-definition', name: d.tagName, declaration: { name: d.name, module: m.path } });
          }
        }
      }
    },
  };
}

export default {
  globs: ['src/**/*.ts'],
  exclude: ['src/**/*.test.ts', 'src/**/*.d.ts'],
  outdir: '.',
  litelement: true,
  dependencies: false,
  packagejson: false,
  plugins: [guardedDefinitions()],
};
