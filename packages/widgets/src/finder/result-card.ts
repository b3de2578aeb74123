/**
 * A result card of the finder and the badges it shares with the detail view. Plain template
 * functions: the finder owns the state, these only render what they are given. Feed text is
 * rendered as text (matches are marked with `<mark>`, never with markup from the feed).
 */
import { html, nothing, type TemplateResult } from 'lit';
import type { SearchHit } from '../internal/api-client.js';
import { contactList } from '../internal/contact-list.js';
import { formatDistance, formatNextSession } from '../internal/format.js';
import { heading } from '../internal/heading.js';
import { renderHighlight, stripHighlight } from '../internal/highlight.js';
import type { Translation } from '../internal/i18n.js';

/** What the card and detail templates need from the finder. */
export interface FinderView {
  t: Translation;
  mode: 'professional' | 'public';
  /** The level of result titles and of the activity title in the detail view. */
  headingLevel: number;
  /** A readable label for a facet key (`category`, `need`, `audience` …). */
  label(group: string, key: string): string;
}

export interface CardActions {
  highlighted: boolean;
  highlight(id: string | null): void;
  open(id: string): void;
}

type BadgeSource = Pick<SearchHit, 'acceptsWelzijnOpRecept' | 'isWelzijnscoach' | 'referralRequired' | 'free' | 'online' | 'stale'> & {
  wheelchairAccessible?: boolean | null;
};

export function renderBadges(a: BadgeSource, view: FinderView): TemplateResult | typeof nothing {
  const { t } = view;
  const badges: TemplateResult[] = [];
  if (a.acceptsWelzijnOpRecept) badges.push(html`<li class="badge wor" part="badge">${t.welzijnOpRecept}</li>`);
  if (a.isWelzijnscoach) badges.push(html`<li class="badge" part="badge">${t.welzijnscoach}</li>`);
  if (a.free) badges.push(html`<li class="badge neutral" part="badge">${t.free}</li>`);
  if (a.online) badges.push(html`<li class="badge neutral" part="badge">${t.online}</li>`);
  if (a.wheelchairAccessible) badges.push(html`<li class="badge neutral" part="badge">${t.wheelchair}</li>`);
  if (view.mode === 'professional' && a.referralRequired) badges.push(html`<li class="badge neutral" part="badge">${t.referralRequired}</li>`);
  // Said in words, not colour alone: the organisation has not confirmed these details for a long time.
  if (a.stale) badges.push(html`<li class="badge neutral stale" part="badge badge-stale">${t.stale}</li>`);
  return badges.length ? html`<ul class="badges">${badges}</ul>` : nothing;
}

/** The labels of the contact list, from the finder's translation. */
export function contactLabels(t: Translation) {
  return { phone: t.phone, email: t.email, intakeEmail: t.intakeEmail, website: t.website };
}

export function renderCard(hit: SearchHit, view: FinderView, actions: CardActions): TemplateResult {
  const { t } = view;
  const next = formatNextSession(hit.nextSession, t);
  const distance = formatDistance(hit.distanceKm, t);
  const title = stripHighlight(hit.highlight?.title || hit.title);
  const highlighted = actions.highlighted;
  const titleButton = html`<button
    type="button"
    class="title-button"
    part="card-title"
    data-card-title=${hit.id}
    aria-label=${t.showDetails(title)}
    @click=${() => actions.open(hit.id)}
  >
    ${renderHighlight(hit.highlight?.title || hit.title)}
  </button>`;
  return html`
    <article
      class="card ${highlighted ? 'is-highlighted' : ''}"
      part=${highlighted ? 'card card-highlighted' : 'card'}
      data-id=${hit.id}
      @mouseenter=${() => actions.highlight(hit.id)}
      @mouseleave=${() => actions.highlight(null)}
      @focusin=${() => actions.highlight(hit.id)}
      @focusout=${() => actions.highlight(null)}
    >
      ${heading(view.headingLevel, titleButton, { class: 'card-heading' })}
      <p class="org">${hit.organization.name}</p>
      ${renderBadges(hit, view)}
      ${hit.summary ? html`<p class="summary">${renderHighlight(hit.highlight?.summary || hit.summary)}</p>` : nothing}
      <dl class="meta">
        ${distance ? html`<div><dt class="sr-only">${t.radiusLabel}</dt><dd>${distance}</dd></div>` : nothing}
        ${next ? html`<div><dt>${t.nextSession}:</dt> <dd>${next}</dd></div>` : nothing}
        ${hit.schedule ? html`<div><dt class="sr-only">${t.when}</dt><dd>${hit.schedule}</dd></div>` : nothing}
        <div><dt class="sr-only">${t.cost}</dt><dd>${hit.free ? t.free : hit.costDescription || t.costUnknown}</dd></div>
      </dl>
      ${contactList({ phone: hit.contact.phone, email: hit.contact.email, website: hit.contact.url }, contactLabels(t), t.contact)}
    </article>
  `;
}
