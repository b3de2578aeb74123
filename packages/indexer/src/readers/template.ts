/**
 * The CSV template for organisations that keep a spreadsheet. Columns are matched
 * case-insensitively, ignoring accents, spaces, underscores and "(…)" remarks; a few
 * common synonyms are accepted too ("naam" for titel, "beschrijving" for omschrijving).
 */
import { foldHeader, readCsv } from './csv.js';
import { InputError } from './errors.js';
import type { ReaderEvent } from './records.js';

/** Canonical column → accepted header spellings (folded). The first is the template's own name. */
export const TEMPLATE_COLUMNS: Readonly<Record<string, readonly string[]>> = {
  id: ['id', 'code', 'nummer', 'activiteitid'],
  organisatie: ['organisatie', 'organisatienaam', 'aanbieder', 'organisation', 'organization'],
  titel: ['titel', 'naam', 'activiteit', 'naamactiviteit', 'title', 'name'],
  omschrijving: ['omschrijving', 'beschrijving', 'toelichting', 'description'],
  samenvatting: ['samenvatting', 'korteomschrijving', 'summary'],
  categorieen: ['categorieen', 'categorie', 'categories', 'category', 'themas', 'thema'],
  behoeften: ['behoeften', 'behoefte', 'hulpvragen', 'hulpvraag', 'verwijsredenen', 'verwijsreden', 'needs'],
  doelgroep: ['doelgroep', 'doelgroepen', 'voorwie', 'audience'],
  leeftijd: ['leeftijd', 'leeftijden', 'age'],
  locatie: ['locatie', 'locatienaam', 'gebouw', 'location'],
  adres: ['adres', 'straat', 'straatenhuisnummer', 'address'],
  postcode: ['postcode', 'postalcode', 'zip'],
  plaats: ['plaats', 'woonplaats', 'stad', 'city'],
  gemeente: ['gemeente', 'municipality'],
  lat: ['lat', 'latitude', 'breedtegraad'],
  lng: ['lng', 'lon', 'longitude', 'lengtegraad'],
  dagen: ['dagen', 'dag', 'days', 'day'],
  tijd: ['tijd', 'tijden', 'tijdstip', 'time', 'times'],
  frequentie: ['frequentie', 'hoevaak', 'frequency'],
  kosten: ['kosten', 'prijs', 'bijdrage', 'cost', 'costs'],
  telefoon: ['telefoon', 'telefoonnummer', 'tel', 'phone'],
  email: ['email', 'emailadres', 'mail'],
  website: ['website', 'url', 'site', 'webadres'],
  rolstoeltoegankelijk: ['rolstoeltoegankelijk', 'rolstoel', 'wheelchair', 'wheelchairaccessible'],
  toegankelijkheid: ['toegankelijkheid', 'accessibility'],
  welzijn_op_recept: ['welzijnoprecept', 'wop'],
  aanmelden_nodig: ['aanmeldennodig', 'aanmelden', 'aanmelding', 'opgavenodig'],
  aanmelden_via: ['aanmeldenvia', 'intake', 'aanmeldadres'],
  intake_email: ['intakeemail', 'intakemail', 'verwijsemail'],
  intake_url: ['intakeurl', 'intakeformulier', 'verwijsurl'],
  online: ['online', 'digitaal'],
  laatst_gecontroleerd: ['laatstgecontroleerd', 'gecontroleerd', 'gecontroleerdop', 'assureddate'],
  laatst_gewijzigd: ['laatstgewijzigd', 'gewijzigd', 'lastmodified'],
  status: ['status'],
  talen: ['talen', 'taal', 'languages'],
  welzijnscoach: ['welzijnscoach'],
  kvk: ['kvk', 'kvknummer'],
};

const columnByHeader = new Map<string, string>();
for (const [canonical, names] of Object.entries(TEMPLATE_COLUMNS)) for (const n of names) columnByHeader.set(n, canonical);

/** The canonical column of a header cell, or undefined. */
export function templateColumn(header: string): string | undefined {
  return columnByHeader.get(foldHeader(header));
}

/** Does this header row look like the template (it has titel and organisatie)? */
export function isTemplateHeader(fields: readonly string[]): boolean {
  const cols = new Set(fields.map(templateColumn));
  return cols.has('titel') && cols.has('organisatie');
}

export async function* readTemplate(source: AsyncIterable<Buffer>, maxRecordBytes: number): AsyncGenerator<ReaderEvent> {
  const { info, rows } = await readCsv(source, { maxRecordBytes });
  let columns: Array<string | undefined> | null = null;
  const headers: Record<string, string> = {};
  let n = 0;
  try {
    for await (const r of rows) {
      if (!columns) {
        columns = r.fields.map((h) => templateColumn(h));
        const seen = new Set<string>();
        for (const [i, h] of r.fields.entries()) {
          const c = columns[i];
          if (!c) {
            if (h !== '') {
              yield { kind: 'notice', problem: { code: 'column_unknown', path: h, nl: `kolom ${JSON.stringify(h)} is onbekend en wordt genegeerd`, en: `column ${JSON.stringify(h)} is unknown and ignored` } };
            }
          } else if (seen.has(c)) {
            yield { kind: 'notice', problem: { code: 'column_duplicate', path: h, nl: `kolom ${JSON.stringify(h)} komt dubbel voor: de eerste telt`, en: `column ${JSON.stringify(h)} appears twice: the first one counts` } };
            columns[i] = undefined;
          } else {
            seen.add(c);
            headers[c] = h;
          }
        }
        if (!seen.has('titel') || !seen.has('organisatie')) {
          throw new InputError(
            `de kopregel mist de kolommen "organisatie" en/of "titel" (scheidingsteken ${JSON.stringify(info.delimiter)}, codering ${info.encoding})`,
            `the header row lacks the columns "organisatie" and/or "titel" (delimiter ${JSON.stringify(info.delimiter)}, encoding ${info.encoding})`,
          );
        }
        continue;
      }
      const row: Record<string, string> = {};
      columns.forEach((c, i) => {
        if (c) row[c] = r.fields[i] ?? '';
      });
      n++;
      yield { kind: 'template-row', recordNumber: n, recordId: row.id?.trim() || null, line: r.line, row, headers };
    }
  } catch (err) {
    if (err instanceof InputError) throw err;
    throw new InputError(`het CSV-bestand is kapot na rij ${n} (${(err as Error).message})`, `the CSV file is broken after row ${n} (${(err as Error).message})`, { cause: err });
  }
  if (!columns) throw new InputError('het CSV-bestand is leeg', 'the CSV file is empty');
}
