// The interviewer's keyboard shortcuts, listed in a dialog that `?` opens: a beat by its number,
// anger up and down, the composer, the note, solve. Each does what its button does, and only when
// the button may be used. None works while the focus is in a text box, where keys are words:
// Escape leaves the box first.
import { byId } from '../lib/dom';
import type { ConsoleContext } from './context';
import type { Script } from './script';

/** Inputs where a key is a character typed, not a command. */
const KEYS_ARE_TEXT = new Set([
  'text',
  'search',
  'email',
  'url',
  'tel',
  'password',
  'number',
  'date',
  'time',
]);

function isTextField(node: Element | null): node is HTMLElement {
  if (node instanceof HTMLTextAreaElement || node instanceof HTMLSelectElement) return true;
  if (node instanceof HTMLInputElement) return KEYS_ARE_TEXT.has(node.type);
  return node instanceof HTMLElement && node.isContentEditable;
}

/** Clicks a button the way a person could: only when it is shown and enabled. */
function press(id: string): void {
  const button = byId<HTMLButtonElement>(id);
  if (!button.disabled && button.checkVisibility()) button.click();
}

/** Focuses a text box when it may be used now. */
function focus(id: string): void {
  const field = byId<HTMLTextAreaElement>(id);
  if (!field.disabled) field.focus();
}

export function shortcuts(context: ConsoleContext, beats: Script): void {
  if (!context.canAct) return;
  const dialog = byId<HTMLDialogElement>('shortcuts');
  const opener = byId<HTMLButtonElement>('shortcuts-open');
  let returnTo: HTMLElement | null = null;

  function open(): void {
    if (dialog.open) return;
    returnTo = document.activeElement instanceof HTMLElement ? document.activeElement : null;
    dialog.showModal();
  }
  // Escape and the Close button close the dialog; the focus goes back to where it was.
  dialog.addEventListener('close', () => {
    const back = returnTo?.isConnected && returnTo !== document.body ? returnTo : opener;
    back.focus();
    returnTo = null;
  });
  opener.addEventListener('click', open);

  const commands: Record<string, () => void> = {
    '?': open,
    '+': () => press('anger-up'),
    '=': () => press('anger-up'),
    '-': () => press('anger-down'),
    m: () => focus('message'),
    n: () => focus('note-text'),
    s: () => press('solve'),
  };
  for (let number = 1; number <= 9; number += 1) {
    commands[String(number)] = () => beats.send(number);
  }

  document.addEventListener('keydown', (event) => {
    if (event.defaultPrevented || event.isComposing || dialog.open) return;
    if (event.ctrlKey || event.metaKey || event.altKey) return;
    const active = document.activeElement;
    if (isTextField(active)) {
      if (event.key === 'Escape') active.blur();
      return;
    }
    const command = commands[event.key.length === 1 ? event.key.toLowerCase() : event.key];
    if (!command) return;
    // The key is the command's, not a character for the box it focuses.
    event.preventDefault();
    if (!event.repeat) command();
  });
}
