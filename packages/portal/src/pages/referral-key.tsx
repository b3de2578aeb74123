/**
 * "Sleutel voor verwijzingen": the coach team's key is made, kept and published by the
 * browser script /assets/js/referral-key.js (WebCrypto, IndexedDB); the page is its frame and
 * says what it needs. The forms stay hidden until the script shows them: without
 * JavaScript there is no way to make a key that never leaves the device.
 */
import { Hono } from 'hono';
import { currentReferralKey, type Db, type Organisation } from '@sociale-kaart/db';
import { INBOX_MESSAGES } from './inbox-i18n.js';
import { Frame, Notice } from './layout.js';
import type { PageEnv } from './session.js';

type OrgEnv = PageEnv & { Variables: PageEnv['Variables'] & { organisation: Organisation } };

export function referralKeyRoutes(deps: { db: Db }): Hono<OrgEnv> {
  const app = new Hono<OrgEnv>();
  app.get('/sleutel', async (c) => {
    const { t, lang, user, csrf, organisation } = c.var;
    const m = INBOX_MESSAGES[lang];
    const key = await currentReferralKey(deps.db, organisation.id);
    return c.html(
      <Frame title={m.key.title} t={t} lang={lang} user={user} csrf={csrf} path="/sleutel">
        <p>{m.key.intro}</p>
        <noscript>
          <Notice kind="warning">{m.noScript}</Notice>
        </noscript>
        <h2 class="utrecht-heading-2">{m.key.published}</h2>
        <p id="published-key">{key ? m.key.publishedKid(key.kid) : m.key.publishedNone}</p>
        <div id="key-app" data-organisation={organisation.id} data-csrf={csrf} data-published-kid={key?.kid ?? ''} data-lang={lang}>
          <h2 class="utrecht-heading-2">{m.key.onDevice}</h2>
          <p id="device-keys" role="status"></p>
          <section hidden data-needs-script>
            <h2 class="utrecht-heading-2">{m.key.create}</h2>
            <p>{m.key.createHelp}</p>
            <form id="create-key" novalidate>
              <div class="field">
                <label for="k-passphrase">{m.key.passphrase}</label>
                <p class="help" id="k-passphrase-help">
                  {m.key.passphraseHelp}
                </p>
                <input type="password" id="k-passphrase" name="passphrase" autocomplete="new-password" aria-describedby="k-passphrase-help k-strength" required />
                <p id="k-strength" class="help" aria-live="polite"></p>
              </div>
              <div class="field">
                <label for="k-repeat">{m.key.repeat}</label>
                <input type="password" id="k-repeat" name="repeat" autocomplete="new-password" required />
              </div>
              {key ? (
                <fieldset class="utrecht-form-fieldset" aria-describedby="k-rotate-help">
                  <legend class="utrecht-form-fieldset__legend">{m.key.rotate}</legend>
                  <p class="help" id="k-rotate-help">
                    {m.key.rotateHelp}
                  </p>
                  <div class="field">
                    <label for="k-previous-file">{m.key.previousFile}</label>
                    <input type="file" id="k-previous-file" name="previousFile" accept=".json,application/json" />
                  </div>
                  <div class="field">
                    <label for="k-previous-passphrase">{m.key.previousPassphrase}</label>
                    <input type="password" id="k-previous-passphrase" name="previousPassphrase" autocomplete="current-password" />
                  </div>
                </fieldset>
              ) : null}
              <button type="submit" class="utrecht-button utrecht-button--primary-action">
                {m.key.createButton}
              </button>
            </form>
            <div id="create-result" role="status"></div>
            <h2 class="utrecht-heading-2">{m.key.import}</h2>
            <p>{m.key.importHelp}</p>
            <form id="import-key" novalidate>
              <div class="field">
                <label for="k-file">{m.key.file}</label>
                <input type="file" id="k-file" name="file" accept=".json,application/json" required />
              </div>
              <div class="field">
                <label for="k-import-passphrase">{m.key.passphrase}</label>
                <input type="password" id="k-import-passphrase" name="passphrase" autocomplete="current-password" required />
              </div>
              <button type="submit" class="utrecht-button utrecht-button--secondary-action">
                {m.key.importButton}
              </button>
            </form>
            <div id="import-result" role="status"></div>
          </section>
        </div>
        <script type="module" src="/assets/js/referral-key.js"></script>
      </Frame>,
    );
  });
  return app;
}
