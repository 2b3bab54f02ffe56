/** Times for people, shared by the server's pages and the browser, so every page writes them alike. */

const pad = (n: number) => String(n).padStart(2, '0');

/** A duration: "4.2 s" under a minute, then "2 min 05 s". */
export function duration(ms: number): string {
  if (ms < 60_000) return `${(ms / 1000).toFixed(1)} s`;
  const seconds = Math.round(ms / 1000);
  return `${Math.floor(seconds / 60)} min ${pad(seconds % 60)} s`;
}

/** A moment of a role-play, from its start: "1:05". */
export function sinceStart(ms: number): string {
  const seconds = Math.max(0, Math.floor(ms / 1000));
  return `${Math.floor(seconds / 60)}:${pad(seconds % 60)}`;
}

/** A replay position, to the tenth: "0:04.2". */
export function replayClock(ms: number): string {
  const tenths = Math.max(0, Math.floor(ms / 100));
  const seconds = ((tenths % 600) / 10).toFixed(1).padStart(4, '0');
  return `${Math.floor(tenths / 600)}:${seconds}`;
}

/** The console's stopwatch: "04:09". */
export function stopwatch(ms: number): string {
  const seconds = Math.max(0, Math.floor(ms / 1000));
  return `${pad(Math.floor(seconds / 60))}:${pad(seconds % 60)}`;
}
