/** Pieces every OpenAPI route definition of the API shares. */
import { problemSchema } from '@sociale-kaart/schema';

export const PROBLEM_CONTENT = { 'application/problem+json': { schema: problemSchema } };

/** The error answers any read route can give. */
export const problemResponses = {
  400: { description: 'Invalid parameters', content: PROBLEM_CONTENT },
  429: { description: 'Too many requests', content: PROBLEM_CONTENT },
  503: { description: 'Search engine unavailable', content: PROBLEM_CONTENT },
};
