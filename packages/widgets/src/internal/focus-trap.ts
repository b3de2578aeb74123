/**
 * Keeps Tab and Shift+Tab inside a modal dialog: `showModal()` makes the page behind it inert,
 * but Tab would still leave for the browser's toolbar. Works inside a shadow root.
 */

/** Focusable controls of `root` in tab order (DOM order: nothing here sets a positive tabindex). */
export function tabbables(root: HTMLElement): HTMLElement[] {
  const all = [...root.querySelectorAll<HTMLElement>('button, input, textarea, select, a[href]')];
  return all.filter((el) => {
    if ((el as HTMLButtonElement).disabled || el.getClientRects().length === 0) return false;
    if (el instanceof HTMLInputElement && el.type === 'radio') {
      // A radio group is one tab stop: the checked radio, or the first one.
      const group = all.filter((r): r is HTMLInputElement => r instanceof HTMLInputElement && r.type === 'radio' && r.name === el.name);
      const checked = group.find((r) => r.checked);
      return checked ? checked === el : group[0] === el;
    }
    return true;
  });
}

/**
 * A keydown handler for `dialog`: Tab on the last control wraps to the first, Shift+Tab on the
 * first (or on the dialog itself, or on `start`, the heading that gets focus on open) to the last.
 */
export function focusTrap(dialog: () => HTMLElement | null, start?: () => HTMLElement | null): (e: KeyboardEvent) => void {
  return (e) => {
    if (e.key !== 'Tab') return;
    const root = dialog();
    if (!root) return;
    const items = tabbables(root);
    if (!items.length) return;
    const rootNode = root.getRootNode();
    const active = rootNode instanceof ShadowRoot ? rootNode.activeElement : document.activeElement;
    const first = items[0]!;
    const last = items[items.length - 1]!;
    if (!e.shiftKey && active === last) {
      e.preventDefault();
      first.focus();
    } else if (e.shiftKey && (active === first || active === root || (start && active === start()))) {
      e.preventDefault();
      last.focus();
    }
  };
}
