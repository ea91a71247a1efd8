import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { writeFileAtomic } from './atomic-write.ts';
import { declaredHash, type SourceHashes } from './package-cache.ts';
import type { PackageDescriptor } from './package-descriptor.ts';
import { PackageRefusal } from './package-refusal.ts';

/**
 * Whether a package's files are the ones it describes, and whether they changed since Sprig
 * last opened them. Both use the digests read once before loading (`hashSources` in
 * src/engine/package-cache.ts, which also makes the cache's key): no file is hashed twice.
 *
 * - **Declared integrity.** A resource's `bytes` (its size on disk) and `hash` (Frictionless:
 *   `"sha256:…"`, `"sha1:…"`, `"sha512:…"`, `"md5:…"`, or bare hex for MD5) are checked, and a
 *   mismatch refuses the package, naming the file. A hash in an algorithm Sprig does not know
 *   is not checked (the log says so); a resource in several files (a `path` array) has no one
 *   file to check, so its `hash` and `bytes` are not checked either.
 * - **Changed since last opened.** The SHA-256 and size of every file loaded are kept in
 *   `<store>/sources.json` (by package folder); when a file differs from what was recorded,
 *   the package's card says so for this run (`DatasetSummary.changedFiles`).
 */

export function checkDeclaredIntegrity(descriptor: PackageDescriptor, hashes: SourceHashes, log: (message: string) => void): void {
  for (const resource of descriptor.resources) {
    if (resource.paths && resource.paths.length > 1) continue;
    const file = hashes.files.get(resource.path);
    // Not hashed (missing, outside, not a regular file, binary): the loader says what is wrong.
    if (!file) continue;
    const bytes = resource.bytes;
    if (typeof bytes === 'number' && Number.isFinite(bytes) && bytes !== file.size) {
      throw new PackageRefusal(`resource "${resource.name}": ${file.written} is ${file.size} bytes long, but the descriptor says ${bytes}`, {
        resource: resource.name,
        file: file.written,
        code: 'bytes-mismatch',
        rule: 'integrity',
        values: { expected: bytes, found: file.size },
      });
    }
    const declared = declaredHash(resource);
    if (!declared) continue;
    const found = declared.algorithm === 'sha256' ? file.sha256 : file.digests[declared.algorithm];
    if (found === undefined) {
      log(`${file.written}: its hash is in an algorithm Sprig does not check (${String(resource.hash).slice(0, 20)}); not checked`);
      continue;
    }
    if (found !== declared.hex) {
      const algorithm = declared.algorithm.toUpperCase().replace(/^SHA/, 'SHA-');
      throw new PackageRefusal(`resource "${resource.name}": ${file.written}: its ${algorithm} checksum is not the one the descriptor gives`, {
        resource: resource.name,
        file: file.written,
        code: 'hash-mismatch',
        rule: 'integrity',
        values: { algorithm },
      });
    }
  }
}

const RECORD_FILE = 'sources.json';

interface RecordedFile {
  sha256: string;
  size: number;
}

type Recorded = Record<string, Record<string, RecordedFile>>;

/** `<store>/sources.json`: every loaded file's SHA-256, by package folder; see above. */
export class SourceRecord {
  private readonly file: string;
  private recorded: Promise<Recorded> | null = null;
  private dirty = false;

  constructor(storeDir: string) {
    this.file = path.join(storeDir, RECORD_FILE);
  }

  private read(): Promise<Recorded> {
    this.recorded ??= readFile(this.file, 'utf8').then(
      (text) => {
        const json = JSON.parse(text) as { format?: unknown; folders?: unknown };
        return json.format === 1 && json.folders && typeof json.folders === 'object' ? (json.folders as Recorded) : {};
      },
      () => ({}),
    );
    return this.recorded;
  }

  /** Notes the files loaded from a package folder; answers those (as written) that differ from what was recorded before. */
  async note(folder: string, hashes: SourceHashes): Promise<string[]> {
    const recorded = await this.read();
    const before = recorded[folder] ?? {};
    const changed: string[] = [];
    const now: Record<string, RecordedFile> = {};
    for (const file of hashes.files.values()) {
      const was = before[file.written];
      if (was && (was.sha256 !== file.sha256 || was.size !== file.size)) changed.push(file.written);
      now[file.written] = { sha256: file.sha256, size: file.size };
      if (!was || changed.includes(file.written)) this.dirty = true;
    }
    recorded[folder] = { ...before, ...now };
    return changed;
  }

  /** Writes what was noted, once per opening (through the store's atomic write); a store that cannot be written costs only the note next time. */
  async save(log: (message: string) => void): Promise<void> {
    if (!this.dirty) return;
    const folders = await this.read();
    try {
      await writeFileAtomic(this.file, `${JSON.stringify({ format: 1, folders }, null, 1)}\n`);
      this.dirty = false;
    } catch (error) {
      // A store made read-only on purpose is a setup Sprig supports quietly: the note is lost, nothing else.
      if (['EACCES', 'EPERM', 'EROFS'].includes(String((error as NodeJS.ErrnoException).code))) return;
      log(`${this.file} cannot be written (${(error as Error).message.split('\n')[0]}); a file changed since it was last opened may not be noted`);
    }
  }
}
