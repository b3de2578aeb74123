/**
 * The subset of Open Referral HSDS 3.1 that the indexer reads. Feeds in the wild
 * send nulls, numbers as strings and extra fields, so these schemas are lenient
 * about shape (unknown keys pass through) and strict only where we rely on a value.
 */
import { z } from 'zod';

const str = z.string().nullish();
const num = z.union([z.number(), z.string().trim().regex(/^-?\d+(\.\d+)?$/).transform(Number)]).nullish();
const id = z.union([z.string().min(1), z.number().transform(String)]);

export const hsdsLanguageSchema = z.looseObject({ id: id.nullish(), name: str, code: str, note: str });

export const hsdsPhoneSchema = z.looseObject({
  id: id.nullish(),
  number: z.union([z.string(), z.number().transform(String)]).nullish(),
  extension: num,
  type: str,
  description: str,
  languages: z.array(hsdsLanguageSchema).nullish(),
});

export const hsdsContactSchema = z.looseObject({
  id: id.nullish(),
  name: str,
  title: str,
  department: str,
  email: str,
  phones: z.array(hsdsPhoneSchema).nullish(),
});

export const hsdsScheduleSchema = z.looseObject({
  id: id.nullish(),
  valid_from: str,
  valid_to: str,
  dtstart: str,
  until: str,
  wkst: str,
  freq: str,
  interval: num,
  byday: str,
  bymonthday: z.union([z.string(), z.number().transform(String)]).nullish(),
  opens_at: str,
  closes_at: str,
  description: str,
  attending_type: str,
  notes: str,
});

export const hsdsCostOptionSchema = z.looseObject({
  id: id.nullish(),
  valid_from: str,
  valid_to: str,
  option: str,
  currency: str,
  amount: num,
  amount_description: str,
});

export const hsdsAddressSchema = z.looseObject({
  id: id.nullish(),
  attention: str,
  address_1: str,
  address_2: str,
  city: str,
  region: str,
  state_province: str,
  postal_code: str,
  country: str,
  address_type: str,
});

export const hsdsAccessibilitySchema = z.looseObject({ id: id.nullish(), description: str, details: str, url: str });

export const hsdsTaxonomyTermSchema = z.looseObject({
  id: id.nullish(),
  code: str,
  name: str,
  description: str,
  parent_id: str,
  taxonomy: str,
  taxonomy_id: str,
  vocabulary: str,
  term_uri: str,
});

export const hsdsAttributeSchema = z.looseObject({
  id: id.nullish(),
  link_id: str,
  link_type: str,
  link_entity: str,
  taxonomy_term_id: str,
  value: str,
  label: str,
  taxonomy_term: hsdsTaxonomyTermSchema.nullish(),
});

export const hsdsLocationSchema = z.looseObject({
  id: id.nullish(),
  location_type: str,
  url: str,
  name: str,
  alternate_name: str,
  description: str,
  latitude: num,
  longitude: num,
  addresses: z.array(hsdsAddressSchema).nullish(),
  phones: z.array(hsdsPhoneSchema).nullish(),
  accessibility: z.array(hsdsAccessibilitySchema).nullish(),
  languages: z.array(hsdsLanguageSchema).nullish(),
  schedules: z.array(hsdsScheduleSchema).nullish(),
  attributes: z.array(hsdsAttributeSchema).nullish(),
});

export const hsdsServiceAtLocationSchema = z.looseObject({
  id: id.nullish(),
  description: str,
  location: hsdsLocationSchema.nullish(),
  location_id: str,
  phones: z.array(hsdsPhoneSchema).nullish(),
  contacts: z.array(hsdsContactSchema).nullish(),
  schedules: z.array(hsdsScheduleSchema).nullish(),
  attributes: z.array(hsdsAttributeSchema).nullish(),
});

export const hsdsOrganizationSchema = z.looseObject({
  id: id.nullish(),
  name: str,
  alternate_name: str,
  description: str,
  email: str,
  website: str,
  url: str,
  tax_id: str,
  legal_status: str,
  phones: z.array(hsdsPhoneSchema).nullish(),
  attributes: z.array(hsdsAttributeSchema).nullish(),
});

export const hsdsServiceSchema = z.looseObject({
  id,
  name: str,
  alternate_name: str,
  description: str,
  url: str,
  email: str,
  status: str,
  fees_description: str,
  eligibility_description: str,
  application_process: str,
  minimum_age: num,
  maximum_age: num,
  assured_date: str,
  last_modified: str,
  organization: hsdsOrganizationSchema.nullish(),
  organization_id: str,
  phones: z.array(hsdsPhoneSchema).nullish(),
  contacts: z.array(hsdsContactSchema).nullish(),
  schedules: z.array(hsdsScheduleSchema).nullish(),
  cost_options: z.array(hsdsCostOptionSchema).nullish(),
  languages: z.array(hsdsLanguageSchema).nullish(),
  service_at_locations: z.array(hsdsServiceAtLocationSchema).nullish(),
  attributes: z.array(hsdsAttributeSchema).nullish(),
});

export type HsdsLanguage = z.infer<typeof hsdsLanguageSchema>;
export type HsdsPhone = z.infer<typeof hsdsPhoneSchema>;
export type HsdsContact = z.infer<typeof hsdsContactSchema>;
export type HsdsSchedule = z.infer<typeof hsdsScheduleSchema>;
export type HsdsCostOption = z.infer<typeof hsdsCostOptionSchema>;
export type HsdsAddress = z.infer<typeof hsdsAddressSchema>;
export type HsdsAccessibility = z.infer<typeof hsdsAccessibilitySchema>;
export type HsdsTaxonomyTerm = z.infer<typeof hsdsTaxonomyTermSchema>;
export type HsdsAttribute = z.infer<typeof hsdsAttributeSchema>;
export type HsdsLocation = z.infer<typeof hsdsLocationSchema>;
export type HsdsServiceAtLocation = z.infer<typeof hsdsServiceAtLocationSchema>;
export type HsdsOrganization = z.infer<typeof hsdsOrganizationSchema>;
export type HsdsService = z.infer<typeof hsdsServiceSchema>;

/** An HSDS list page as served by `/services`. */
export const hsdsPageSchema = z.looseObject({
  total_items: z.number().int().nonnegative().nullish(),
  total_pages: z.number().int().nonnegative().nullish(),
  page_number: z.number().int().nullish(),
  size: z.number().int().nullish(),
  first_page: z.boolean().nullish(),
  last_page: z.boolean().nullish(),
  empty: z.boolean().nullish(),
  contents: z.array(z.unknown()),
});
export type HsdsPage = z.infer<typeof hsdsPageSchema>;
