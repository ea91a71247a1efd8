import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import iconv from 'iconv-lite';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { countryName } from '../../src/shared/format.ts';
import { GERMAN_TEXT, germanWideCsv } from '../support/import-files.ts';
import { repoRoot } from '../support/temp.ts';
import { tempDir } from '../support/temp.ts';
import { launchChromium, startSprig, type RunningSprig } from './harness.ts';
import { FirstScreen } from './pages/first-screen.ts';
import { ImportFlow } from './pages/import.ts';
import { MappingStep } from './pages/mapping.ts';

/**
 * A collaborator imports a German health service's export (Windows-1252, ";", decimal
 * comma, a title line, years as columns, "k.A." for missing) through the interface in
 * Chromium against `sprig serve`, step by step: picks the encoding that reads right, sees
 * the skipped title line, turns the years into rows, sees the countries matched, imports,
 * maps and sees it charted. Then next month's file: the difference before replacing.
 * Screenshots of every step go to `screenshotDir`, to be looked at.
 */
describe('importing a partner’s file in the browser', () => {
  let sprig: RunningSprig;
  let browser: Browser;
  let page: Page;
  let screen: FirstScreen;
  let flow: ImportFlow;
  let mapping: MappingStep;
  let dir: string;
  let file: string;
  const failedRequests: string[] = [];

  beforeAll(async () => {
    dir = await tempDir('sprig-e2e-import-');
    file = await germanWideCsv(dir);
    sprig = await startSprig();
    browser = await launchChromium();
    page = await (await browser.newContext({ viewport: { width: 1280, height: 800 }, locale: 'en-GB' })).newPage();
    page.on('response', (r) => r.status() >= 500 && failedRequests.push(`${r.status()} ${r.url()}`));
    screen = new FirstScreen(page);
    flow = new ImportFlow(page);
    mapping = new MappingStep(page);
    await screen.open(sprig.url);
  });
  afterAll(async () => {
    await browser?.close();
    await sprig?.stop();
  });

  it('step 1: the file is chosen by its path; a file that is not there says so and ends the wait', async () => {
    await flow.open();
    expect(await flow.step()).toBe('file');
    await flow.screenshot('import-1-file');
    await flow.readFile(path.join(dir, 'not-there.csv'));
    expect(await flow.panel.getByRole('alert').textContent()).toContain('not-there.csv');
    expect(await flow.step()).toBe('file');
    await flow.screenshot('import-1-file-error');
  });

  it('step 2: not UTF-8, so the first lines are shown four ways side by side, and Windows-1252 is chosen', async () => {
    await flow.readFile(file);
    expect(await flow.step()).toBe('decode');
    expect(await flow.panel.locator('[data-kind]').textContent()).toBe('Text with columns (CSV or TSV)');
    const candidates = flow.panel.locator('.candidate');
    expect(await candidates.count()).toBe(4);
    expect(await candidates.first().textContent()).toContain('most likely');
    expect(await candidates.first().locator('pre').textContent()).toContain('Soziale Verschreibung – Überweisungen');
    // Nothing goes on until the user has said which reads right.
    expect(await flow.panel.getByRole('button', { name: 'Next', exact: true }).isDisabled()).toBe(true);
    await flow.screenshot('import-2-decode-choose');
    await flow.panel.getByRole('radio', { name: /Windows-1252/ }).check();
    await flow.settled();
    expect(await flow.panel.locator('[data-encoding]').textContent()).toContain('as you chose');
    await flow.screenshot('import-2-decode-chosen');
  });

  it('step 3: the header is on line 3 and the title line above it is shown as skipped', async () => {
    await flow.next();
    expect(await flow.step()).toBe('header');
    // The keyboard lands on the new step's heading, so a screen reader says where it is.
    expect(await flow.focused()).toBe('h3: Step 3 of 6: Sheet and header');
    expect(await flow.panel.getByLabel('Line that holds the column names').inputValue()).toBe('3');
    const skipped = flow.panel.getByRole('region', { name: /above the header, skipped/ });
    expect(await skipped.textContent()).toContain('Soziale Verschreibung – Überweisungen je 100.000 Einwohner');
    await flow.screenshot('import-3-header');
  });

  it('step 4: ";" between columns, decimal comma, "k.A." and "–" as missing, the first rows as they will be read', async () => {
    await flow.next();
    expect(await flow.step()).toBe('columns');
    expect(await flow.panel.getByLabel('Columns separated by').inputValue()).toBe(';');
    expect(await flow.panel.getByLabel('Decimal mark').inputValue()).toBe(',');
    expect((await flow.panel.locator('.missing-markers code').allTextContents()).sort()).toEqual(['k.A.', '–']);
    expect(await flow.panel.getByRole('combobox', { name: 'Type of “2019”' }).inputValue()).toBe('number');
    const preview = flow.panel.getByRole('region', { name: /rows, as they will be read/ });
    expect(await preview.textContent()).toContain('Vereinigtes Königreich');
    await flow.screenshot('import-4-columns');
  });

  it('step 5: the years are offered as rows; the countries are matched, and Atlantis is listed, not dropped', async () => {
    await flow.next();
    expect(await flow.step()).toBe('shape');
    expect(await flow.panel.getByRole('group', { name: 'Periods as columns' }).textContent()).toContain('from 2019 to 2022');
    await flow.panel.getByRole('checkbox', { name: /Turn these columns into rows/ }).check();
    await flow.settled();
    expect(await flow.panel.getByLabel('Column that names the countries').inputValue()).toBe('Land');
    const matches = flow.panel.getByRole('region', { name: 'What each value of “Land” matched' });
    expect(await matches.locator('tr[data-status="matched"]', { hasText: 'Deutschland' }).textContent()).toContain('Germany (DE)');
    expect(await matches.locator('tr[data-status="unmatched"]').textContent()).toContain('Atlantis');
    await flow.screenshot('import-5-shape');
  });

  it('stepping back keeps every choice made', async () => {
    await flow.back();
    await flow.back();
    await flow.back();
    expect(await flow.step()).toBe('decode');
    expect(await flow.panel.getByRole('radio', { name: /Windows-1252/ }).isChecked()).toBe(true);
    for (let i = 0; i < 3; i++) await flow.next();
    expect(await flow.panel.getByRole('checkbox', { name: /Turn these columns into rows/ }).isChecked()).toBe(true);
  });

  it('step 6: imports, and says read = imported + rejected exactly', async () => {
    await flow.next();
    expect(await flow.step()).toBe('import');
    await flow.panel.getByLabel('Name in Sprig').fill('de-referrals');
    await flow.panel.getByLabel('Title in the catalogue').fill('Überweisungen je 100.000 Einwohner');
    await flow.settled();
    await flow.screenshot('import-6-ready');
    await flow.panel.getByRole('button', { name: 'Import', exact: true }).click();
    expect(await flow.finished()).toBe('done');
    expect(await flow.panel.locator('.counts-sum').textContent()).toBe('6 rows read = 6 imported + 0 rejected.');
    expect(await flow.panel.locator('.import-counts').textContent()).toContain('The package holds 24 rows after shaping.');
    // The whole file's countries: Atlantis left for the mapping step, by name.
    expect(await flow.panel.locator('.countries-found').textContent()).toContain('Country values in the whole file: 6, of which 5 matched and 1 not.');
    expect(await flow.panel.locator('.countries-found').textContent()).toContain('“Atlantis”');
    // The package is in the catalogue once the import is done.
    expect(await page.locator('.dataset-card h3').allTextContents()).toContain('Überweisungen je 100.000 Einwohner');
    expect(await flow.panel.locator('.import-next').textContent()).toContain('(de-referrals) is open in the catalogue');
    await flow.screenshot('import-6-done');
  });

  it('goes on to the mapping step and sees the countries charted', async () => {
    await flow.panel.getByRole('button', { name: 'Map to chart' }).click();
    await mapping.panel.waitFor();
    await mapping.settled();
    await mapping.screenshot('import-7-mapping');
    if ((await mapping.undecided()).length > 0) await mapping.leaveOutUndecided();
    const problems = await mapping.problems();
    if (problems.includes('Give the values')) await mapping.describe({ name: 'Referrals per 100,000', unit: 'per 100,000 people' }, 'value');
    await mapping.save();
    const legend = await screen.legendLabels();
    expect(legend).toEqual(expect.arrayContaining(['United Kingdom', 'Germany', 'Greece']));
    await mapping.screenshot('import-8-charted');
  });

  it('next month’s file under the same name shows what changes, and replaces only when confirmed', async () => {
    const next = path.join(dir, 'überweisungen-2.csv');
    await writeFile(next, iconv.encode(`${GERMAN_TEXT.replace('12,5;13,75', '12,5;14,0')}Polen;Bewegung;1,0;2,0;3,0;4,0\r\n`, 'windows-1252'));
    await flow.open();
    await flow.readFile(next);
    await flow.panel.getByRole('radio', { name: /Windows-1252/ }).check();
    await flow.settled();
    for (let i = 0; i < 3; i++) await flow.next();
    await flow.panel.getByRole('checkbox', { name: /Turn these columns into rows/ }).check();
    await flow.settled();
    await flow.next();
    await flow.panel.getByLabel('Name in Sprig').fill('de-referrals');
    await flow.settled();
    expect(await flow.panel.locator('.existing').textContent()).toContain('An import called “de-referrals” already exists');
    await flow.panel.getByRole('button', { name: 'Import', exact: true }).click();
    expect(await flow.finished()).toBe('needs-replace');
    const diff = flow.panel.getByRole('region', { name: 'What replacing the earlier import changes' });
    expect(await diff.textContent()).toContain('Rows: 24 before, 28 now');
    expect(await diff.textContent()).toContain('The source file has changed since the earlier import.');
    await flow.screenshot('import-9-replace-diff');
    await diff.getByRole('button', { name: 'Replace the earlier import' }).click();
    expect(await flow.finished()).toBe('done');
    expect(await flow.panel.locator('.counts-sum').textContent()).toBe('7 rows read = 7 imported + 0 rejected.');
  });

  it('a slow import shows how far it is and stops on Cancel, writing nothing', async () => {
    // 1.5 million rows: long enough to be caught running on any machine.
    const lines = ['country,year,value'];
    const countries = ['DE', 'GR', 'GB', 'US', 'AU'];
    for (let i = 0; i < 1_500_000; i++) lines.push(`${countries[i % 5]},${1900 + (i % 120)},${i % 1000}.${i % 7}`);
    const big = path.join(dir, 'big.csv');
    await writeFile(big, `${lines.join('\n')}\n`);
    await flow.open();
    await flow.readFile(big);
    for (let i = 0; i < 4; i++) await flow.next();
    await flow.panel.getByLabel('Name in Sprig').fill('big');
    await flow.settled();
    await flow.panel.getByRole('button', { name: 'Import', exact: true }).click();
    const running = flow.panel.locator('[data-import-state="running"]');
    await running.waitFor();
    expect(await running.getByRole('button', { name: 'Cancel' }).isEnabled()).toBe(true);
    await flow.screenshot('import-10-running');
    await running.getByRole('button', { name: 'Cancel' }).click();
    expect(await flow.finished()).toBe('cancelled');
    expect(await flow.panel.locator('[data-import-state="cancelled"]').textContent()).toBe('The import was cancelled. Nothing was written.');
    expect(await page.locator('.dataset-card h3').allTextContents()).not.toContain('big.csv');
    await flow.screenshot('import-10-cancelled');
  });

  it('made no request that failed', () => {
    expect(failedRequests).toEqual([]);
  });
});

/**
 * A Greek ministry's workbook with two sheets, imported in a Greek interface: the sheet is
 * asked for, the merged title row and the formulas are said, Korea (two countries) and the
 * totals row are listed, and a column forced to numbers rejects the "#DIV/0!" row with its
 * sheet row. A password-protected workbook ends in a sentence that says what to do.
 */
describe('importing a workbook in Greek', () => {
  let sprig: RunningSprig;
  let browser: Browser;
  let page: Page;
  let flow: ImportFlow;
  const fixtures = path.join(repoRoot, 'test', 'fixtures', 'import');

  beforeAll(async () => {
    sprig = await startSprig();
    browser = await launchChromium();
    page = await (await browser.newContext({ viewport: { width: 1280, height: 800 }, locale: 'el' })).newPage();
    flow = new ImportFlow(page);
    await new FirstScreen(page).open(sprig.url);
    await page.getByRole('button', { name: 'Εισαγωγή αρχείου…' }).click();
    await flow.panel.waitFor();
  });
  afterAll(async () => {
    await browser?.close();
    await sprig?.stop();
  });

  const read = async (file: string) => {
    await flow.panel.getByLabel('Αρχείο για εισαγωγή').fill(file);
    await flow.panel.getByRole('button', { name: 'Ανάγνωση αρχείου' }).click();
    await flow.settled();
  };
  const next = async () => {
    const before = await flow.step();
    await flow.panel.getByRole('button', { name: 'Επόμενο', exact: true }).click();
    await page.waitForFunction((b) => document.querySelector('section.import-panel')?.getAttribute('data-import-step') !== b, before);
    await flow.settled();
  };

  it('a password-protected workbook says to save it without one', async () => {
    await read(path.join(fixtures, 'encrypted.xlsx'));
    expect(await flow.panel.getByRole('alert').textContent()).toContain('προστατεύεται με κωδικό');
    expect(await flow.step()).toBe('file');
    await flow.screenshot('import-el-1-encrypted');
  });

  it('two sheets: the sheet is asked for on step 3, then the merged title row and the formulas are said', async () => {
    await read(path.join(fixtures, 'two-sheets.xlsx'));
    expect(await flow.panel.locator('[data-kind]').textContent()).toBe('Βιβλίο εργασίας Excel (XLSX)');
    await next();
    expect(await flow.step()).toBe('header');
    expect(await flow.panel.getByRole('button', { name: 'Επόμενο', exact: true }).isDisabled()).toBe(true);
    await flow.screenshot('import-el-3-sheet-choose');
    await flow.panel.getByLabel('Φύλλο').selectOption('Στοιχεία 2023');
    await flow.settled();
    expect(await flow.panel.getByLabel('Γραμμή με τα ονόματα των στηλών').inputValue()).toBe('2');
    expect(await flow.panel.locator('.skipped-lines').textContent()).toContain('Στοιχεία κοινωνικής συνταγογράφησης 2023');
    expect(await flow.panel.locator('.import-problems').textContent()).toContain('συγχωνευμένος τίτλος');
    await flow.screenshot('import-el-3-sheet-header');
  });

  it('columns: the two date forms, and "Ποσοστό (%)" forced to numbers', async () => {
    await next();
    expect(await flow.panel.locator('.import-preview thead').textContent()).toContain('%d.%m.%Y');
    await flow.panel.getByRole('combobox', { name: 'Τύπος της στήλης «Ποσοστό (%)»' }).selectOption('number');
    await flow.settled();
    await flow.screenshot('import-el-4-columns');
  });

  it('shape: Greek country names matched, Korea and the totals row listed', async () => {
    await next();
    const matches = flow.panel.locator('.country-matches');
    expect(await matches.locator('tr[data-status="matched"]', { hasText: 'Ελλάδα' }).textContent()).toContain('Ελλάδα (GR)');
    expect(await matches.locator('tbody tr:not([data-status="matched"])').allTextContents()).toEqual([expect.stringContaining('Κορέα, Δημοκρατία της'), expect.stringContaining('Σύνολο')]);
    await flow.screenshot('import-el-5-shape');
  });

  it('imports with the "#DIV/0!" row rejected, its sheet row and reason listed', async () => {
    await next();
    await flow.panel.getByRole('button', { name: 'Εισαγωγή', exact: true }).click();
    expect(await flow.finished()).toBe('done');
    expect(await flow.panel.locator('.import-counts h4').textContent()).toBe('Η εισαγωγή έγινε, αλλά απορρίφθηκε 1 γραμμή');
    expect(await flow.panel.locator('.counts-sum').textContent()).toBe('Διαβάστηκαν 6 γραμμές = εισαγωγή: 5 + απόρριψη: 1.');
    const reject = flow.panel.locator('.import-rejects tbody tr');
    expect(await reject.locator('td').allTextContents()).toEqual(['8', 'Ποσοστό (%)', 'Δεν είναι τιμή του τύπου «Αριθμός»', '#DIV/0!']);
    await flow.screenshot('import-el-6-rejected');
  });
});

/**
 * Every step of the panel in the pseudo-locale: no visible text or accessible name with
 * Latin letters bypassed i18next. What comes from the file (its lines, column names, values,
 * marked translate="no"), encodings' names (code), and country names from Intl are the file's
 * or the world's, not Sprig's words.
 */
describe('the Import panel in the pseudo-locale', () => {
  let sprig: RunningSprig;
  let browser: Browser;
  let page: Page;
  let flow: ImportFlow;

  beforeAll(async () => {
    const dir = await tempDir('sprig-e2e-import-pseudo-');
    const file = await germanWideCsv(dir);
    sprig = await startSprig();
    browser = await launchChromium();
    page = await (await browser.newContext({ viewport: { width: 1280, height: 800 } })).newPage();
    flow = new ImportFlow(page);
    await new FirstScreen(page).openInLanguage(sprig.url, 'pseudo');
    await page.locator('button.open-import').click();
    await flow.panel.locator('.import-file input').fill(file);
    await flow.panel.locator('.import-file button[type="submit"]').click();
    await flow.settled();
  });
  afterAll(async () => {
    await browser?.close();
    await sprig?.stop();
  });

  const allowed = [
    ...['DE', 'AT', 'GB', 'GR', 'CH'].flatMap((c) => [countryName(c, 'en-GB'), `(${c})`]),
    // The unpivot's new columns, named in the sentence that says what becomes of each cell.
    '“period”', '“value”', 'Sprig',
    // The file's own words where a sentence names them: columns, a value, the file and the package's name from it.
    'Land', 'Maßnahme', 'Atlantis', 'überweisungen.csv', 'uberweisungen',
    // Units from Intl, which formats the pseudo-locale as British English on purpose.
    'bytes',
  ];

  /** Runs in the page: text and accessible names in the panel with Latin letters left once the allowed texts are taken out. */
  function untranslated(root: Element, allowedTexts: string[]): string[] {
    const found: string[] = [];
    const leftover = (text: string) => {
      let rest = text;
      for (const a of allowedTexts) rest = rest.split(a).join(' ');
      return /[A-Za-z]{2,}/.test(rest);
    };
    const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      const parent = node.parentElement;
      const text = node.textContent ?? '';
      if (!parent || !text.trim() || parent.closest('[translate="no"], code, option, .visually-hidden')) continue;
      const box = parent.getBoundingClientRect();
      if (box.width === 0 || box.height === 0) continue;
      if (leftover(text)) found.push(`${parent.tagName.toLowerCase()}: ${text.trim()}`);
    }
    for (const el of root.querySelectorAll<HTMLElement>('[aria-label], [placeholder], [title]')) {
      for (const attr of ['aria-label', 'placeholder', 'title']) {
        const value = el.getAttribute(attr);
        if (value && leftover(value)) found.push(`${attr}: ${value}`);
      }
    }
    return found;
  }

  it('says nothing in plain English on any step', async () => {
    const found: string[] = [];
    const check = async (step: string) => found.push(...(await flow.panel.evaluate(untranslated, allowed)).map((f) => `${step}: ${f}`));
    const next = async () => {
      const before = await flow.step();
      await flow.panel.locator('.import-nav button').last().click();
      await page.waitForFunction((b) => document.querySelector('section.import-panel')?.getAttribute('data-import-step') !== b, before);
      await flow.settled();
    };
    await check('decode (choosing)');
    await flow.panel.locator('input[type="radio"][value="windows-1252"]').check();
    await flow.settled();
    await check('decode');
    await next();
    await check('header');
    await next();
    await check('columns');
    await next();
    await flow.panel.locator('.unpivot input[type="checkbox"]').check();
    await flow.settled();
    await check('shape');
    await next();
    await flow.panel.locator('.import-start button[type="submit"]').click();
    expect(await flow.finished()).toBe('done');
    await check('import');
    await flow.screenshot('import-pseudo-done');
    expect(found).toEqual([]);
  });
});
