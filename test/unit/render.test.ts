import { describe, expect, it } from 'vitest';
import { boundText, capItems, ellipsize } from '../../src/render/bound.js';
import { formatPorts, shortId } from '../../src/render/containers.js';
import { renderTable } from '../../src/render/table.js';
import { humanDuration, shortTimestamp } from '../../src/render/time.js';
import { formatBytesIEC, formatBytesSI } from '../../src/render/units.js';

describe('bounds', () => {
  it('leaves short text alone and cuts long text at a line, saying how much and what to do', () => {
    expect(boundText('short', 100)).toBe('short');
    const long = Array.from({ length: 100 }, (_, i) => `line ${i}`).join('\n');
    const cut = boundText(long, 200, 'use a filter');
    expect(cut.length).toBeLessThanOrEqual(200);
    expect(cut).toMatch(/\n… \[cut: \d+ more characters; use a filter\]$/);
    expect(cut.split('\n').at(-2)).toMatch(/^line \d+$/);
  });
  it('ellipsizes and caps', () => {
    expect(ellipsize('abcdef', 4)).toBe('abc…');
    expect(capItems([1, 2, 3], 2)).toEqual({ shown: [1, 2], omitted: 1 });
  });
});

describe('renderTable', () => {
  it('aligns columns and keeps cells on one line', () => {
    const text = renderTable(
      [
        { header: 'ID', value: (r: { id: string; name: string }) => r.id },
        { header: 'NAME', value: (r) => r.name },
      ],
      [
        { id: 'a', name: 'web\nserver' },
        { id: 'longer', name: 'db' },
      ],
    );
    expect(text).toBe('ID      NAME\na       web server\nlonger  db');
  });
});

describe('units and times', () => {
  it('formats bytes as docker does', () => {
    expect(formatBytesIEC(0)).toBe('0B');
    expect(formatBytesIEC(1536)).toBe('1.5KiB');
    expect(formatBytesIEC(512 * 1024 * 1024)).toBe('512MiB');
    expect(formatBytesSI(1_234_567)).toBe('1.235MB');
  });
  it('formats durations coarsely', () => {
    expect(humanDuration(500)).toBe('less than a second');
    expect(humanDuration(61_000)).toBe('1 minute');
    expect(humanDuration(3 * 3600_000 + 5)).toBe('3 hours');
  });
  it('trims timestamps and hides the zero time', () => {
    expect(shortTimestamp('2026-11-26T21:20:25.184265560Z')).toBe('2026-11-26T21:20:25Z');
    expect(shortTimestamp('0001-01-01T00:00:00Z')).toBeUndefined();
  });
  it('shortens ids and formats ports', () => {
    expect(shortId('sha256:0123456789abcdef')).toBe('0123456789ab');
    expect(
      formatPorts([
        { IP: '0.0.0.0', PrivatePort: 80, PublicPort: 8080, Type: 'tcp' },
        { PrivatePort: 443, Type: 'tcp' },
      ]),
    ).toBe('0.0.0.0:8080->80/tcp, 443/tcp');
  });
});
