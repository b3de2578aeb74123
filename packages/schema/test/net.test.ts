import { readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { addressFamily, addressRange, isPublicAddress } from '../src/net.js';

describe('which addresses data we do not control may reach', () => {
  it.each([
    ['93.184.216.34', true],
    ['93.184.215.14', true],
    ['2606:4700::6810:85e5', true],
    ['2a00:1450:400e:80c::200e', true],
    ['::ffff:93.184.216.34', true],
    ['127.0.0.1', false],
    ['10.1.2.3', false],
    ['172.16.0.1', false],
    ['192.168.1.1', false],
    ['192.168.0.1', false],
    ['10.0.0.1', false],
    ['172.16.5.4', false],
    ['fd00::1', false],
    ['169.254.169.254', false],
    ['100.64.0.1', false],
    ['0.0.0.0', false],
    ['255.255.255.255', false],
    ['224.0.0.1', false],
    ['::1', false],
    ['::', false],
    ['fc00::1', false],
    ['fd12:3456::1', false],
    ['fe80::1', false],
    ['::ffff:127.0.0.1', false],
    ['::ffff:10.0.0.1', false],
    ['64:ff9b::a00:1', false],
    ['2001:db8::1', false],
    ['not an address', false],
    ['', false],
  ] as const)('%s → %s', (address, expected) => {
    expect(isPublicAddress(address)).toBe(expected);
  });

  it('names the range, judging an IPv4-mapped IPv6 address as its IPv4 address', () => {
    expect(addressRange('127.0.0.1')).toBe('loopback');
    expect(addressRange('::ffff:10.0.0.1')).toBe('private');
    expect(addressRange('100.64.0.1')).toBe('carrierGradeNat');
    expect(addressRange('fd00::1')).toBe('uniqueLocal');
    expect(addressRange('93.184.216.34')).toBe('unicast');
    expect(addressRange('feed.example')).toBe('invalid');
  });

  it('tells an address literal (bracketed or not) from a host name', () => {
    expect(addressFamily('10.0.0.1')).toBe(4);
    expect(addressFamily('[::1]')).toBe(6);
    expect(addressFamily('::ffff:10.0.0.1')).toBe(6);
    expect(addressFamily('feed.example')).toBeNull();
  });
});

// The package index is loaded in the browser (the widgets import it from source), where a
// CommonJS dependency such as ipaddr.js, or a node: module, cannot be imported. The index
// must therefore never reach net.ts, however indirectly.
describe('the browser-safe index', () => {
  const src = resolve(dirname(fileURLToPath(import.meta.url)), '../src');

  function reachable(file: string, seen = new Set<string>()): Set<string> {
    if (seen.has(file)) return seen;
    seen.add(file);
    const text = readFileSync(file, 'utf8');
    for (const m of text.matchAll(/(?:import|export)\s[^'"]*?from\s+['"](\.[^'"]+)['"]/g)) {
      reachable(join(dirname(file), m[1]!.replace(/\.js$/, '.ts')), seen);
    }
    return seen;
  }

  function bareImports(files: Set<string>): string[] {
    const found = new Set<string>();
    for (const file of files) {
      for (const m of readFileSync(file, 'utf8').matchAll(/(?:import|export)\s[^'"]*?from\s+['"]([^.'"][^'"]*)['"]/g)) found.add(m[1]!);
    }
    return [...found].sort();
  }

  it('imports neither net.ts nor ipaddr.js nor any node: module', () => {
    const files = reachable(join(src, 'index.ts'));
    expect(files.size).toBeGreaterThan(5);
    expect([...files].map((f) => f.slice(src.length + 1))).not.toContain('net.ts');
    expect(bareImports(files)).toEqual(['zod']);
  });

  it('would notice: net.ts itself reaches ipaddr.js', () => {
    expect(bareImports(reachable(join(src, 'net.ts')))).toEqual(['ipaddr.js']);
  });
});
