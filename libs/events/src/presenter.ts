import { candidateSees } from './visibility';
import type { DeskInputValue, SessionEvent } from './vocabulary';

/**
 * The words and icons for every event, for every page that shows a log: the interviewer console,
 * the candidate's room, the transcript, the replay and the print view. Pages choose which kinds they
 * show and where; what an event says is written here once.
 */

export type LineKind =
  | 'candidate'
  | 'customer'
  | 'anger'
  | 'checkpoint'
  | 'note'
  | 'help'
  | 'desk'
  | 'attention'
  | 'system';

export interface Line {
  kind: LineKind;
  /** Who said or did it, as the audience knows them. */
  who: string;
  text: string;
  /** A short symbol beside the line (decorative: `who` and `text` carry the meaning). */
  icon: string;
  /** A fact for staff beside the text: the script beat a customer line came from, a desk mistake. */
  detail?: string;
  /** A desk action that is a mistake in this story: pages flag it. */
  mistake?: boolean;
}

/**
 * `staff`: the interviewer and hiring managers, who see everything; `candidate`: the candidate's own
 * room, which is sent only what the candidate may see and draws only the conversation.
 */
export type Audience = 'staff' | 'candidate';

export interface PresenterContext {
  audience: Audience;
  /** The candidate's name, as staff see it. */
  candidateName: string;
  /** The customer the interviewer plays (the scenario's persona). */
  customerName: string;
  /** A checkpoint's label by id; its id when unknown. */
  checkpointLabel?: (id: string) => string;
  /** A desk mistake's note for the interviewer by id; its id when unknown. */
  mistakeNote?: (id: string) => string;
  /** A desk action's form (its inputs' ids and labels, in order), to word what was entered. */
  deskForm?: (actionId: string) => readonly DeskFormInput[];
}

export interface DeskFormInput {
  id: string;
  label: string;
}

export const ICONS: Record<LineKind, string> = {
  candidate: '●',
  customer: '○',
  anger: '▲',
  checkpoint: '✓',
  note: '✎',
  help: '?',
  desk: '▤',
  attention: '!',
  system: '■',
};

type Present = (event: SessionEvent) => Line | null;

/**
 * A function that turns each event of one session's log, in seq order, into its line, or null when
 * the audience is shown nothing for it. It remembers article titles, so "closed" names the article.
 */
export function presenter(context: PresenterContext): Present {
  const titles = new Map<string, string>();
  const staff = context.audience === 'staff';
  const line = (kind: LineKind, who: string, text: string, detail?: string): Line => ({
    kind,
    who,
    text,
    icon: ICONS[kind],
    ...(detail ? { detail } : {}),
  });
  const help = (text: string) => (staff ? line('help', 'Help center', text) : null);
  // The candidate's room shows the desk itself, not lines about it.
  const desk = (text: string, detail?: string) =>
    staff ? line('desk', 'Desk', text, detail) : null;
  const checkpointLabel = (id: string) => context.checkpointLabel?.(id) ?? id;
  const signal = (text: string) => (staff ? line('attention', 'Signal', text) : null);
  /** A line of the role-play itself; `forCandidate` null: the candidate is shown nothing. */
  const system = (forStaff: string, forCandidate: string | null = null) =>
    staff || forCandidate !== null
      ? line('system', 'Hotseat', staff ? forStaff : forCandidate!)
      : null;

  return (event) => {
    // The candidate's room is sent only what a candidate may see; it never words anything else.
    if (!staff && !candidateSees(event.type)) return null;
    switch (event.type) {
      case 'chat.message': {
        const { text, beatId } = event.payload;
        if (event.actor === 'candidate') {
          return line('candidate', staff ? `${context.candidateName} (candidate)` : 'You', text);
        }
        return staff
          ? line('customer', `${context.customerName} (customer)`, text, beatId && `beat ${beatId}`)
          : line('customer', 'Customer', text);
      }
      case 'anger.changed':
        return line('anger', 'Interviewer', `Anger set to ${event.payload.level} of 10`);
      case 'checkpoint.hit': {
        const label = checkpointLabel(event.payload.checkpointId);
        return event.actor === 'system'
          ? line('checkpoint', 'Desk', `Checkpoint met by the desk: ${label}`)
          : line('checkpoint', 'Interviewer', `Checkpoint met: ${label}`);
      }
      case 'checkpoint.cleared':
        return line(
          'checkpoint',
          'Interviewer',
          `Checkpoint unticked: ${checkpointLabel(event.payload.checkpointId)}`,
        );
      case 'note.added':
        return line('note', 'Interviewer note', event.payload.text);
      case 'help.searched': {
        const { query, results } = event.payload;
        return help(`Searched for "${query}": ${count(results.length, 'result')}`);
      }
      case 'help.opened':
        titles.set(event.payload.articleId, event.payload.title);
        return help(`Opened "${event.payload.title}"`);
      case 'help.closed': {
        const { articleId } = event.payload;
        return help(`Closed "${titles.get(articleId) ?? articleId}"`);
      }
      case 'desk.viewed':
        return desk(`Looked up ${event.payload.title}`);
      case 'desk.acted': {
        const { actionId, label, input, mistakes = [] } = event.payload;
        const given = deskInputText(input, context.deskForm?.(actionId) ?? []);
        const acted = desk(
          `Did "${label}"${given ? ` (${given})` : ''}`,
          mistakes.map((id) => `Mistake: ${context.mistakeNote?.(id) ?? id}`).join(' '),
        );
        return acted && mistakes.length ? { ...acted, mistake: true } : acted;
      }
      case 'desk.emailed': {
        const { subject, mentions = [] } = event.payload;
        const facts = mentions.map(({ fact, found }) => `${fact}: ${found ? 'yes' : 'no'}`);
        return desk(
          `Emailed the customer: "${subject}"`,
          facts.length ? `Mentions (a signal) ${facts.join('; ')}` : undefined,
        );
      }
      case 'desk.reported':
        return desk(`Reported to the product team: "${event.payload.title}"`);
      case 'candidate.pasted':
        return signal('Pasted into the reply box');
      case 'candidate.away':
        return signal('Left the chat for another tab or window');
      case 'candidate.back':
        return signal('Came back to the chat');
      case 'session.started':
        return system('The role-play started', 'The chat started');
      case 'session.solved':
        return system('The interviewer marked the issue solved');
      case 'session.ended': {
        const { endedBy, reason } = event.payload;
        if (endedBy === 'time-limit') {
          return system('The role-play ended at its time limit', 'The chat has ended');
        }
        if (endedBy === 'checkpoints-met') {
          return system('The practice ended: every required step is done', 'The chat has ended');
        }
        if (endedBy === 'candidate') {
          return system('The candidate ended the practice', 'The chat has ended');
        }
        return system(
          `The interviewer ended the role-play${reason ? `: ${reason}` : ''}`,
          'The chat has ended',
        );
      }
      case 'session.cancelled':
        return system('The role-play was cancelled', 'This chat was cancelled');
    }
  };
}

/**
 * A desk action's input in the words of its form, in the form's order: "Payments to refund: P2, P3;
 * Reason: Duplicate charge" (the log keeps an object, whose keys come back in another order).
 * Without the form, the input ids stand for the labels. Empty when nothing was entered.
 */
export function deskInputText(
  input: Record<string, DeskInputValue>,
  form: readonly DeskFormInput[],
): string {
  const order = (id: string) => {
    const index = form.findIndex((field) => field.id === id);
    return index === -1 ? form.length : index;
  };
  return Object.entries(input)
    .sort(([a], [b]) => order(a) - order(b))
    .map(([id, value]) => {
      const label = form.find((field) => field.id === id)?.label ?? id;
      return `${label}: ${deskValue(value)}`;
    })
    .join('; ');
}

/** One input's value as people read it: rows joined, amounts with two decimals and thousands (2,520.00). */
export function deskValue(value: DeskInputValue): string {
  if (Array.isArray(value)) return value.join(', ');
  if (typeof value === 'number') {
    return value.toLocaleString('en-US', { minimumFractionDigits: 2, maximumFractionDigits: 2 });
  }
  return value;
}

function count(n: number, noun: string): string {
  return `${n} ${noun}${n === 1 ? '' : 's'}`;
}
