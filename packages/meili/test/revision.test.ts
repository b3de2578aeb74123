// Document revisions (src/revision.ts): equal documents, equal revisions; any change, a new one.
import { describe, expect, it } from 'vitest';
import { documentLine, documentRevision, withRevision } from '../src/revision.js';

const doc = { id: 'a', title: 'Buurtkoor', organization: { name: 'Welzijn Oost' }, schedules: [{ freq: 'weekly', byday: ['TU'] }], free: true };

describe('document revisions', () => {
  it('gives equal documents equal revisions, whatever revision they carried before', () => {
    const r = documentRevision(doc);
    expect(r).toMatch(/^[A-Za-z0-9_-]{22}$/);
    expect(documentRevision(structuredClone(doc))).toBe(r);
    expect(documentRevision({ ...doc, rev: 'stale-revision' })).toBe(r);
    expect(withRevision({ ...doc, rev: 'stale-revision' }).rev).toBe(r);
  });

  it('changes the revision when any field changes, nested ones included', () => {
    const r = documentRevision(doc);
    const changed = [
      { ...doc, title: 'Buurtkoor!' },
      { ...doc, organization: { name: 'Welzijn West' } },
      { ...doc, schedules: [{ freq: 'weekly', byday: ['WE'] }] },
      { ...doc, free: false },
      { ...doc, extra: null },
    ];
    const revisions = changed.map(documentRevision);
    expect(revisions).not.toContain(r);
    expect(new Set(revisions).size).toBe(changed.length);
  });

  it('writes the same document as one ndjson line as withRevision gives', () => {
    const line = documentLine({ ...doc, rev: 'old' });
    expect(line).not.toContain('\n');
    expect(JSON.parse(line)).toEqual(withRevision(doc));
    expect(JSON.parse(documentLine({}))).toEqual({ rev: documentRevision({}) });
  });
});
