/**
 * The official HSDS 3.1 JSON Schemas (vendored unchanged in the schema package), compiled
 * once per test file with ajv: one validator per kind of answer.
 */
import { readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Ajv, type ValidateFunction } from 'ajv';
import addFormatsModule from 'ajv-formats';

const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '../../..');
export const SCHEMA_DIR = join(repoRoot, 'packages', 'schema', 'vendor', 'hsds', '3.1', 'schema');
export const readSchema = (name: string) => JSON.parse(readFileSync(join(SCHEMA_DIR, name), 'utf8')) as Record<string, any>;
const addFormats = addFormatsModule as unknown as (ajv: Ajv) => Ajv;

export interface HsdsValidators {
  page: ValidateFunction;
  info: ValidateFunction;
  service: ValidateFunction;
  serviceList: ValidateFunction;
  organization: ValidateFunction;
  organizationList: ValidateFunction;
  serviceAtLocation: ValidateFunction;
  serviceAtLocationList: ValidateFunction;
  taxonomy: ValidateFunction;
  taxonomyTerm: ValidateFunction;
}

export function hsdsValidators(): HsdsValidators {
  // The official schemas carry table metadata keywords (name, core, constraints …): not strict.
  const ajv = new Ajv({ strict: false, allErrors: true });
  addFormats(ajv);
  ajv.addSchema(readSchema('metadata.json'), 'metadata.json');
  ajv.addSchema(readSchema('taxonomy.json'), 'taxonomy.json');
  const openapi = readSchema('openapi.json');
  return {
    page: ajv.compile({ ...openapi.components.schemas.Page, required: ['total_items', 'total_pages', 'page_number', 'size', 'first_page', 'last_page', 'empty'] }),
    info: ajv.compile(openapi.paths['/'].get.responses['200'].content['application/json'].schema),
    service: ajv.compile(readSchema('compiled/service_with_definitions.json')),
    serviceList: ajv.compile(readSchema('compiled/service_list.json')),
    organization: ajv.compile(readSchema('compiled/organization.json')),
    organizationList: ajv.compile(readSchema('compiled/organization_list.json')),
    serviceAtLocation: ajv.compile(readSchema('compiled/service_at_location.json')),
    serviceAtLocationList: ajv.compile(readSchema('compiled/service_at_location_list.json')),
    taxonomy: ajv.getSchema('taxonomy.json')!,
    taxonomyTerm: ajv.compile(readSchema('taxonomy_term.json')),
  };
}

/** The first errors of a failed validation, for the assertion message. */
export const schemaErrors = (v: ValidateFunction) => JSON.stringify(v.errors?.slice(0, 5));
