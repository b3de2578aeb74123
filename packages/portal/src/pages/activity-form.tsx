/**
 * The activity form: every field a provider owns, as plain HTML that works without
 * JavaScript. Submitted values become an HSDS 3.1 service record, which then goes through
 * exactly the validation a feed or the API gets; each error comes back beside its field.
 */
import { audiences, categories, days, needs, type Activity } from '@sociale-kaart/schema';
import type { FieldError } from '../records.js';
import type { Lang, Messages } from './i18n.js';
import { Csrf } from './layout.js';
import { field, fields, type PageEnv } from './session.js';

export interface FormValues {
  key: string;
  name: string;
  summary: string;
  description: string;
  categories: string[];
  needs: string[];
  audience: string[];
  freq: '' | 'WEEKLY' | 'MONTHLY';
  days: string[];
  opensAt: string;
  closesAt: string;
  validFrom: string;
  validTo: string;
  locationName: string;
  street: string;
  postcode: string;
  city: string;
  online: boolean;
  free: boolean;
  costDescription: string;
  phone: string;
  email: string;
  url: string;
  wheelchair: boolean;
  registration: boolean;
  wor: boolean;
}

export const EMPTY_FORM: FormValues = {
  key: '', name: '', summary: '', description: '', categories: [], needs: [], audience: [], freq: '', days: [], opensAt: '', closesAt: '', validFrom: '', validTo: '',
  locationName: '', street: '', postcode: '', city: '', online: false, free: false, costDescription: '', phone: '', email: '', url: '', wheelchair: false, registration: false, wor: false,
};

export function valuesFromForm(form: PageEnv['Variables']['form']): FormValues {
  const freq = field(form, 'freq');
  return {
    key: field(form, 'key'),
    name: field(form, 'name'),
    summary: field(form, 'summary'),
    description: field(form, 'description'),
    categories: fields(form, 'categories'),
    needs: fields(form, 'needs'),
    audience: fields(form, 'audience'),
    freq: freq === 'WEEKLY' || freq === 'MONTHLY' ? freq : '',
    days: fields(form, 'days'),
    opensAt: field(form, 'opensAt'),
    closesAt: field(form, 'closesAt'),
    validFrom: field(form, 'validFrom'),
    validTo: field(form, 'validTo'),
    locationName: field(form, 'locationName'),
    street: field(form, 'street'),
    postcode: field(form, 'postcode'),
    city: field(form, 'city'),
    online: field(form, 'online') === 'ja',
    free: field(form, 'free') === 'ja',
    costDescription: field(form, 'costDescription'),
    phone: field(form, 'phone'),
    email: field(form, 'email'),
    url: field(form, 'url'),
    wheelchair: field(form, 'wheelchair') === 'ja',
    registration: field(form, 'registration') === 'ja',
    wor: field(form, 'wor') === 'ja',
  };
}

/** The form of an existing activity, from its first document (what search shows). */
export function valuesFromDocument(key: string, doc: Activity): FormValues {
  const s = doc.schedules[0];
  const rruleToDay = new Map(days.map((d) => [d.rrule, d.key]));
  return {
    ...EMPTY_FORM,
    key,
    name: doc.title,
    summary: doc.summary ?? '',
    description: doc.description,
    categories: [...doc.categories],
    needs: [...doc.needs],
    audience: [...doc.audience],
    freq: s?.freq === 'weekly' ? 'WEEKLY' : s?.freq === 'monthly' ? 'MONTHLY' : '',
    days: (s?.byday ?? []).map((d) => rruleToDay.get(d.replace(/^[-+\d]+/, '')) ?? '').filter(Boolean),
    opensAt: s?.opensAt ?? '',
    closesAt: s?.closesAt ?? '',
    validFrom: s?.validFrom ?? '',
    validTo: s?.validTo ?? '',
    locationName: doc.location?.name ?? '',
    street: doc.location?.street ?? '',
    postcode: doc.location?.postcode ?? '',
    city: doc.location?.city ?? '',
    online: doc.online && !!doc.location,
    free: doc.free,
    costDescription: doc.costDescription ?? '',
    phone: doc.phone ?? '',
    email: doc.email ?? '',
    url: doc.url ?? '',
    wheelchair: doc.wheelchairAccessible === true,
    registration: doc.referralRequired,
    wor: doc.acceptsWelzijnOpRecept,
  };
}

const term = (code: string, name: string) => ({ taxonomy_term: { code, name } });

/** Form values → an HSDS 3.1 service record (attributes carry our taxonomy keys). */
export function recordFromValues(v: FormValues): Record<string, unknown> {
  const dayRrule = new Map(days.map((d) => [d.key as string, d.rrule]));
  const attributes = [
    ...v.categories.map((k) => term(k, categories.find((c) => c.key === k)?.label.nl ?? k)),
    ...v.needs.map((k) => term(k, needs.find((n) => n.key === k)?.label.nl ?? k)),
    ...v.audience.map((k) => term(k, audiences.find((a) => a.key === k)?.label.nl ?? k)),
    ...(v.wor ? [term('welzijn-op-recept', 'Welzijn op Recept')] : []),
    ...(v.registration ? [term('aanmelden-nodig', 'aanmelden nodig')] : []),
    ...(v.wheelchair ? [term('rolstoeltoegankelijk', 'rolstoeltoegankelijk')] : []),
  ];
  const hasPlace = !!(v.street || v.postcode || v.city || v.locationName);
  const record: Record<string, unknown> = {
    name: v.name,
    description: v.description,
    status: 'active',
    attributes,
  };
  if (v.summary) record.summary = v.summary;
  if (v.email) record.email = v.email;
  if (v.url) record.url = v.url;
  if (v.phone) record.phones = [{ number: v.phone }];
  if (v.free) record.cost_options = [{ option: 'Gratis', amount: 0, currency: 'EUR' }];
  if (v.costDescription) record.fees_description = v.costDescription;
  if (v.freq) {
    record.schedules = [
      {
        freq: v.freq,
        interval: 1,
        ...(v.days.length ? { byday: v.days.map((d) => dayRrule.get(d) ?? d).join(',') } : {}),
        ...(v.opensAt ? { opens_at: v.opensAt } : {}),
        ...(v.closesAt ? { closes_at: v.closesAt } : {}),
        ...(v.validFrom ? { valid_from: v.validFrom } : {}),
        ...(v.validTo ? { valid_to: v.validTo } : {}),
      },
    ];
  }
  const locations: unknown[] = [];
  if (hasPlace) {
    locations.push({
      location: {
        id: 'plek',
        name: v.locationName || null,
        location_type: 'physical',
        addresses: [{ address_1: v.street || null, postal_code: v.postcode || null, city: v.city || null, country: 'NL', address_type: 'physical' }],
      },
    });
  }
  if (v.online && hasPlace) locations.push({ location: { id: 'online', name: 'Online', location_type: 'virtual' } });
  if (locations.length) record.service_at_locations = locations;
  return record;
}

/** Which form field an indexer path belongs to. */
export function fieldOfPath(path: string): keyof FormValues | null {
  if (path === 'name') return 'name';
  if (path === 'description') return 'description';
  if (path === 'email') return 'email';
  if (path === 'url') return 'url';
  if (path.startsWith('phones')) return 'phone';
  if (path.startsWith('schedules')) return /valid_to/.test(path) ? 'validTo' : /valid_from/.test(path) ? 'validFrom' : /closes/.test(path) ? 'closesAt' : 'opensAt';
  if (/postal_code/.test(path)) return 'postcode';
  if (/address_1|addresses/.test(path)) return 'street';
  if (/\.city/.test(path)) return 'city';
  if (path.startsWith('service_at_locations')) return 'postcode';
  if (path.startsWith('cost') || path.startsWith('fees')) return 'costDescription';
  return null;
}

export type FieldMessages = Partial<Record<keyof FormValues | '_form', string[]>>;

export function messagesByField(errors: FieldError[], lang: Lang): FieldMessages {
  const out: FieldMessages = {};
  for (const e of errors) {
    const f = fieldOfPath(e.path) ?? '_form';
    (out[f] ??= []).push(lang === 'nl' ? e.messageNl : e.messageEn);
  }
  return out;
}

interface FormProps {
  t: Messages;
  lang: Lang;
  csrf: string;
  values: FormValues;
  errors: FieldMessages;
  action: string;
  isNew: boolean;
}

function ErrorText({ id, messages }: { id: string; messages: string[] | undefined }) {
  if (!messages?.length) return null;
  return (
    <p class="field-error" id={id}>
      {messages.join(' ')}
    </p>
  );
}

function Text(props: { name: keyof FormValues; label: string; values: FormValues; errors: FieldMessages; type?: string; help?: string; required?: boolean; multiline?: boolean; autocomplete?: string }) {
  const { name, label, values, errors } = props;
  const id = `f-${name}`;
  const msgs = errors[name];
  const describedBy = [props.help ? `${id}-help` : '', msgs?.length ? `${id}-error` : ''].filter(Boolean).join(' ') || undefined;
  const common = { id, name, 'aria-describedby': describedBy, 'aria-invalid': msgs?.length ? 'true' : undefined, required: props.required, autocomplete: props.autocomplete };
  return (
    <div class={`field${msgs?.length ? ' field--invalid' : ''}`}>
      <label for={id}>{label}</label>
      {props.help ? (
        <p class="help" id={`${id}-help`}>
          {props.help}
        </p>
      ) : null}
      <ErrorText id={`${id}-error`} messages={msgs} />
      {props.multiline ? <textarea {...common}>{String(values[name])}</textarea> : <input type={props.type ?? 'text'} value={String(values[name])} {...common} />}
    </div>
  );
}

function Checks({ name, legend, options, selected }: { name: string; legend: string; options: Array<{ key: string; label: string }>; selected: string[] }) {
  return (
    <fieldset class="field">
      <legend>{legend}</legend>
      <div class="checks">
        {options.map((o) => (
          <span>
            <input type="checkbox" id={`f-${name}-${o.key}`} name={name} value={o.key} checked={selected.includes(o.key)} />{' '}
            <label for={`f-${name}-${o.key}`}>{o.label}</label>
          </span>
        ))}
      </div>
    </fieldset>
  );
}

function Check({ name, label, checked }: { name: keyof FormValues; label: string; checked: boolean }) {
  return (
    <div class="field check">
      <input type="checkbox" id={`f-${name}`} name={name} value="ja" checked={checked} /> <label for={`f-${name}`}>{label}</label>
    </div>
  );
}

export function ActivityForm({ t, lang, csrf, values, errors, action, isNew }: FormProps) {
  const f = t.form;
  const general = errors._form;
  // The summary links each error to its field; the same message also stands beside the field.
  const hasErrors = Object.values(errors).some((m) => m && m.length > 0);
  return (
    <form method="post" action={action} novalidate>
      <Csrf token={csrf} />
      {hasErrors ? (
        <div class="portal-notice portal-notice--error" role="alert">
          <p>{f.errorsTitle}</p>
          <ul>
            {general?.map((m) => <li>{m}</li>)}
            {(Object.entries(errors) as Array<[string, string[] | undefined]>)
              .filter(([name, m]) => name !== '_form' && m?.length)
              .map(([name, m]) => (
                <li>
                  <a class="utrecht-link" href={`#f-${name}`}>
                    {m!.join(' ')}
                  </a>
                </li>
              ))}
          </ul>
        </div>
      ) : null}
      {isNew ? <Text name="key" label={f.key} help={f.keyHelp} values={values} errors={errors} required /> : <input type="hidden" name="key" value={values.key} />}
      <Text name="name" label={f.name} values={values} errors={errors} required />
      <Text name="summary" label={f.summary} values={values} errors={errors} />
      <Text name="description" label={f.description} values={values} errors={errors} multiline />
      <Checks name="categories" legend={f.categories} options={categories.map((c) => ({ key: c.key, label: c.label[lang] }))} selected={values.categories} />
      <Checks name="needs" legend={f.needs} options={needs.map((n) => ({ key: n.key, label: n.label[lang] }))} selected={values.needs} />
      <Checks name="audience" legend={f.audience} options={audiences.map((a) => ({ key: a.key, label: a.label[lang] }))} selected={values.audience} />
      <fieldset>
        <legend>{f.schedule}</legend>
        <div class="field">
          <label for="f-freq">{f.freq}</label>
          <select id="f-freq" name="freq">
            <option value="" selected={values.freq === ''}>{f.none}</option>
            <option value="WEEKLY" selected={values.freq === 'WEEKLY'}>{f.weekly}</option>
            <option value="MONTHLY" selected={values.freq === 'MONTHLY'}>{f.monthly}</option>
          </select>
        </div>
        <Checks name="days" legend={f.days} options={days.map((d) => ({ key: d.key, label: d.label[lang] }))} selected={values.days} />
        <Text name="opensAt" label={f.opensAt} type="time" values={values} errors={errors} />
        <Text name="closesAt" label={f.closesAt} type="time" values={values} errors={errors} />
        <Text name="validFrom" label={f.validFrom} type="date" values={values} errors={errors} />
        <Text name="validTo" label={f.validTo} type="date" values={values} errors={errors} />
      </fieldset>
      <fieldset>
        <legend>{f.location}</legend>
        <Text name="locationName" label={f.locationName} values={values} errors={errors} />
        <Text name="street" label={f.street} values={values} errors={errors} autocomplete="street-address" />
        <Text name="postcode" label={f.postcode} values={values} errors={errors} autocomplete="postal-code" />
        <Text name="city" label={f.city} values={values} errors={errors} autocomplete="address-level2" />
        <Check name="online" label={f.online} checked={values.online} />
      </fieldset>
      <fieldset>
        <legend>{f.cost}</legend>
        <Check name="free" label={f.free} checked={values.free} />
        <Text name="costDescription" label={f.costDescription} values={values} errors={errors} />
      </fieldset>
      <fieldset>
        <legend>{f.contact}</legend>
        <Text name="phone" label={f.phone} type="tel" values={values} errors={errors} />
        <Text name="email" label={f.email} type="email" values={values} errors={errors} />
        <Text name="url" label={f.url} type="url" values={values} errors={errors} />
      </fieldset>
      <fieldset>
        <legend>{f.access}</legend>
        <Check name="wheelchair" label={f.wheelchair} checked={values.wheelchair} />
        <Check name="registration" label={f.registration} checked={values.registration} />
        <Check name="wor" label={f.wor} checked={values.wor} />
      </fieldset>
      <div class="actions">
        <button type="submit" class="utrecht-button utrecht-button--primary-action">
          {f.save}
        </button>
        <a class="utrecht-link" href="/activiteiten">
          {f.cancel}
        </a>
      </div>
    </form>
  );
}
