// Attention flags for the interviewer: a paste into the reply, leaving the page and coming back.
// They are facts, never verdicts, and the candidate sees nothing change; a flag that cannot be sent
// is only a missing hint, so the chat goes on without it.
import { byId } from '../lib/dom';
import type { RoomContext } from './room';

export function attentionFlags(context: RoomContext): void {
  let away = false;
  let flags: Promise<unknown> = Promise.resolve();

  function attention(kind: 'pasted' | 'away' | 'back'): void {
    if (!context.live && kind !== 'back') return;
    // One at a time, so that "away" is always logged before its "back". A flag that fails after
    // every retry is only a missing hint; the chat goes on.
    flags = flags.then(() => context.act('attention', { kind })).catch(() => undefined);
  }

  byId('reply').addEventListener('paste', () => attention('pasted'));
  document.addEventListener('visibilitychange', () => {
    if (document.visibilityState === 'hidden' && context.live) {
      away = true;
      attention('away');
    } else if (document.visibilityState === 'visible' && away) {
      away = false;
      attention('back');
    }
  });
}
