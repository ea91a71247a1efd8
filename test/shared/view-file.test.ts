import { describe, expect, it } from 'vitest';
import { toCsv } from '../../src/shared/table-csv.ts';
import { readViewFile, writeViewFile } from '../../src/shared/view-file.ts';
import { parseViewSpec } from '../../src/shared/view-spec.ts';
import { startHistory, viewHistory } from '../../src/renderer/features/explorer/view-history.ts';

const spec = parseViewSpec({ version: 2, view: 'latest', dataset: 'sprig-demo', indicator: 'link_worker_fte_nwrs', transform: 'per100k' });

describe('saved views', () => {
  it('round-trips a view with the dataset version it was drawn from', () => {
    const opened = readViewFile(writeViewFile(spec, '1.0.0'));
    expect(opened).toEqual({ ok: true, spec, savedWith: { name: 'sprig-demo', version: '1.0.0' } });
  });

  it('opens a view saved by an older Sprig, migrating it', () => {
    const old = JSON.stringify({ format: 'sprig-view', spec: { version: 1, view: 'breakdown', dataset: 'sprig-demo', table: 'referral', by: 'sex' }, dataset: { name: 'sprig-demo', version: '0.1.0' } });
    const opened = readViewFile(old);
    expect(opened.ok && opened.spec).toMatchObject({ version: 2, dimension: 'sex' });
  });

  it.each([
    ['not JSON', '{ nope', 'not-json'],
    ['JSON that is not a view', '{"hello": 1}', 'not-a-view'],
    ['a view with an unknown chart', JSON.stringify({ format: 'sprig-view', spec: { version: 2, view: 'pie', dataset: 'd' } }), 'invalid-spec'],
    ['a view from a newer Sprig', JSON.stringify({ format: 'sprig-view', spec: { ...spec, version: 99 } }), 'invalid-spec'],
  ])('refuses %s with a reason', (_label, text, kind) => {
    const opened = readViewFile(text);
    expect(opened.ok).toBe(false);
    expect(!opened.ok && opened.problem.kind).toBe(kind);
    expect(!opened.ok && opened.problem.reason.length).toBeGreaterThan(0);
  });
});

describe('undo and redo', () => {
  it('steps back and forward through control changes, and a new change drops the redo branch', () => {
    let h = startHistory(spec);
    h = viewHistory(h, { type: 'change', change: { transform: 'absolute' } });
    h = viewHistory(h, { type: 'change', change: { interval: '90' } });
    h = viewHistory(h, { type: 'undo' });
    expect(h.present).toMatchObject({ transform: 'absolute', interval: '95' });
    h = viewHistory(h, { type: 'redo' });
    expect(h.present).toMatchObject({ interval: '90' });
    h = viewHistory(h, { type: 'undo' });
    h = viewHistory(h, { type: 'change', change: { logScale: true } });
    expect(h.future).toEqual([]);
    expect(viewHistory(h, { type: 'redo' })).toBe(h);
  });

  it('records nothing when a change changes nothing', () => {
    const h = startHistory(spec);
    expect(viewHistory(h, { type: 'change', change: { transform: 'per100k' } })).toBe(h);
  });
});

describe('CSV export', () => {
  it('quotes what needs quoting, leaves missing values empty and keeps decimal points', () => {
    const csv = toCsv(
      [
        { c: 'GB-ENG', v: 1234.5, s: 'published', note: 'said "about", roughly' },
        { c: 'US', v: null, s: 'not_available', note: null },
      ],
      [
        { header: 'country', value: (r) => r.c },
        { header: 'value', value: (r) => r.v },
        { header: 'data_status', value: (r) => r.s },
        { header: 'note', value: (r) => r.note },
      ],
    );
    expect(csv).toBe('country,value,data_status,note\r\nGB-ENG,1234.5,published,"said ""about"", roughly"\r\nUS,,not_available,\r\n');
  });
});
