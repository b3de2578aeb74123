/** Records and files the portal tests publish. */

/** An HSDS 3.1 service at one place in Utrecht. */
export function serviceRecord(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    name: 'Koffieochtend De Linde',
    description: 'Elke dinsdag drinken we samen koffie in het buurthuis. Iedereen is welkom, u hoeft zich niet aan te melden.',
    status: 'active',
    email: 'koffie@delinde.example',
    attributes: [{ taxonomy_term: { code: 'social_contact', name: 'Ontmoeting' } }],
    schedules: [{ freq: 'WEEKLY', interval: 1, byday: 'TU', opens_at: '10:00', closes_at: '11:30' }],
    cost_options: [{ option: 'Gratis', amount: 0, currency: 'EUR' }],
    service_at_locations: [
      {
        location: {
          id: 'buurthuis',
          name: 'Buurthuis De Linde',
          location_type: 'physical',
          addresses: [{ address_1: 'Kanaalstraat 12', postal_code: '3531 AB', city: 'Utrecht', country: 'NL', address_type: 'physical' }],
        },
      },
    ],
    ...overrides,
  };
}

const HEADER = 'id;organisatie;titel;omschrijving;categorieen;adres;postcode;plaats;dagen;tijd;frequentie;kosten';

/** CSV template rows; `bad` rows miss their title (row numbers are data rows, 1-based). */
export function templateCsv(rows: Array<{ id: string; title: string; postcode?: string }>): string {
  const lines = rows.map(
    (r) =>
      `${r.id};Stichting De Linde;${r.title};Samen bezig zijn in de wijk. Iedereen is welkom.;Ontmoeting;Kanaalstraat 12;${r.postcode ?? '3531 AB'};Utrecht;di;10:00-11:30;wekelijks;gratis`,
  );
  return `${HEADER}\r\n${lines.join('\r\n')}\r\n`;
}
