import { spawnSync } from 'node:child_process';
import { chmod, copyFile, mkdir, mkdtemp, readFile, symlink, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { downloadedElectron, downloadElectron, failureReason, findElectron, type DownloadAttempt } from '../../scripts/desktop/electron-binary.ts';
import { repoRoot, tempDir } from '../support/temp.ts';

/** What Electron 45 prints when GitHub cannot be reached: its download's error, then its own advice with a stack. */
const failedDownload = [
  'Downloading Electron binary...',
  'TypeError: fetch failed',
  '/project/node_modules/electron/index.js:43',
  '      throw new Error(',
  '      ^',
  '',
  'Error: Electron failed to install correctly. Please delete `node_modules/electron` and run "npx install-electron --no" manually.',
  '    at getElectronPath (/project/node_modules/electron/index.js:43:13)',
  '',
].join('\n');

let root: string;
beforeAll(async () => {
  root = await tempDir('sprig-electron-');
});

/** An installed `electron` package as npm leaves it: no binary, unless `binary` is given. */
async function fakeElectron(options: { pathTxt?: string; binary?: string; index?: string } = {}): Promise<string> {
  const dir = await mkdtemp(path.join(root, 'electron-'));
  await writeFile(path.join(dir, 'package.json'), JSON.stringify({ name: 'electron', version: '45.4.1', main: 'index.js' }));
  if (options.index) await writeFile(path.join(dir, 'index.js'), options.index);
  if (options.pathTxt !== undefined) await writeFile(path.join(dir, 'path.txt'), options.pathTxt);
  if (options.binary) {
    await mkdir(path.join(dir, 'dist'), { recursive: true });
    await writeFile(path.join(dir, 'dist', options.binary), '#!/bin/sh\n');
  }
  return dir;
}

/** A download that must not happen. */
const noDownload = (): DownloadAttempt => {
  throw new Error('downloaded although Electron was there');
};

/** A download that succeeds as Electron's does: the binary in dist/, named in path.txt. */
const downloadInto = (dir: string) => (): DownloadAttempt => {
  spawnSync('sh', ['-c', 'mkdir -p dist && touch dist/electron && printf electron > path.txt'], { cwd: dir });
  return { ok: true, output: 'Downloading Electron binary...\n' };
};

/** The message is one sentence on one line that offers the browser host, with no stack trace. */
function expectOneSentenceOfferingServe(message: string): void {
  expect(message).not.toContain('\n');
  expect(message).not.toMatch(/\bat \S+ \(/);
  expect(message.match(/[.;] [A-Z]/g)).toBeNull();
  expect(message).toMatch(/^Sprig's desktop app cannot start .*; run "npm run serve" to use Sprig in your browser instead\.$/);
}

describe('the Electron binary for npm start and npm run dev', () => {
  it('is found where Electron downloaded it: path.txt names it inside dist/', async () => {
    const dir = await fakeElectron({ pathTxt: 'electron', binary: 'electron' });
    expect(downloadedElectron(dir)).toBe(path.join(dir, 'dist', 'electron'));
    expect(findElectron({ electronDir: dir, download: noDownload })).toEqual({ found: true, executable: path.join(dir, 'dist', 'electron') });
  });

  it('is not there on a fresh install (no path.txt), so Electron’s own download fetches it', async () => {
    const dir = await fakeElectron();
    expect(downloadedElectron(dir)).toBeNull();
    expect(findElectron({ electronDir: dir, download: downloadInto(dir) })).toEqual({ found: true, executable: path.join(dir, 'dist', 'electron') });
  });

  it('is not there when path.txt names a binary missing from dist/, so it is downloaded again', async () => {
    const dir = await fakeElectron({ pathTxt: 'electron' });
    expect(downloadedElectron(dir)).toBeNull();
    expect(findElectron({ electronDir: dir, download: downloadInto(dir) })).toEqual({ found: true, executable: path.join(dir, 'dist', 'electron') });
  });

  it('cannot be downloaded here: one sentence with the reason, offering npm run serve', async () => {
    for (const dir of [await fakeElectron(), await fakeElectron({ pathTxt: 'electron' })]) {
      const result = findElectron({ electronDir: dir, download: () => ({ ok: false, output: failedDownload }) });
      expect(result.found).toBe(false);
      if (result.found) continue;
      expectOneSentenceOfferingServe(result.message);
      expect(result.message).toContain('(fetch failed)');
    }
  });

  it('says so too when the download claims success but leaves no binary', async () => {
    const dir = await fakeElectron();
    const result = findElectron({ electronDir: dir, download: () => ({ ok: true, output: '' }) });
    expect(result.found).toBe(false);
    if (!result.found) expectOneSentenceOfferingServe(result.message);
  });

  it('is ELECTRON_EXEC_PATH when that is set, without a download; a wrong one is named', async () => {
    const dir = await fakeElectron({ pathTxt: 'electron', binary: 'electron' });
    const own = path.join(dir, 'dist', 'electron');
    expect(findElectron({ electronDir: await fakeElectron(), execPath: own, download: noDownload })).toEqual({ found: true, executable: own });
    const wrong = findElectron({ electronDir: dir, execPath: path.join(root, 'no-such-electron'), download: noDownload });
    expect(wrong).toEqual({ found: false, message: expect.stringContaining(path.join(root, 'no-such-electron')) });
  });

  it('takes the download’s own error as the reason, not Electron’s generic advice', () => {
    expect(failureReason(failedDownload)).toBe('fetch failed');
    expect(failureReason('HTTPError: Response code 404 (Not Found)\n')).toBe('Response code 404 (Not Found)');
    expect(failureReason('Error: Electron failed to install correctly. Please delete `node_modules/electron`.\n')).toBeNull();
  });
});

describe("Electron's own download, run by requiring its package in a child Node", () => {
  it('reports a failed download with what it printed, and leaves no binary', async () => {
    // Behaves as Electron 45's index.js does when GitHub is unreachable.
    const dir = await fakeElectron({
      index: `console.log('Downloading Electron binary...'); console.error('TypeError: fetch failed'); throw new Error('Electron failed to install correctly.');`,
    });
    const attempt = downloadElectron(dir);
    expect(attempt.ok).toBe(false);
    expect(failureReason(attempt.output)).toBe('fetch failed');
    expect(downloadedElectron(dir)).toBeNull();
  });

  it('reports a download that wrote the binary and path.txt', async () => {
    const dir = await fakeElectron({
      index: `const fs = require('fs'); fs.mkdirSync(__dirname + '/dist'); fs.writeFileSync(__dirname + '/dist/electron', ''); fs.writeFileSync(__dirname + '/path.txt', 'electron'); module.exports = __dirname + '/dist/electron';`,
    });
    expect(downloadElectron(dir).ok).toBe(true);
    expect(downloadedElectron(dir)).toBe(path.join(dir, 'dist', 'electron'));
  });
});

describe('npm start’s launcher', () => {
  const launcher = path.join(repoRoot, 'scripts', 'desktop', 'start.ts');
  const run = (args: string[], env: Record<string, string>) =>
    spawnSync(process.execPath, [launcher, ...args], { cwd: repoRoot, encoding: 'utf8', env: { ...process.env, ...env } });

  it('prints one sentence and exits 1 when it has no Electron to start, instead of a stack trace', () => {
    const result = run(['preview'], { ELECTRON_EXEC_PATH: path.join(root, 'no-such-electron') });
    expect(result.status).toBe(1);
    expect(result.stdout).toBe('');
    expect(result.stderr.trim().split('\n')).toEqual([expect.stringMatching(/does not exist; unset it, or run "npm run serve"/)]);
  });

  it('hands electron-vite the binary it found, and exits as Electron does', async () => {
    const argsFile = path.join(root, 'electron-args.txt');
    const electron = path.join(root, 'fake-electron.sh');
    await writeFile(electron, `#!/bin/sh\necho "$@" > '${argsFile}'\nexit 3\n`);
    await chmod(electron, 0o755);
    // --skipBuild: start the app already built, without rebuilding out/ under the other tests.
    const result = run(['preview', '--skipBuild'], { ELECTRON_EXEC_PATH: electron, ELECTRON_ENTRY: '.' });
    expect(result.status).toBe(3);
    expect((await readFile(argsFile, 'utf8')).trim()).toBe('.');
  });

  it('refuses a command other than preview or dev', () => {
    expect(run(['build'], {}).status).toBe(2);
  });
});

/**
 * A newcomer's checkout after `npm install`: this project's start and dev scripts and its
 * launcher, electron-vite, and an `electron` package that has not downloaded its binary.
 * Its index.js stands in for Electron's download, which cannot be run here without GitHub.
 */
async function freshInstall(electronIndex: string): Promise<string> {
  const project = await mkdtemp(path.join(root, 'project-'));
  const ours = JSON.parse(await readFile(path.join(repoRoot, 'package.json'), 'utf8')) as { type: string; scripts: Record<string, string> };
  const { start, dev } = ours.scripts;
  await writeFile(path.join(project, 'package.json'), JSON.stringify({ name: 'newcomer', private: true, type: ours.type, main: 'main.js', scripts: { start, dev } }));
  await writeFile(path.join(project, 'main.js'), '');
  await mkdir(path.join(project, 'scripts', 'desktop'), { recursive: true });
  for (const file of ['start.ts', 'electron-binary.ts']) await copyFile(path.join(repoRoot, 'scripts', 'desktop', file), path.join(project, 'scripts', 'desktop', file));
  await mkdir(path.join(project, 'node_modules', 'electron'), { recursive: true });
  await writeFile(path.join(project, 'node_modules', 'electron', 'package.json'), JSON.stringify({ name: 'electron', version: '45.4.1', main: 'index.js' }));
  await writeFile(path.join(project, 'node_modules', 'electron', 'index.js'), electronIndex);
  await symlink(path.join(repoRoot, 'node_modules', 'electron-vite'), path.join(project, 'node_modules', 'electron-vite'), 'dir');
  await mkdir(path.join(project, 'node_modules', '.bin'));
  await symlink(path.join('..', 'electron-vite', 'bin', 'electron-vite.js'), path.join(project, 'node_modules', '.bin', 'electron-vite'));
  return project;
}

/** `npm <args>` in a project, with npm's own network checks off. */
function npm(project: string, args: string[]) {
  const npmCli = process.env.npm_execpath;
  const [command, prefix] = npmCli && npmCli.endsWith('.js') ? [process.execPath, [npmCli]] : ['npm', []];
  return spawnSync(command, [...prefix, ...args], {
    cwd: project,
    encoding: 'utf8',
    env: { ...process.env, npm_config_update_notifier: 'false', npm_config_fund: 'false', npm_config_audit: 'false' },
  });
}

describe('npm start on a fresh install', () => {
  it('where Electron cannot download its binary: one sentence offering npm run serve, exit 1, no stack trace', async () => {
    const project = await freshInstall(
      `console.log('Downloading Electron binary...'); console.error('TypeError: fetch failed'); throw new Error('Electron failed to install correctly.');`,
    );
    // --skipBuild (for preview): this stand-in project has nothing to build.
    for (const args of [['start', '--', '--skipBuild'], ['run', 'dev']]) {
      const result = npm(project, args);
      expect(result.status, result.stderr).toBe(1);
      const said = result.stderr.split('\n').filter((line) => line.trim() !== '');
      expect(said).toHaveLength(1);
      expectOneSentenceOfferingServe(said[0]!);
      expect(said[0]).toContain('(fetch failed)');
      expect(result.stdout).not.toMatch(/Error|at \S+ \(/);
    }
  });

  it('where the download works: electron-vite starts the binary Electron just downloaded', async () => {
    const argsFile = path.join(root, 'downloaded-electron-args.txt');
    const project = await freshInstall(
      `const fs = require('fs'); fs.mkdirSync(__dirname + '/dist');
       fs.writeFileSync(__dirname + '/dist/electron', "#!/bin/sh\\necho \\"$@\\" > '${argsFile}'\\nexit 3\\n", { mode: 0o755 });
       fs.writeFileSync(__dirname + '/path.txt', 'electron'); module.exports = __dirname + '/dist/electron';`,
    );
    // --skipBuild: this stand-in project has nothing to build.
    const result = npm(project, ['start', '--', '--skipBuild']);
    expect(result.status, result.stderr).toBe(3);
    expect((await readFile(argsFile, 'utf8')).trim()).toBe('.');
  });
});
