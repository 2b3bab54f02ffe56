import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DataFolderInUseError, DataFolderLock } from './data-folder-lock';

describe(DataFolderLock.name, () => {
  let folder: string;

  beforeEach(() => {
    folder = mkdtempSync(join(tmpdir(), 'hotseat-lock-'));
  });

  afterEach(() => {
    rmSync(folder, { recursive: true, force: true });
  });

  it('writes this process id and removes the lock on release', () => {
    const lock = DataFolderLock.acquire(folder);
    expect(readFileSync(join(folder, 'hotseat.lock'), 'utf8')).toBe(String(process.pid));
    lock.release();
    expect(existsSync(join(folder, 'hotseat.lock'))).toBe(false);
  });

  it('refuses a folder this process already holds', () => {
    const lock = DataFolderLock.acquire(folder);
    expect(() => DataFolderLock.acquire(folder)).toThrow('already open in this process');
    lock.release();
    DataFolderLock.acquire(folder).release();
  });

  it('refuses a folder held by another live process, then takes it over once that process is gone', async () => {
    const other = spawn(process.execPath, ['-e', 'setInterval(() => {}, 1000)']);
    try {
      writeFileSync(join(folder, 'hotseat.lock'), String(other.pid));
      expect(() => DataFolderLock.acquire(folder)).toThrow(DataFolderInUseError);
      expect(() => DataFolderLock.acquire(folder)).toThrow(
        `in use by another Hotseat (process ${other.pid})`,
      );
    } finally {
      other.kill('SIGKILL');
      await new Promise((resolve) => other.once('exit', resolve));
    }
    const lock = DataFolderLock.acquire(folder);
    expect(readFileSync(join(folder, 'hotseat.lock'), 'utf8')).toBe(String(process.pid));
    lock.release();
  });

  it('leaves alone a lock another process has taken over since', () => {
    const lock = DataFolderLock.acquire(folder);
    writeFileSync(join(folder, 'hotseat.lock'), '999999');
    lock.release();
    expect(readFileSync(join(folder, 'hotseat.lock'), 'utf8')).toBe('999999');
  });
});
