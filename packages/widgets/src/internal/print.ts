/**
 * Printing one element of a page. A shadow root cannot be reached by the page's print CSS,
 * so the element to print is copied into a container directly under <body>, and one
 * document-level (constructable, CSP-safe) stylesheet hides every other child of <body>
 * in print media — including an open modal <dialog>, whose top-layer box needs its ancestors.
 */
export const PRINT_ROOT_ATTRIBUTE = 'data-sk-print-root';

let sheet: CSSStyleSheet | null = null;

function ensurePrintStyles(): void {
  if (sheet && document.adoptedStyleSheets.includes(sheet)) return;
  sheet ??= new CSSStyleSheet();
  sheet.replaceSync(`
    @media screen { [${PRINT_ROOT_ATTRIBUTE}] { display: none !important; } }
    @media print {
      @page { size: A4; margin: 12mm; }
      html, body { margin: 0 !important; padding: 0 !important; background: #fff !important; }
      body > :not([${PRINT_ROOT_ATTRIBUTE}]) { display: none !important; }
      [${PRINT_ROOT_ATTRIBUTE}] { display: block !important; }
    }
  `);
  document.adoptedStyleSheets = [...document.adoptedStyleSheets, sheet];
}

/** Puts `node` alone in the print container and returns a function that removes it again. */
export function mountForPrint(node: Element): () => void {
  ensurePrintStyles();
  let root = document.body.querySelector<HTMLElement>(`:scope > [${PRINT_ROOT_ATTRIBUTE}]`);
  if (!root) {
    root = document.createElement('div');
    root.setAttribute(PRINT_ROOT_ATTRIBUTE, '');
    document.body.append(root);
  }
  root.replaceChildren(node);
  return () => {
    if (root.firstElementChild === node) root.remove();
  };
}
