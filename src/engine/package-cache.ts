import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { mkdir, readdir, realpath, rename, rm, stat } from 'node:fs/promises';
import path from 'node:path';
import { type DuckDBConnection, version as duckdbVersion } from '@duckdb/node-api';
import { sqlIdentifier, sqlString } from '../shared/sql/quote.ts';
import { isRunning } from './atomic-write.ts';
import { binaryKind, headBytes } from './csv-text.ts';
import { DEFAULT_LOAD_LIMITS } from './load-limits.ts';
import type { SavedCompact } from './compact-tables.ts';
import { DESCRIPTOR_FILE, type InsideFile, isRemote, leavesFolderAsWritten, openInside, packageRoot, readDescriptorText } from './package-files.ts';
import type { ExclusiveStatements, SharedStatements } from './view-queries.ts';

/**
 * Sprig's cache of loaded packages: one DuckDB database file per package folder, in
 * `<store>/cache/`, holding the package's tables as loaded and checked, and its compact
 * tables (src/engine/compact-tables.ts), so that the next start opens the package in
 * milliseconds instead of reading and checking every file again.
 *
 * - **Key.** The SHA-256 of everything the load read: `datapackage.json`, every file it
 *   names inside the package folder (resources, and schema or dialect files), this cache's
 *   format, Sprig's version and DuckDB's. A file changed, added or removed changes the key.
 *   Files are hashed at every start (about 0.2 s for 80 MB).
 * - **Reuse.** The file for a folder (named by the SHA-256 of its real path) is attached
 *   read-only when its key matches and it says it is complete; otherwise (stale, from
 *   another Sprig or DuckDB, half written, not a database at all) it is removed and the
 *   package loads from its files, fully checked, and is written again.
 * - **Writing.** A new cache is written to a temporary file (named with the process id)
 *   after the package has loaded, in the background (src/engine/preparation.ts), and
 *   renamed into place only once complete: a crash leaves at most a temporary file, which
 *   the next start removes once its process is gone. Another Sprig running at the same
 *   time (the desktop app and `sprig serve`) reads a finished file alongside this one and
 *   never sees a half-written one.
 * - **No cache.** A store that cannot be written (read-only, full), or a file that cannot
 *   be hashed, only costs speed: the package loads from its files, a line says why, and
 *   the compact tables go into an in-memory catalogue instead.
 *
 * Each package's cache is attached as a catalogue named `sprig:cache:<n>`, which no
 * package schema can be named (package names have no colon). The SQL console refuses any
 * name in such a catalogue (src/engine/sql-console.ts); it reads the package's tables
 * only through the package's own schema, where cached tables appear as views.
 */

/** Bump when what a cache holds changes: loading, checking or the compact tables. */
export const CACHE_FORMAT = 1;
/** Every cache catalogue's name starts so. */
export const CACHE_CATALOG_PREFIX = 'sprig:cache:';
/** The cache's folder inside the store (the only part of the store, besides `tmp/`, DuckDB may reach once locked). */
export const CACHE_FOLDER = 'cache';
const META_TABLE = 'sprig_cache';
/** Schemas inside a cache file. */
export const PACKAGE_SCHEMA = 'package';
export const COMPACT_SCHEMA = 'compact';

/** What a finished cache file says about itself. */
export interface CacheMeta {
  format: number;
  key: string;
  package: string;
  /** The tables of the package's schema, copied as loaded. */
  tables: string[];
  compact: SavedCompact | null;
}

/** A package's cache for this run. */
export type CacheSlot =
  /** A finished cache of these very files, attached read-only. */
  | { kind: 'hit'; catalog: string; file: string; meta: CacheMeta }
  /** Being written: a temporary file, attached for writing, renamed to `file` when complete. */
  | { kind: 'miss'; catalog: string; file: string; temp: string; key: string }
  /** No file: an in-memory catalogue for the compact tables. */
  | { kind: 'memory'; catalog: string; reason: string };

/** No finished cache of these files: the package loads from them, then a cache is written to `file` (when there is one). */
export interface CacheToWrite {
  kind: 'load';
  catalog: string;
  file: string | null;
  key: string | null;
}

export interface PackageCacheOptions {
  storeDir: string;
  /** False: never read or write cache files (every package loads from its files). */
  enabled: boolean;
  /** False: use finished cache files, but write none. */
  write: boolean;
  log: (message: string) => void;
}

let temporaryCounter = 0;

export class PackageCache {
  private readonly dir: string;
  private readonly options: PackageCacheOptions;
  /** Why no file can be used this run, once known. */
  private unavailable: string | null;
  private prepared: Promise<void> | null = null;
  /** Temporary files of this run not (yet) renamed into place, removed at close. */
  private readonly temporaries = new Set<string>();
  private catalogs = 0;

  constructor(options: PackageCacheOptions) {
    this.options = options;
    this.dir = path.join(options.storeDir, CACHE_FOLDER);
    this.unavailable = options.enabled ? null : 'switched off';
  }

  /** The cache folder exists and holds no temporary file of a Sprig that is no longer running. */
  private async ready(): Promise<void> {
    this.prepared ??= (async () => {
      if (this.unavailable) return;
      try {
        await mkdir(this.dir, { recursive: true });
        for (const name of await readdir(this.dir)) {
          const pid = /\.(\d+)\.\d+\.tmp\.duckdb(\.wal)?$/.exec(name)?.[1];
          if (pid !== undefined && Number(pid) !== process.pid && !isRunning(Number(pid))) await rm(path.join(this.dir, name), { force: true });
        }
      } catch (error) {
        this.markUnavailable(`the folder ${this.dir} cannot be used (${reasonOf(error)})`);
      }
    })();
    return this.prepared;
  }

  private markUnavailable(reason: string): void {
    if (this.unavailable) return;
    this.unavailable = reason;
    this.options.log(`Sprig's cache is not used: ${reason}; packages load from their files at every start`);
  }

  /**
   * Before loading a package: its finished cache, attached read-only to `connection`, when
   * the cache holds these very files; otherwise what to do after loading it from its files
   * (`afterLoading`). Never throws for a cache problem: the worst is no cache.
   */
  async open(connection: DuckDBConnection, folder: string, packageName: string, known?: string | null): Promise<CacheSlot | CacheToWrite> {
    const catalog = `${CACHE_CATALOG_PREFIX}${++this.catalogs}`;
    await this.ready();
    if (this.unavailable) return { kind: 'load', catalog, file: null, key: null };
    let key: string | null;
    try {
      // Hashed once by the caller (src/engine/engine.ts), who also checks and records the files' digests.
      key = known !== undefined ? known : await sourceKey(folder);
    } catch (error) {
      key = null;
      this.options.log(`${folder}: not cached, its files cannot be hashed (${reasonOf(error)})`);
    }
    if (!key) return { kind: 'load', catalog, file: null, key: null };
    const file = path.join(this.dir, `${await folderId(folder)}.duckdb`);
    if (await exists(file)) {
      const meta = await this.attachFinished(connection, file, catalog);
      if (meta && meta.key === key && meta.package === packageName) return { kind: 'hit', catalog, file, meta };
      if (meta) await connection.run(`DETACH ${sqlIdentifier(catalog)}`);
      this.options.log(`${folder}: ${meta ? 'its files changed since they were cached' : 'its cache cannot be read'}; loading it from its files`);
      await rm(file, { force: true }).catch(() => {});
      await rm(`${file}.wal`, { force: true }).catch(() => {});
    }
    return { kind: 'load', catalog, file, key };
  }

  /**
   * After a package loaded from its files: attaches where its compact tables and its new
   * cache go, a temporary file to be renamed into place once written, else (no store to
   * write, a command that writes none) an in-memory catalogue.
   */
  async afterLoading(connection: DuckDBConnection, plan: CacheToWrite): Promise<CacheSlot> {
    const { catalog, file, key } = plan;
    const memory = async (reason: string): Promise<CacheSlot> => {
      await connection.run(`ATTACH ':memory:' AS ${sqlIdentifier(catalog)}`);
      await connection.run(`CREATE SCHEMA ${sqlIdentifier(catalog)}.${COMPACT_SCHEMA}`);
      return { kind: 'memory', catalog, reason };
    };
    if (this.unavailable || !file || !key) return memory(this.unavailable ?? 'its files cannot be hashed');
    if (!this.options.write) return memory('not written by this command');
    const temp = path.join(this.dir, `${path.basename(file, '.duckdb')}.${process.pid}.${++temporaryCounter}.tmp.duckdb`);
    try {
      await rm(temp, { force: true });
      await connection.run(`ATTACH ${sqlString(temp)} AS ${sqlIdentifier(catalog)}`);
      this.temporaries.add(temp);
      await connection.run(`CREATE SCHEMA ${sqlIdentifier(catalog)}.${PACKAGE_SCHEMA}`);
      await connection.run(`CREATE SCHEMA ${sqlIdentifier(catalog)}.${COMPACT_SCHEMA}`);
      return { kind: 'miss', catalog, file, temp, key };
    } catch (error) {
      await this.forget(connection, catalog, temp);
      this.markUnavailable(`${temp} cannot be written (${reasonOf(error)})`);
      return memory(this.unavailable ?? 'cannot be written');
    }
  }

  /** Attaches a finished file read-only and answers what it says of itself, or null (detached again) when it is not one. */
  private async attachFinished(connection: DuckDBConnection, file: string, catalog: string): Promise<CacheMeta | null> {
    try {
      await connection.run(`ATTACH ${sqlString(file)} AS ${sqlIdentifier(catalog)} (READ_ONLY)`);
    } catch {
      return null;
    }
    try {
      const reader = await connection.runAndReadAll(`SELECT meta FROM ${sqlIdentifier(catalog)}.main.${META_TABLE}`);
      const meta = JSON.parse(String(reader.getRows()[0]?.[0])) as Partial<CacheMeta>;
      if (meta.format !== CACHE_FORMAT || typeof meta.key !== 'string' || !Array.isArray(meta.tables)) throw new Error('not this format');
      return meta as CacheMeta;
    } catch {
      await connection.run(`DETACH ${sqlIdentifier(catalog)}`).catch(() => {});
      return null;
    }
  }

  /**
   * Finishes a cache being written: records what it holds (on `writer`, the connection that
   * wrote it), then, with no view statement in between, detaches it, renames it into place
   * and attaches it again read-only under the same name. Answers whether the file is now in
   * place; if not, the temporary file is attached again, and goes at close.
   */
  async finish(writer: SharedStatements, views: ExclusiveStatements, slot: CacheSlot & { kind: 'miss' }, meta: Omit<CacheMeta, 'format' | 'key'>): Promise<boolean> {
    const catalog = sqlIdentifier(slot.catalog);
    const full: CacheMeta = { format: CACHE_FORMAT, key: slot.key, ...meta };
    await writer.run(`CREATE TABLE ${catalog}.main.${META_TABLE} AS SELECT ${sqlString(JSON.stringify(full))} AS meta`);
    let renamed = false;
    await views.exclusive(async (connection) => {
      // Detaching closes the file, which writes everything into it (a checkpoint); its WAL, should one stay, moves with it.
      await connection.run(`DETACH ${catalog}`);
      try {
        if (await exists(`${slot.temp}.wal`)) await rename(`${slot.temp}.wal`, `${slot.file}.wal`);
        else await rm(`${slot.file}.wal`, { force: true });
        await rename(slot.temp, slot.file);
        this.temporaries.delete(slot.temp);
        renamed = true;
      } catch (error) {
        this.options.log(`${slot.file} cannot be written (${reasonOf(error)}); the package will load from its files next time`);
      }
      await connection.run(`ATTACH ${sqlString(renamed ? slot.file : slot.temp)} AS ${catalog} (READ_ONLY)`);
    });
    return renamed;
  }

  /**
   * Detaches a package's cache that will not be used (the package was refused, or its cache
   * could not be read): a file being written is deleted, and so is a finished one that failed.
   */
  async discard(statements: { run(sql: string): Promise<unknown> }, slot: CacheSlot): Promise<void> {
    await statements.run(`DETACH DATABASE IF EXISTS ${sqlIdentifier(slot.catalog)}`).catch(() => {});
    if (slot.kind === 'miss') await this.removeTemporary(slot.temp);
    if (slot.kind === 'hit') {
      await rm(slot.file, { force: true }).catch(() => {});
      await rm(`${slot.file}.wal`, { force: true }).catch(() => {});
    }
  }

  /** Removes this run's temporary files (call once DuckDB is closed). */
  async close(): Promise<void> {
    await Promise.all([...this.temporaries].map((temp) => this.removeTemporary(temp)));
  }

  private async forget(connection: DuckDBConnection, catalog: string, temp: string): Promise<void> {
    await connection.run(`DETACH DATABASE IF EXISTS ${sqlIdentifier(catalog)}`).catch(() => {});
    await this.removeTemporary(temp);
  }

  private async removeTemporary(temp: string): Promise<void> {
    this.temporaries.delete(temp);
    await rm(temp, { force: true }).catch(() => {});
    await rm(`${temp}.wal`, { force: true }).catch(() => {});
  }
}

/** Whether `name` (a catalogue or schema in SQL) is one of Sprig's cache catalogues. */
export function isCacheCatalog(name: string): boolean {
  return name.toLowerCase().startsWith(CACHE_CATALOG_PREFIX);
}

/** A resource file as hashed once before loading: for the cache's key, the descriptor's `hash` and `bytes`, and the record of sources. */
export interface HashedFile {
  /** As the descriptor writes it. */
  written: string;
  real: string;
  size: number;
  sha256: string;
  /** Other digests the descriptor's `hash` asked for (md5, sha1, sha512), made in the same pass. */
  digests: Record<string, string>;
}

export interface SourceHashes {
  /** The cache key (see `sourceKey`), or null when some resource cannot be hashed safely. */
  key: string | null;
  /** Each resource file that could be hashed, by its path as written. */
  files: Map<string, HashedFile>;
}

/** The digest algorithms a resource's `hash` names (Frictionless: "algorithm:hex", or bare hex for MD5). */
export function declaredHash(resource: unknown): { algorithm: string; hex: string } | null {
  const hash = (resource as { hash?: unknown } | null)?.hash;
  if (typeof hash !== 'string') return null;
  const match = /^(?:([a-z0-9-]+):)?([0-9a-f]+)$/i.exec(hash.trim());
  if (!match) return { algorithm: 'unknown', hex: '' };
  return { algorithm: (match[1] ?? 'md5').toLowerCase().replace('-', ''), hex: match[2]!.toLowerCase() };
}

const DIGESTS = new Set(['md5', 'sha1', 'sha256', 'sha512']);

/**
 * The SHA-256 of everything loading the package reads, or null when a resource cannot be
 * hashed safely (missing, not a regular file, outside the folder, remote): then the package
 * loads from its files, and the loader says what is wrong. Files are found and opened by
 * the loader's own rules (src/engine/package-files.ts): nothing outside the folder is opened.
 */
export async function sourceKey(folder: string, maxFileBytes: number = DEFAULT_LOAD_LIMITS.fileBytes): Promise<string | null> {
  return (await hashSources(folder, maxFileBytes)).key;
}

/**
 * Reads every file of the package once: the cache's key, and each resource file's SHA-256
 * (and the digest its `hash` names), which the loader checks against the descriptor and the
 * engine records (src/engine/source-integrity.ts).
 */
export async function hashSources(folder: string, maxFileBytes: number = DEFAULT_LOAD_LIMITS.fileBytes): Promise<SourceHashes> {
  const files = new Map<string, HashedFile>();
  const none = { key: null, files };
  const root = await packageRoot(folder);
  let descriptorText: string;
  let descriptor: unknown;
  try {
    descriptorText = await readDescriptorText(folder, root);
    descriptor = JSON.parse(descriptorText);
  } catch {
    return none;
  }
  const resources = (descriptor as { resources?: unknown }).resources;
  if (!Array.isArray(resources)) return none;
  const hashes = new Map<string, string>();
  let complete = true;
  // Every resource's data, which must be regular files inside the folder.
  for (const resource of resources) {
    const paths = [(resource as { path?: unknown } | null)?.path].flat();
    const declared = declaredHash(resource);
    const extra = declared && declared.algorithm !== 'sha256' && DIGESTS.has(declared.algorithm) && paths.length === 1 ? [declared.algorithm] : [];
    for (const p of paths) {
      if (typeof p !== 'string' || isRemote(p)) {
        complete = false;
        continue;
      }
      const hashed = await hashInside(root, p, maxFileBytes, extra);
      if (!hashed) {
        complete = false;
        continue;
      }
      hashes.set(hashed.real, hashed.sha256);
      files.set(p, { written: p, ...hashed });
    }
  }
  if (!complete) return none;
  // Any other file the descriptor names (a schema or dialect kept in a file of its own).
  // Only where a file may stand: not every string (100,000 field names would each be looked for on disk).
  const named = resources.flatMap((r) => [(r as { schema?: unknown } | null)?.schema, (r as { dialect?: unknown } | null)?.dialect]).filter((v) => typeof v === 'string');
  for (const text of named) {
    if (text.length > 255 || /[\n\0]/.test(text) || isRemote(text) || leavesFolderAsWritten(text)) continue;
    const hashed = await hashInside(root, text, maxFileBytes, []);
    if (hashed) hashes.set(hashed.real, hashed.sha256);
  }
  const hash = createHash('sha256');
  hash.update(JSON.stringify({ format: CACHE_FORMAT, sprig: sprigVersion(), duckdb: duckdbVersion() }));
  hash.update(`\0${DESCRIPTOR_FILE}\0${sha256(Buffer.from(descriptorText, 'utf8'))}`);
  for (const [real, fileHash] of [...hashes].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) {
    hash.update(`\0${path.relative(root, real)}\0${fileHash}`);
  }
  return { key: hash.digest('hex'), files };
}

/** The real path, size and SHA-256 (and the other digests asked for) of a regular file inside the folder, or null (missing, outside, not a file). */
async function hashInside(root: string, written: string, maxBytes: number, others: string[]): Promise<{ real: string; size: number; sha256: string; digests: Record<string, string> } | null> {
  let file: InsideFile;
  try {
    file = await openInside(root, written, undefined);
  } catch {
    return null;
  }
  try {
    const size = (await file.handle.stat()).size;
    // A file the loader refuses at once (too large, binary where text belongs) is not hashed first: no cache for it.
    if (size > maxBytes) return null;
    const kind = binaryKind(await headBytes(file.handle, 8192));
    if (kind === 'binary') return null;
    const hash = createHash('sha256');
    const more = others.map((algorithm) => [algorithm, createHash(algorithm)] as const);
    for await (const chunk of file.handle.createReadStream({ highWaterMark: 1 << 20, autoClose: false })) {
      // Text with a NUL byte further on (a sparse file behind a header) is refused by the loader; not hashed to the end first.
      if (kind === null && (chunk as Buffer).includes(0)) return null;
      hash.update(chunk as Buffer);
      for (const [, h] of more) h.update(chunk as Buffer);
    }
    return { real: file.real, size, sha256: hash.digest('hex'), digests: Object.fromEntries(more.map(([a, h]) => [a, h.digest('hex')])) };
  } finally {
    await file.handle.close();
  }
}

function sha256(bytes: Buffer): string {
  return createHash('sha256').update(bytes).digest('hex');
}

async function folderId(folder: string): Promise<string> {
  return createHash('sha256').update(await realpath(folder)).digest('hex').slice(0, 32);
}

let cachedVersion: string | undefined;
/** Sprig's version from its package.json (the same file in the repository and the built app). */
function sprigVersion(): string {
  if (cachedVersion === undefined) {
    cachedVersion = 'unknown';
    for (const up of ['..', '../..']) {
      try {
        const json = JSON.parse(readFileSync(path.join(import.meta.dirname, up, '..', 'package.json'), 'utf8')) as { name?: string; version?: string };
        if (json.name === 'sprig' && json.version) {
          cachedVersion = json.version;
          break;
        }
      } catch {
        // not here
      }
    }
  }
  return cachedVersion;
}

async function exists(file: string): Promise<boolean> {
  return stat(file).then(
    () => true,
    () => false,
  );
}

function reasonOf(error: unknown): string {
  return ((error as Error).message ?? String(error)).split('\n')[0] ?? String(error);
}
