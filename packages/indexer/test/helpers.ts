import { resolve } from 'node:path';
import { runTypeScript, type ProcessResult } from '@sociale-kaart/db/testing';
import iconv from 'iconv-lite';

export const PACKAGE_DIR = resolve(import.meta.dirname, '..');

export const TEMPLATE_HEADER = [
  'id', 'Organisatie', 'Titel', 'Omschrijving', 'Categorieën', 'Behoeften', 'Doelgroep', 'Adres', 'Postcode', 'Plaats', 'Gemeente',
  'Dagen', 'Tijd', 'Frequentie', 'Kosten', 'Telefoon', 'E-mail', 'Website', 'Rolstoeltoegankelijk', 'Welzijn op recept',
  'Aanmelden nodig', 'Online', 'Laatst gecontroleerd',
];

export type TemplateRow = Partial<Record<(typeof TEMPLATE_HEADER)[number], string>>;

function quote(v: string, delimiter: string): string {
  return /["\r\n]/.test(v) || v.includes(delimiter) ? `"${v.replace(/"/g, '""')}"` : v;
}

/** A CSV template file as Excel writes it: BOM, ";" and CRLF by default. */
export function templateCsv(rows: TemplateRow[], { delimiter = ';', eol = '\r\n', bom = true, encoding = 'utf-8' }: { delimiter?: string; eol?: string; bom?: boolean; encoding?: 'utf-8' | 'windows-1252' } = {}): Buffer {
  const lines = [TEMPLATE_HEADER.map((h) => quote(h, delimiter)).join(delimiter)];
  for (const r of rows) lines.push(TEMPLATE_HEADER.map((h) => quote(r[h] ?? '', delimiter)).join(delimiter));
  const text = lines.join(eol) + eol;
  if (encoding === 'windows-1252') return iconv.encode(text, 'windows-1252');
  return Buffer.concat([bom ? Buffer.from([0xef, 0xbb, 0xbf]) : Buffer.alloc(0), Buffer.from(text, 'utf8')]);
}

const PC = ['3511 AB', '6211 LE', '3011 AA', '9401 AB', '1011 AB', '5611 AB'];

/** A valid template row number n (unique title). */
export function validRow(n: number, extra: TemplateRow = {}): TemplateRow {
  return {
    id: `act-${n}`,
    Organisatie: `Buurtwerk ${n % 37}`,
    Titel: `Koffieochtend ${n}`,
    Omschrijving: `Gezellig samen koffie drinken, nummer ${n}.`,
    Categorieën: 'Ontmoeting',
    Behoeften: 'eenzaamheid',
    Doelgroep: 'ouderen',
    Adres: 'Dorpsstraat 1',
    Postcode: PC[n % PC.length]!,
    Plaats: '',
    Dagen: 'di',
    Tijd: '10:00-12:00',
    Frequentie: 'wekelijks',
    Kosten: 'gratis',
    ...extra,
  };
}

export type Run = ProcessResult;

/** Runs the real CLI from source in a child process. */
export function runCli(args: string[], { env = {}, timeoutMs = 120_000 }: { env?: Record<string, string>; timeoutMs?: number } = {}): Promise<Run> {
  return runTypeScript(resolve(PACKAGE_DIR, 'src/cli-main.ts'), args, { cwd: PACKAGE_DIR, env, timeoutMs });
}

export const HOSTILE_ROWS = 10_000;

/** The hostile CSV: BOM, ";", CRLF, HTML and <script>, javascript: link, bad postcode, empty title, a duplicate row, 10,000 rows. */
export function hostileRows(): TemplateRow[] {
  const first: TemplateRow = validRow(1, {
    Omschrijving: '<p>Kom <b>gezellig</b> koffie drinken &amp; bijpraten.</p>\r\n<script>alert("hack")</script><p>Tweede alinea; met puntkomma</p>',
    Website: 'javascript:alert(document.cookie)',
    Telefoon: '030-1234567',
    Postcode: '3511ab',
  });
  const rows: TemplateRow[] = [
    first,
    validRow(2, { Postcode: '12345' }),
    validRow(3, { Titel: '' }),
    { ...first },
    validRow(5, { Postcode: '', Adres: '', Online: 'ja', Titel: 'Telefooncirkel' }),
  ];
  for (let n = 6; n <= HOSTILE_ROWS; n++) rows.push(validRow(n));
  return rows;
}


/** An ndjson HSDS feed of `n` services with coordinates in Utrecht; `from` offsets the ids. */
export function ndjsonFeed(n: number, { from = 0, invalid = 0 }: { from?: number; invalid?: number } = {}): string {
  const lines: string[] = [];
  for (let i = from; i < from + n; i++) {
    lines.push(
      JSON.stringify({
        id: `s${i}`,
        name: `Wandelgroep ${i}`,
        description: 'Samen wandelen door de wijk, daarna koffie.',
        status: 'active',
        organization: { id: `o${i % 50}`, name: `Wijkcentrum ${i % 50}` },
        schedules: [{ freq: 'WEEKLY', byday: 'TU', opens_at: '10:00', closes_at: '11:30' }],
        service_at_locations: [{ location: { id: `l${i}`, latitude: 52.05 + (i % 100) / 1000, longitude: 5.1 + (i % 97) / 1000, addresses: [{ postal_code: '3511 AB', city: 'Utrecht' }] } }],
      }),
    );
  }
  for (let i = 0; i < invalid; i++) lines.push(JSON.stringify({ id: `bad${i}`, name: '', status: 'active', organization: { name: 'X' } }));
  return `${lines.join('\n')}\n`;
}
