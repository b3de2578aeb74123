/**
 * The finder's search field with type-ahead, as a reactive controller: the ARIA 1.2 combobox
 * pattern (focus stays in the input, `aria-activedescendant` points at the active option),
 * suggestions fetched with a debounce and dropped when stale, and the keyboard (arrows,
 * Enter, Escape, Tab). The finder decides what choosing an option means.
 */
import { html, nothing, type ReactiveController, type ReactiveControllerHost, type TemplateResult } from 'lit';
import { live } from 'lit/directives/live.js';
import { Task } from '@lit/task';
import { ApiClient, wait, type SuggestResponse } from '../internal/api-client.js';
import type { Lang, Translation } from '../internal/i18n.js';

/** Debounce for search-as-you-type: long enough to skip most keystrokes, short enough to feel instant. */
export const DEBOUNCE_MS = 150;

/**
 * An activity suggestion. `detail` (the place or the organisation) is sent by search APIs
 * that know it, so two activities with the same title can be told apart.
 */
type ActivitySuggestion = SuggestResponse['activities'][number] & { detail?: string | null };

export interface SuggestOption {
  kind: 'need' | 'category' | 'activity';
  key: string;
  label: string;
  /** Secondary text (activities only): what tells two suggestions with the same title apart. */
  detail?: string;
}

export interface ComboboxHost extends ReactiveControllerHost, HTMLElement {
  readonly api: string;
}

export interface ComboboxCallbacks {
  lang(): Lang;
  /** The text in the field (as typed). */
  text(): string;
  input(text: string): void;
  choose(option: SuggestOption): void;
  /** Enter without a chosen option: search now. */
  submit(): void;
}

export class SuggestCombobox implements ReactiveController {
  private open = false;
  private active = -1;

  private readonly suggest: Task<readonly [string, string, Lang], SuggestResponse | null>;

  constructor(
    private readonly host: ComboboxHost,
    private readonly uid: string,
    private readonly callbacks: ComboboxCallbacks,
  ) {
    host.addController(this);
    this.suggest = new Task(host, {
      args: () => [host.api, this.open ? callbacks.text().trim() : '', callbacks.lang()] as const,
      task: async ([api, q, lang], { signal }) => {
        if (!api || q.length < 2) return null;
        await wait(DEBOUNCE_MS, signal);
        return new ApiClient(api).suggest(q, lang, signal);
      },
      onComplete: () => {
        this.active = -1;
      },
    });
  }

  hostDisconnected(): void {
    this.open = false;
    this.active = -1;
  }

  /** The options shown now: needs, categories, then activities. */
  get options(): SuggestOption[] {
    const s = this.suggest.value;
    if (!s || !this.open) return [];
    return [
      ...s.needs.map((n) => ({ kind: 'need' as const, key: n.key, label: n.label })),
      ...s.categories.map((c) => ({ kind: 'category' as const, key: c.key, label: c.label })),
      ...s.activities.map((a: ActivitySuggestion) => ({ kind: 'activity' as const, key: a.id, label: a.title, ...(a.detail ? { detail: a.detail } : {}) })),
    ];
  }

  close(): void {
    this.set(false, -1);
  }

  private set(open: boolean, active: number): void {
    this.open = open;
    this.active = active;
    this.host.requestUpdate();
  }

  private choose(option: SuggestOption): void {
    this.close();
    this.callbacks.choose(option);
  }

  // Arrow functions: Lit calls template listeners with the element as `this`.
  private readonly onInput = (e: InputEvent): void => {
    this.set(true, -1);
    this.callbacks.input((e.target as HTMLInputElement).value);
  };

  private readonly onKeydown = (e: KeyboardEvent): void => {
    const options = this.options;
    switch (e.key) {
      case 'ArrowDown':
        e.preventDefault();
        this.set(true, options.length ? (this.active + 1) % options.length : this.active);
        break;
      case 'ArrowUp':
        e.preventDefault();
        if (options.length) this.set(this.open, this.active <= 0 ? options.length - 1 : this.active - 1);
        break;
      case 'Enter': {
        e.preventDefault();
        const chosen = options[this.active];
        if (chosen) this.choose(chosen);
        else {
          this.close();
          this.callbacks.submit();
        }
        break;
      }
      case 'Escape':
        if (this.open && options.length) {
          e.preventDefault();
          this.close();
        }
        break;
      case 'Tab':
        this.close();
        break;
    }
  };

  render(t: Translation): TemplateResult {
    const options = this.options;
    const open = this.open && options.length > 0;
    const id = this.uid;
    const active = open && this.active >= 0 ? `${id}-opt-${this.active}` : undefined;
    const kindLabel = { need: t.suggestGroupNeeds, category: t.suggestGroupCategories, activity: t.suggestGroupActivities };
    return html`
      <div class="search" part="search">
        <label for="${id}-q">${t.searchLabel}</label>
        <div class="combo">
          <input
            id="${id}-q"
            part="search-input"
            type="search"
            role="combobox"
            autocomplete="off"
            spellcheck="false"
            aria-autocomplete="list"
            aria-expanded=${open ? 'true' : 'false'}
            aria-controls="${id}-suggestions"
            aria-activedescendant=${active ?? nothing}
            aria-describedby="${id}-hint"
            placeholder=${t.searchPlaceholder}
            .value=${live(this.callbacks.text())}
            @input=${this.onInput}
            @keydown=${this.onKeydown}
            @blur=${() => this.close()}
          />
          <ul id="${id}-suggestions" class="suggestions" part="suggestions" role="listbox" aria-label=${t.suggestions} ?hidden=${!open}>
            ${open
              ? options.map(
                  (o, i) => html`<li
                    id="${id}-opt-${i}"
                    class="option"
                    role="option"
                    aria-selected=${i === this.active ? 'true' : 'false'}
                    data-kind=${o.kind}
                    @mousedown=${(e: Event) => e.preventDefault()}
                    @click=${() => this.choose(o)}
                  >
                    <span class="kind">${kindLabel[o.kind]}</span><span class="label">${o.label}</span>${o.detail
                      ? html`<span class="detail" part="suggestion-detail"><span class="sr-only">, </span>${o.detail}</span>`
                      : nothing}
                  </li>`,
                )
              : nothing}
          </ul>
        </div>
        <p id="${id}-hint" class="hint">${t.searchHint}</p>
      </div>
    `;
  }
}
