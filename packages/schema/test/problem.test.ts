import { describe, expect, it } from 'vitest';
import { ProblemError, problemBody, problemTypeUri } from '../src/problem.js';

describe('one problem+json shape for the search API and the portal', () => {
  it('builds the type URI under the server base, and keeps a type that already is a URI', () => {
    expect(problemTypeUri('https://kaart.example/', 'not-found')).toBe('https://kaart.example/problems/not-found');
    expect(problemTypeUri('https://kaart.example', 'urn:example:gone')).toBe('urn:example:gone');
  });

  it('renders status, title, detail, extra members, field errors and extensions, in that order', () => {
    const p = new ProblemError(400, 'invalid-record', 'The record is not valid', {
      detail: '1 error(s)',
      errors: [{ pointer: '/name', message: 'required' }],
      members: { referralId: 'r1' },
      headers: { 'Retry-After': '5' },
    });
    const body = problemBody(p, 'https://kaart.example', { instance: '/v1/x' });
    expect(body).toEqual({
      type: 'https://kaart.example/problems/invalid-record',
      title: 'The record is not valid',
      status: 400,
      detail: '1 error(s)',
      instance: '/v1/x',
      errors: [{ pointer: '/name', message: 'required' }],
      referralId: 'r1',
    });
    expect(Object.keys(body)).toEqual(['type', 'title', 'status', 'detail', 'instance', 'errors', 'referralId']);
    expect(p).toBeInstanceOf(Error);
    expect(p.message).toBe('1 error(s)');
    expect(p.headers).toEqual({ 'Retry-After': '5' });
  });

  it('leaves out what a problem does not have', () => {
    expect(problemBody(new ProblemError(404, 'not-found', 'Not found'), 'https://kaart.example')).toEqual({
      type: 'https://kaart.example/problems/not-found',
      title: 'Not found',
      status: 404,
    });
  });
});
